import fs from 'node:fs';
import { DateTime } from 'luxon';
import { importPlan } from '../../../domain/plans/import';
import {
  applyChange,
  findProvince,
  provinceDirectory,
  registerDirectory,
  type DirectoryChange,
  type DirectoryData,
} from '../../../domain/units';
import { ServiceError } from '../../../services/errors';
import { adoptUnits, proposeForPlan, unresolvedMentions, type AdoptDirectory } from '../../../services/unit-adopt';

const fixture = (p: string) => fs.readFileSync(`test/fixtures/shared/${p}`, 'utf8');
const NOW = DateTime.fromISO('2026-03-02T09:00:00', { zone: 'Asia/Ho_Chi_Minh' });

/** An in-memory editor: the directory's document and every recorded change with its actor. */
function memoryEditor(doc: DirectoryData) {
  let current = doc;
  const recorded: { change: DirectoryChange; actor: string; at: string }[] = [];
  const editor: AdoptDirectory = {
    current: async () => current,
    record: (_id, change, actor, now = NOW) => {
      current = applyChange(current, change);
      recorded.push({ change, actor, at: now.toISO() ?? '' });
      const record = { seq: recorded.length } as never;
      return { record, document: current };
    },
  };
  return { editor, recorded, doc: () => current };
}

describe('adopting the units of a plan (services/unit-adopt)', () => {
  // Nghệ An after init, less its departments (but the monitoring one): the plan's leads then need adopting.
  const full = provinceDirectory(findProvince('Nghệ An')!);
  const na: DirectoryData = {
    ...full,
    units: full.units.filter((u) => u.kind !== 'so' || u.id === full.monitoringUnitId),
  };
  afterAll(() => registerDirectory(full));
  const text = fixture('corpus/nghean-980-KH-UBND-2025.md');
  const load = () => {
    registerDirectory(na);
    const imported = importPlan(text, 'na.md', { directory: na.id });
    if (!imported.ok) throw new Error(imported.error.message);
    return imported.plan;
  };

  it('given a plan with unresolved leads, proposes a unit per distinct mention and counts what is left out', () => {
    const plan = load();
    const out = proposeForPlan(plan, na);
    const mentions = new Set(unresolvedMentions(plan).map((m) => m.text));
    expect(out.directory).toBe(na.id);
    expect(out.unresolved).toBe(mentions.size);
    expect(out.unresolvedLeads).toBeGreaterThan(0);
    expect(out.proposals.length).toBeGreaterThan(0);
    // Every mention either has a proposal (possibly shared with a spelling of the same name) or is left out.
    expect(out.proposals.length + out.leftOut.length).toBeLessThanOrEqual(mentions.size);
    for (const t of out.leftOut) expect(mentions.has(t)).toBe(true);
    expect(out.proposals.map((p) => p.unit.name)).toContain('Sở Tài chính');
    expect(out.proposals.find((p) => p.unit.name === 'Sở Tài chính')?.unit).toMatchObject({
      kind: 'so',
      headTitle: 'Giám đốc Sở Tài chính',
      parentId: na.issuingAuthorityId,
    });
  });

  it('when the proposals are accepted, records each as a change by the actor and the plan then resolves', async () => {
    const plan = load();
    const { proposals } = proposeForPlan(plan, na);
    const m = memoryEditor(na);
    const result = await adoptUnits(m.editor, na.id, proposals, 'Phòng Nội vụ [t1]', NOW);
    expect(result.added.map((u) => u.id).sort()).toEqual(proposals.map((p) => p.unit.id).sort());
    expect(result.alreadyThere).toEqual([]);
    expect(m.recorded).toHaveLength(proposals.length);
    expect(m.recorded.every((r) => r.actor === 'Phòng Nội vụ [t1]' && r.change.type === 'UnitAdded')).toBe(true);

    registerDirectory(m.doc());
    const again = importPlan(text, 'na.md', { directory: na.id });
    if (!again.ok) throw new Error(again.error.message);
    const after = proposeForPlan(again.plan, m.doc());
    expect(after.proposals).toEqual([]);
    expect(after.unresolvedLeads).toBeLessThan(proposeForPlan(plan, na).unresolvedLeads);

    // Adopting the same proposals twice adds nothing and says which were there.
    const twice = await adoptUnits(m.editor, na.id, proposals, 'Phòng Nội vụ [t1]', NOW);
    expect(twice.added).toEqual([]);
    expect(twice.alreadyThere).toHaveLength(proposals.length);
  });

  it('takes corrections: a proposal may name another one as its parent, given in any order', async () => {
    const m = memoryEditor(na);
    const child = {
      unit: {
        id: 'nghe-an.phong-thu-nghiem',
        name: 'Phòng Thử nghiệm',
        kind: 'phong',
        headTitle: 'Trưởng Phòng Thử nghiệm',
        parentId: 'nghe-an.trung-tam-thu-nghiem',
        supervisorId: 'nghe-an.trung-tam-thu-nghiem',
      },
    };
    const parent = {
      unit: {
        id: 'nghe-an.trung-tam-thu-nghiem',
        name: 'Trung tâm Thử nghiệm',
        kind: 'don-vi-su-nghiep',
        headTitle: 'Giám đốc Trung tâm Thử nghiệm',
        parentId: na.issuingAuthorityId,
        supervisorId: na.issuingAuthorityId,
      },
    };
    const result = await adoptUnits(m.editor, na.id, [child, parent], 'admin', NOW);
    expect(result.added.map((u) => u.id)).toEqual(['nghe-an.trung-tam-thu-nghiem', 'nghe-an.phong-thu-nghiem']);
    expect(m.doc().units.find((u) => u.id === 'nghe-an.phong-thu-nghiem')?.parentId).toBe(
      'nghe-an.trung-tam-thu-nghiem',
    );
  });

  it.each([
    [
      'an unknown kind',
      [{ unit: { id: 'nghe-an.x', name: 'X', kind: 'ministry-ish', headTitle: 'Trưởng X' } }],
      /proposals\[0\]\.unit\.kind/,
    ],
    [
      'a bad id',
      [{ unit: { id: 'Nghệ An X', name: 'X', kind: 'so', headTitle: 'Giám đốc X' } }],
      /proposals\[0\]\.unit\.id: expected an id/,
    ],
    [
      'an id given twice',
      [
        { unit: { id: 'nghe-an.x', name: 'X', kind: 'so', headTitle: 'Giám đốc X' } },
        { unit: { id: 'nghe-an.x', name: 'X2', kind: 'so', headTitle: 'Giám đốc X2' } },
      ],
      /proposals\[1\]\.unit\.id: "nghe-an\.x" is already given by proposals\[0\]/,
    ],
    [
      'a parent that is nowhere',
      [
        { unit: { id: 'nghe-an.ok', name: 'Ok', kind: 'so', headTitle: 'Giám đốc Ok' } },
        { unit: { id: 'nghe-an.y', name: 'Y', kind: 'so', headTitle: 'Giám đốc Y', parentId: 'nghe-an.nowhere' } },
      ],
      /proposals\[1\] \(nghe-an\.y\): .*parent nghe-an\.nowhere is not a unit/s,
    ],
  ])('given %s, refuses the whole lot naming the proposal, and records nothing', async (_what, accepted, message) => {
    const m = memoryEditor(na);
    const refused = adoptUnits(m.editor, na.id, accepted, 'admin', NOW);
    await expect(refused).rejects.toBeInstanceOf(ServiceError);
    await expect(refused).rejects.toThrow(message);
    expect(m.recorded).toEqual([]);
  });
});
