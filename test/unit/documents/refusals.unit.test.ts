import { crc32, deflateRawSync } from 'node:zlib';
import { importFile } from '../../../documents/read';
import { makeMergedDocx, makePdf } from '../../support/documents';

/** A zip written by hand, so a test can declare sizes that lie. */
function zip(entries: { name: string; data: Buffer; declared?: number; raw?: boolean }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const body = e.raw ? e.data : deflateRawSync(e.data);
    const name = Buffer.from(e.name);
    const size = e.declared ?? e.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(e.data), 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc32(e.data), 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

async function refusal(buf: Buffer, name: string, limits = {}) {
  const started = Date.now();
  const r = await importFile(buf, name, { limits });
  if (r.ok) throw new Error(`${name} was imported`);
  expect(r.error.file).toBe(name);
  expect(r.error.message.startsWith(`${name}:`)).toBe(true);
  expect(r.error.message).not.toMatch(/\n\s+at /); // never a stack trace
  return { ...r.error, status: 'status' in r ? r.status : null, ms: Date.now() - started };
}

describe('bad files are refused clearly, in bounded memory and time, and nothing is imported', () => {
  it('a zip bomb: 64 MB of zeros in 64 KB, refused from its directory before inflating', async () => {
    const bomb = zip([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'word/document.xml', data: Buffer.alloc(64 * 1024 * 1024) },
    ]);
    expect(bomb.length).toBeLessThan(200_000);
    const e = await refusal(bomb, 'bomb.docx');
    expect(e.status).toBe(413);
    expect(e.message).toMatch(/zip bomb: "word\/document\.xml" inflates \d+×/);
  });

  it('a zip that declares small sizes but inflates to more is refused, not inflated', async () => {
    const liar = zip([{ name: 'word/document.xml', data: Buffer.alloc(8 * 1024 * 1024), declared: 1000 }]);
    const e = await refusal(liar, 'liar.docx');
    expect(e.status).toBe(422);
    expect(e.message).toMatch(/damaged/);
  });

  it('an .xlsx that lies about its sizes is refused before exceljs inflates it', async () => {
    const liar = zip([{ name: 'xl/workbook.xml', data: Buffer.alloc(8 * 1024 * 1024), declared: 1000 }]);
    const e = await refusal(liar, 'liar.xlsx');
    expect(e.status).toBe(422);
    expect(e.message).toMatch(/liar\.xlsx: a damaged an Excel workbook|damaged/);
  });

  it('a 200 MB file is refused by the size limit before it is read', async () => {
    const big = Buffer.alloc(200 * 1024 * 1024, 0x41);
    const e = await refusal(big, 'huge.pdf');
    expect(e.status).toBe(413);
    expect(e.message).toMatch(/more than the 52428800 accepted \(DONDOC_DOCUMENT_MAX_BYTES\)/);
    expect(e.ms).toBeLessThan(1000);
  });

  it('a password-protected .docx (an OLE compound file, not a zip)', async () => {
    const ole = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(4096, 1)]);
    const e = await refusal(ole, 'secret.docx');
    expect(e.status).toBe(415);
    expect(e.message).toMatch(/password-protected \(encrypted\) Office file/);
  });

  it('a corrupt zip: a .docx cut in half', async () => {
    const good = await makeMergedDocx();
    const e = await refusal(good.subarray(0, Math.floor(good.length / 2)), 'cut.docx');
    expect(e.status).toBe(422);
    expect(e.message).toMatch(/a damaged a Word document|damaged/);
  });

  it('a file named .docx that is not one', async () => {
    const e = await refusal(Buffer.from('hello'), 'renamed.docx');
    expect(e.status).toBe(422);
    expect(e.message).toMatch(/the content is not one/);
  });

  it('a PDF pdfjs cannot open', async () => {
    const e = await refusal(Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >>\ngarbage\n%%EOF'), 'broken.pdf');
    expect(e.status).toBe(422);
    expect(e.message).toMatch(/broken\.pdf: the PDF (cannot be opened|has no text layer)/);
  });

  it('a scanned PDF (no text layer) says so and what to do', async () => {
    const e = await refusal(await makePdf([], { scanned: true }), 'scan.pdf');
    expect(e.status).toBe(422);
    expect(e.message).toMatch(/no text layer .* looks scanned/);
    expect(e.message).toMatch(/OCR/);
  });

  it('a PDF that takes too long is stopped at the timeout', async () => {
    const pdf = await makePdf([{ kind: 'paragraph', text: 'Số: 1/KH-UBND' }]);
    const e = await refusal(pdf, 'slow.pdf', { timeoutMs: 1 });
    expect(e.message).toMatch(/took longer than 0.001 s/);
    expect(e.ms).toBeLessThan(5000);
  });
});
