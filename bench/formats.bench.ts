import { readFileSync } from 'node:fs';
import path from 'node:path';
import { importFile } from '../documents/read';
import { blocksOfPipeText, makeDocx, makePdf } from '../test/support/documents';

const repoRoot = path.resolve(__dirname, '..');
const sharedDir = process.env['DONDOC_SHARED_DIR'] ?? path.resolve(repoRoot, 'test', 'fixtures', 'shared');
const PLAN = path.join(sharedDir, 'corpus', 'dongthap-617-KH-UBND-2025.md');

async function timeImport(buf: Buffer, name: string): Promise<{ ms: number; tasks: number }> {
  await importFile(buf, name); // warm-up: module loading, the pdfjs worker's first start
  const start = performance.now();
  const r = await importFile(buf, name);
  if (!r.ok) throw new Error(r.error.message);
  return { ms: Math.round((performance.now() - start) * 10) / 10, tasks: r.plan.tasks.length };
}

/**
 * The import time of one plan as .docx and as a 5-page .pdf (corpus dongthap-617, written with docx and pdfkit):
 * the .pdf time includes starting the pdfjs worker thread, as every import does.
 */
export async function benchFileImport(): Promise<{ docxMs: number; pdfMs: number; tasks: number }> {
  const blocks = blocksOfPipeText(readFileSync(PLAN, 'utf8'));
  const docx = await timeImport(await makeDocx(blocks), 'plan.docx');
  const pdf = await timeImport(await makePdf(blocks, { running: true }), 'plan.pdf');
  return { docxMs: docx.ms, pdfMs: pdf.ms, tasks: pdf.tasks };
}

if (require.main === module) {
  benchFileImport()
    .then((r) => console.log(`import: .docx ${r.docxMs} ms, .pdf ${r.pdfMs} ms (${r.tasks} tasks)`))
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
