import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { importPlan, type ImportOptions } from '../domain/plans/import';

const repoRoot = path.resolve(__dirname, '..');
const sharedDir = process.env['DONDOC_SHARED_DIR'] ?? path.resolve(repoRoot, 'test', 'fixtures', 'shared');

/** The issue date given, as a user gives --issued, to the drafts of corpus2 whose text states none. */
const ISSUED_WHEN_UNSTATED = '2026-01-01';

function documents(): { file: string; text: string; options: ImportOptions }[] {
  return ['seeds', 'corpus', 'corpus2'].flatMap((dir) =>
    readdirSync(path.join(sharedDir, dir))
      .filter((name) => name !== 'INDEX.md')
      .sort()
      .map((name) => path.join(sharedDir, dir, name))
      .map((file) => {
        const text = readFileSync(file, 'utf8');
        const first = importPlan(text, file);
        const asks = !first.ok && /--issued/.test(first.error.message);
        return { file, text, options: asks ? { issued: ISSUED_WHEN_UNSTATED } : {} };
      }),
  );
}

/** Imports every seed, corpus and corpus2 plan once after a warm-up; target < 1 s. */
export async function benchImport(): Promise<{ files: number; tasks: number; totalMs: number }> {
  const docs = documents();
  for (const d of docs) importPlan(d.text, d.file, d.options);
  const start = performance.now();
  let tasks = 0;
  for (const d of docs) {
    const r = importPlan(d.text, d.file, d.options);
    if (!r.ok) throw new Error(r.error.message);
    tasks += r.plan.tasks.length;
  }
  return { files: docs.length, tasks, totalMs: Math.round((performance.now() - start) * 10) / 10 };
}

if (require.main === module) {
  benchImport()
    .then((r) => console.log(`import: ${r.files} files, ${r.tasks} tasks in ${r.totalMs} ms`))
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
