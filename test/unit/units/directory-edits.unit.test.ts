import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import type { TaskProjection } from '../../../projections/model';
import { affectedAssignments, describeEffect, DirectoryEditor } from '../../../services/directory-edits';
import { DirectoryStore } from '../../../services/directory-store';
import { ServiceError } from '../../../services/errors';

const NOW = DateTime.fromISO('2026-12-05T10:00:00', { zone: 'Asia/Ho_Chi_Minh' });

describe('DirectoryEditor (the one edit path of the CLI and the API)', () => {
  let dir = '';
  let editor: DirectoryEditor;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'dondoc-edits-'));
    editor = new DirectoryEditor(new DirectoryStore(dir));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('stores a shipped directory before its first edit and records actor and time', async () => {
    const unit = (await editor.current('hcm-q1')).units.find((u) => u.kind !== 'ubnd')!;
    const out = await editor.record(
      'hcm-q1',
      { type: 'UnitRenamed', unitId: unit.id, name: 'Tên mới' },
      'tester [t1]',
      NOW,
    );
    expect(out.record.seq).toBe(2);
    const { history, chain } = await editor.history('hcm-q1');
    expect(history.map((h) => h.change.type)).toEqual(['DirectoryImported', 'UnitRenamed']);
    expect(history[1]).toMatchObject({ actor: 'tester [t1]', at: NOW.toISO() });
    expect(chain).toEqual({ ok: true });
    expect(await editor.unit('hcm-q1', unit.id)).toMatchObject({
      name: 'Tên mới',
      aliases: expect.arrayContaining([unit.name]),
    });
  });

  it('refuses an unknown unit with not-found and a self-merge with conflict, storing nothing', async () => {
    const id = (await editor.current('hcm-q1')).units[0]!.id;
    const err = async (f: () => Promise<unknown>) => {
      try {
        await f();
      } catch (e) {
        return e as ServiceError;
      }
      throw new Error('expected a refusal');
    };
    expect(
      (await err(() => editor.record('hcm-q1', { type: 'UnitRetired', unitId: 'no.such', lastDay: '2026-12-01' }, 'a')))
        .code,
    ).toBe('not-found');
    expect(
      (
        await err(() =>
          editor.record('hcm-q1', { type: 'UnitsMerged', from: [id], into: id, lastDay: '2026-12-01' }, 'a'),
        )
      ).code,
    ).toBe('conflict');
    expect((await editor.history('hcm-q1')).history.map((h) => h.change.type)).toEqual([
      // The refused change's directory is stored once as shipped; the refused changes themselves are not.
      'DirectoryImported',
    ]);
    expect((await err(() => editor.current('nowhere'))).code).toBe('not-found');
  });
});

describe('what a change affects', () => {
  const task = (workflowId: string, unitId: string, status: TaskProjection['status'], planId = 'p1') =>
    ({ workflowId, planId, taskRef: workflowId, title: workflowId, unitId, status, nextDue: null }) as TaskProjection;
  const tasks = [
    task('a', 'u.x', 'overdue'),
    task('b', 'u.x', 'done-late'),
    task('c', 'u.y', 'in-progress', 'p2'),
    task('d', 'u.z', 'due-soon'),
  ];

  it('counts only open assignments of the units, and says so', () => {
    const open = affectedAssignments(tasks, ['u.x', 'u.y']);
    expect(open.map((o) => o.workflowId)).toEqual(['a', 'c']);
    const doc = {
      units: [
        { id: 'u.x', name: 'X' },
        { id: 'u.y', name: 'Y' },
      ],
    } as never;
    const e = describeEffect(
      { type: 'UnitsMerged', from: ['u.x', 'u.y'], into: 'u.z', lastDay: '2026-12-04' },
      doc,
      open,
    );
    expect(e.plans).toEqual(['p1', 'p2']);
    expect(e.summary).toMatch(/^2 open assignments of 2 plans \(p1, p2\) point at u\.x \(X\), u\.y \(Y\)/);
    expect(describeEffect({ type: 'UnitRetired', unitId: 'u.y', lastDay: '2026-12-04' }, doc, []).summary).toMatch(
      /^no open assignment points at u\.y \(Y\)/,
    );
  });
});
