import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { importPlan } from '../domain/plans/import';

const repoRoot = path.resolve(__dirname, '..');
const sharedDir = process.env['DONDOC_SHARED_DIR'] ?? path.resolve(repoRoot, 'test', 'fixtures', 'shared');

function documents(): { file: string; text: string }[] {
  return ['seeds', 'corpus'].flatMap((dir) =>
    readdirSync(path.join(sharedDir, dir))
      .sort()
      .map((name) => path.join(sharedDir, dir, name))
      .map((file) => ({ file, text: readFileSync(file, 'utf8') })),
  );
}

/** Imports every seed and corpus plan once after a warm-up; target < 1 s. */
export async function benchImport(): Promise<{ files: number; tasks: number; totalMs: number }> {
  const docs = documents();
  for (const d of docs) importPlan(d.text, d.file);
  const start = performance.now();
  let tasks = 0;
  for (const d of docs) {
    const r = importPlan(d.text, d.file);
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
