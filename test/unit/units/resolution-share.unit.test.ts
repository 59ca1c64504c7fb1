import fs from 'node:fs';
import path from 'node:path';
import { importPlan } from '../../../domain/plans/import';
import { mentionClass, registerDirectory, templateForIssuer } from '../../../domain/units';

const shared = path.join(__dirname, '..', '..', 'fixtures', 'shared');

/**
 * After `dondoc units init` of the template the issuer calls for, every lead of these plans resolves: a province
 * plan (departments, sectoral agencies, communes), a ministry's letter assigning the provinces, and a ministry's
 * letter naming a merged ministry and "UBND cấp tỉnh".
 */
describe.each([
  ['corpus/dongthap-617-KH-UBND-2025.md', 'dong-thap', 11],
  ['corpus2/bonnmt-9389-BNNMT-BDKH-2025.md', 'bo-nong-nghiep-va-moi-truong', 12],
  ['corpus2/botc-8388-BTC-QLCS-2026.md', 'bo-tai-chinh', 8],
])('%s after init', (file, directory, minLeads) => {
  it('resolves every lead', () => {
    const text = fs.readFileSync(path.join(shared, file), 'utf8');
    const before = importPlan(text, path.basename(file));
    if (!before.ok) throw new Error(before.error.message);
    const doc = templateForIssuer(before.plan.plan.issuer);
    expect(doc?.id).toBe(directory);
    registerDirectory(doc!);
    const after = importPlan(text, path.basename(file), { directory });
    if (!after.ok) throw new Error(after.error.message);
    const leads = after.plan.tasks.flatMap((t) => t.lead);
    expect(leads.length).toBeGreaterThanOrEqual(minLeads);
    // Vague phrases ("Bộ quản lý chuyên ngành": whichever ministry manages the sector) say no body; all else resolves.
    expect(leads.filter((m) => m.kind === 'unresolved' && mentionClass(m.text) !== 'vague').map((m) => m.text)).toEqual(
      [],
    );
  });
});
