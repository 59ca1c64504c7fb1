/**
 * How many lead mentions of the shared corpus resolve to units: with the shipped directories only (what a fresh
 * clone does), after `dondoc units init` of the template the issuer calls for, and after `dondoc units adopt --yes`
 * on top of that. Counts lead mentions and tasks whose every lead resolves; vague phrases ("các cơ quan liên quan")
 * count as unresolved. Documents the importer cannot read today are listed apart.
 * Usage: npx tsx scripts/measure-unit-resolution.ts [--json] [dir…] (default: test/fixtures/shared/corpus, corpus2).
 */
import fs from 'node:fs';
import path from 'node:path';
import { importPlan } from '../domain/plans/import';
import type { Plan } from '../domain/plans/model';
import {
  DirectoryDataSchema,
  proposeUnits,
  registerDirectory,
  SHIPPED_DIRECTORIES,
  templateForIssuer,
  type DirectoryData,
} from '../domain/units';
import { unresolvedMentions } from '../cli/commands/units';

interface Count {
  leads: number;
  resolved: number;
  tasks: number;
  tasksResolved: number;
}
const ZERO: Count = { leads: 0, resolved: 0, tasks: 0, tasksResolved: 0 };

function count(plan: Plan): Count {
  const leads = plan.tasks.flatMap((t) => t.lead);
  return {
    leads: leads.length,
    resolved: leads.filter((m) => m.kind !== 'unresolved').length,
    tasks: plan.tasks.length,
    tasksResolved: plan.tasks.filter((t) => t.lead.length > 0 && t.lead.every((m) => m.kind !== 'unresolved')).length,
  };
}
const add = (a: Count, b: Count): Count => ({
  leads: a.leads + b.leads,
  resolved: a.resolved + b.resolved,
  tasks: a.tasks + b.tasks,
  tasksResolved: a.tasksResolved + b.tasksResolved,
});
const share = (c: Count) =>
  `${c.resolved}/${c.leads} leads (${c.leads ? ((100 * c.resolved) / c.leads).toFixed(1) : '-'}%), ${c.tasksResolved}/${c.tasks} tasks`;

function shippedDocument(id: string): DirectoryData | null {
  const doc = SHIPPED_DIRECTORIES.find((d) => d.id === id);
  return doc ? DirectoryDataSchema.parse(doc) : null;
}

const args = process.argv.slice(2);
const json = args.includes('--json');
const dirs = args.filter((a) => a !== '--json');
const roots = dirs.length ? dirs : ['test/fixtures/shared/corpus', 'test/fixtures/shared/corpus2'];
const files = roots.flatMap((root) =>
  fs
    .readdirSync(root)
    .sort()
    .filter((f) => /\.(md|txt|json|yaml|csv)$/.test(f) && !/^(INDEX|README)\.md$/.test(f))
    .map((f) => path.join(root, f)),
);

// Pass 1, before any directory is loaded: what a fresh clone resolves.
const befores = new Map(files.map((file) => [file, importPlan(fs.readFileSync(file, 'utf8'), path.basename(file))]));

const rows: { file: string; directory?: string | null; before?: Count; init?: Count; adopt?: Count; error?: string }[] =
  [];
const total = { before: ZERO, init: ZERO, adopt: ZERO, unreadable: 0 };
for (const file of files) {
  const name = path.basename(file);
  const before = befores.get(file)!;
  if (!before.ok) {
    rows.push({ file: name, error: before.error.expected });
    total.unreadable++;
    continue;
  }
  const text = fs.readFileSync(file, 'utf8');
  let directory = before.plan.plan.directory;
  let doc = directory ? shippedDocument(directory) : null;
  let init = count(before.plan);
  let plan = before.plan;
  if (!directory) {
    doc = templateForIssuer(before.plan.plan.issuer);
    if (doc) {
      registerDirectory(doc);
      directory = doc.id;
      const afterInit = importPlan(text, name, { directory });
      if (afterInit.ok) {
        plan = afterInit.plan;
        init = count(plan);
      }
    }
  }
  let adopt = init;
  if (doc) {
    const proposals = proposeUnits(doc, unresolvedMentions(plan));
    const adopted = { ...doc, id: `${doc.id}-adopted`, units: [...doc.units, ...proposals.map((p) => p.unit)] };
    registerDirectory(adopted);
    const afterAdopt = importPlan(text, name, { directory: adopted.id });
    if (afterAdopt.ok) adopt = count(afterAdopt.plan);
  }
  const b = count(before.plan);
  total.before = add(total.before, b);
  total.init = add(total.init, init);
  total.adopt = add(total.adopt, adopt);
  rows.push({ file: name, directory, before: b, init, adopt });
}

if (json) {
  process.stdout.write(JSON.stringify({ rows, total }, null, 2) + '\n');
} else {
  const cell = (c: Count | undefined) => (c ? `${c.resolved}/${c.leads}`.padStart(9) : '');
  process.stdout.write(
    `${'document'.padEnd(48)} ${'directory'.padEnd(12)} ${'before'.padStart(9)} ${'init'.padStart(9)} ${'adopt'.padStart(9)}\n`,
  );
  for (const r of rows) {
    process.stdout.write(
      r.error
        ? `${r.file.padEnd(48)} not imported today (layout): ${r.error.slice(0, 50)}…\n`
        : `${r.file.padEnd(48)} ${String(r.directory).padEnd(12)} ${cell(r.before)} ${cell(r.init)} ${cell(r.adopt)}\n`,
    );
  }
  process.stdout.write(
    [
      '',
      `${rows.length - total.unreadable} documents imported, ${total.unreadable} not imported today`,
      `before (shipped directories): ${share(total.before)}`,
      `after init:                   ${share(total.init)}`,
      `after init + adopt:           ${share(total.adopt)}`,
      '',
    ].join('\n'),
  );
}
