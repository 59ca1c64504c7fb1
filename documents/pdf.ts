import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { PlanDocument } from '../domain/plans/document';
import { DocumentError, type DocumentLimits } from './limits';
import { pdfLayout, type PdfPage } from './pdf-layout';

const WHAT = 'a PDF with a text layer';

// pdfjs-dist is ESM only, and a damaged PDF can make it spin or allocate without bound: it runs in a worker thread
// with its own heap limit, and is terminated at the timeout. The worker only extracts positioned text; the grid is
// rebuilt here (pdf-layout.ts), in plain testable code.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const pdfjs = await import(workerData.pdfjsUrl);
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(workerData.data),
    standardFontDataUrl: workerData.fontsUrl,
    useSystemFonts: false,
    isEvalSupported: false,
    disableFontFace: true,
    verbosity: 0,
  }).promise;
  if (doc.numPages > workerData.maxPages) {
    parentPort.postMessage({ tooManyPages: doc.numPages });
    return;
  }
  const pages = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const view = page.view;
    const content = await page.getTextContent();
    const items = [];
    for (const it of content.items) {
      if (typeof it.str !== 'string' || it.str === '') continue;
      const t = it.transform;
      items.push({ str: it.str, x: t[4], y: t[5], width: it.width, height: it.height || Math.abs(t[3]) });
    }
    pages.push({ number: n, width: view[2] - view[0], height: view[3] - view[1], items });
    page.cleanup();
  }
  await doc.destroy();
  parentPort.postMessage({ pages });
})().catch((err) => parentPort.postMessage({ error: String((err && err.message) || err), name: err && err.name }));
`;

interface WorkerReply {
  pages?: PdfPage[];
  tooManyPages?: number;
  error?: string;
  name?: string;
}

function extract(buf: Buffer, file: string, limits: DocumentLimits): Promise<PdfPage[]> {
  const pdfjsPath = require.resolve('pdfjs-dist/legacy/build/pdf.mjs');
  const fontsUrl = pathToFileURL(
    require.resolve('pdfjs-dist/package.json').replace(/package\.json$/, 'standard_fonts/'),
  ).href;
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { data: buf, pdfjsUrl: pathToFileURL(pdfjsPath).href, fontsUrl, maxPages: limits.maxPages },
      resourceLimits: { maxOldGenerationSizeMb: limits.workerHeapMb, maxYoungGenerationSizeMb: 32 },
      stdout: true,
      stderr: true,
    });
    let settled = false;
    const done = (f: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      f();
    };
    const timer = setTimeout(
      () =>
        done(() =>
          reject(
            new DocumentError(
              file,
              WHAT,
              `${file}: reading the PDF took longer than ${limits.timeoutMs / 1000} s; refused`,
              422,
            ),
          ),
        ),
      limits.timeoutMs,
    );
    worker.on('message', (m: WorkerReply) =>
      done(() => {
        if (m.pages) resolve(m.pages);
        else if (m.tooManyPages)
          reject(
            new DocumentError(
              file,
              WHAT,
              `${file}: the PDF has ${m.tooManyPages} pages, more than ${limits.maxPages}; refused`,
              413,
            ),
          );
        else if (m.name === 'PasswordException')
          reject(
            new DocumentError(
              file,
              WHAT,
              `${file}: the PDF is password-protected; expected ${WHAT} without a password`,
              422,
            ),
          );
        else
          reject(
            new DocumentError(
              file,
              WHAT,
              `${file}: the PDF cannot be opened (${m.error ?? 'unknown error'}); expected ${WHAT}`,
              422,
            ),
          );
      }),
    );
    worker.on('error', (err) =>
      done(() => {
        const oom = /heap|memory|ERR_WORKER_OUT_OF_MEMORY/i.test(
          `${err.message} ${(err as { code?: string }).code ?? ''}`,
        );
        reject(
          new DocumentError(
            file,
            WHAT,
            oom
              ? `${file}: reading the PDF needed more than ${limits.workerHeapMb} MB; refused`
              : `${file}: the PDF cannot be read (${err.message}); expected ${WHAT}`,
            422,
          ),
        );
      }),
    );
    worker.on('exit', () =>
      done(() => reject(new DocumentError(file, WHAT, `${file}: the PDF reader stopped before it finished`, 422))),
    );
  });
}

/** Reads a PDF's text layer into the document model; a scanned PDF (no text) is refused with a clear message. */
export async function readPdf(buf: Buffer, file: string, limits: DocumentLimits): Promise<PlanDocument> {
  const pages = await extract(buf, file, limits);
  const chars = pages.reduce((n, p) => n + p.items.reduce((k, i) => k + i.str.trim().length, 0), 0);
  if (chars < 20 * Math.max(1, Math.min(pages.length, 5)))
    throw new DocumentError(
      file,
      WHAT,
      `${file}: the PDF has no text layer (${pages.length} page(s), ${chars} characters of text): it looks scanned. ` +
        'Expected a PDF with selectable text; run OCR on it first (e.g. ocrmypdf -l vie) or import the .docx',
      422,
    );
  return pdfLayout(pages);
}
