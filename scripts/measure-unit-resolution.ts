/**
 * How many lead mentions of the shared plans resolve to units: with the shipped directories only (what a fresh
 * clone does), after `dondoc units init` of the template the issuer calls for, and after `dondoc units adopt --yes`
 * on top of that (scripts/lib/unit-resolution.ts). A draft that states no issue date is read with the date a user
 * would pass with `--issued`. Unresolved leads are counted by cause; vague phrases ("các cơ quan liên quan") are
 * unresolved but also reported apart, as "named leads" leave them out.
 * Usage: npx tsx scripts/measure-unit-resolution.ts [--json] [--unresolved [stage]] [dir…]
 *   (default dirs: test/fixtures/shared/seeds, corpus, corpus2; --unresolved lists every lead left unresolved after
 *   the stage, default "adopt", with its cause).
 */
import path from 'node:path';
import {
  CAUSES,
  STAGES,
  measureResolution,
  namedLeads,
  percent,
  planFiles,
  totals,
  type Count,
  type DocumentResolution,
  type Stage,
} from './lib/unit-resolution';

const args = process.argv.slice(2);
const json = args.includes('--json');
const at = args.indexOf('--unresolved');
const listStage: Stage | null =
  at < 0 ? null : STAGES.includes(args[at + 1] as Stage) ? (args[at + 1] as Stage) : 'adopt';
const dirs = args.filter((a, i) => !a.startsWith('--') && !(at >= 0 && i === at + 1 && STAGES.includes(a as Stage)));
const shared = process.env.DONDOC_SHARED_DIR ?? 'test/fixtures/shared';
const roots = dirs.length ? dirs : ['seeds', 'corpus', 'corpus2'].map((d) => path.join(shared, d));

const report = measureResolution(planFiles(roots));

if (json) {
  process.stdout.write(`${JSON.stringify({ ...report, totals: totals(report.documents) }, null, 2)}\n`);
  process.exit(0);
}

const cell = (c: Count) => `${c.resolved}/${c.leads}`.padStart(9);
const out: string[] = [
  `${'document'.padEnd(46)} ${'directory'.padEnd(28)} ${'before'.padStart(9)} ${'init'.padStart(9)} ${'adopt'.padStart(9)}  left after adopt`,
];
for (const d of report.documents) {
  const left = CAUSES.filter((c) => d.stages.adopt.causes[c] > 0)
    .map((c) => `${c} ${d.stages.adopt.causes[c]}`)
    .join(', ');
  out.push(
    `${d.file.padEnd(46)} ${String(d.directory).padEnd(28)} ${cell(d.stages.before)} ${cell(d.stages.init)} ${cell(d.stages.adopt)}  ${left}${d.issuedSupplied ? ` (issued ${d.issuedSupplied} supplied)` : ''}`,
  );
}
for (const [file, expected] of report.unreadable) out.push(`${file.padEnd(46)} not imported: ${expected}`);

const line = (label: string, docs: readonly DocumentResolution[]) => {
  const t = totals(docs);
  const cells = STAGES.map((s) => {
    const n = namedLeads(t[s]);
    return `${s} ${t[s].resolved}/${t[s].leads} (${percent(t[s].resolved, t[s].leads)}; named ${n.resolved}/${n.leads} ${percent(n.resolved, n.leads)})`;
  });
  return `${label.padEnd(9)} ${docs.length} documents: ${cells.join(' · ')}`;
};
const inFolder = (folder: string) =>
  report.documents.filter((d) => planFiles([folder]).some((f) => path.basename(f) === d.file));
out.push('', 'leads resolved (named: leaving out vague phrases)');
for (const root of roots) out.push(line(path.basename(root), inFolder(root)));
out.push(line('all', report.documents));
const t = totals(report.documents);
out.push(
  `unresolved after adopt by cause: ${CAUSES.map((c) => `${c} ${t.adopt.causes[c]}`).join(', ')}; ${report.unreadable.length} documents not imported`,
);

if (listStage) {
  out.push('', `leads unresolved after ${listStage}:`);
  for (const d of report.documents) {
    for (const u of d.unresolved[listStage]) {
      out.push(`${d.file}\t${u.ref}\t${u.cause}\t${u.text.replace(/\s+/g, ' ').slice(0, 120)}`);
    }
  }
}
process.stdout.write(`${out.join('\n')}\n`);
