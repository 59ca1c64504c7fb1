import { readPdf } from '../../../documents/pdf';
import { pdfLayout, type PdfItem, type PdfPage } from '../../../documents/pdf-layout';
import { DEFAULT_LIMITS } from '../../../documents/limits';
import type { DocBlock, PlanDocument } from '../../../domain/plans/document';
import { makePdf, type Block, type PdfOptions } from '../../support/documents';

// The rules that rebuild a document from a PDF's positioned text, each on a small PDF printed by pdfkit (as a word
// processor prints one) and, where the rule is about exact positions, on text placed by hand.

// Each PDF is read in a worker thread, as every import does: slow on a loaded machine.
jest.setTimeout(30_000);

const read = async (blocks: Block[], opts: PdfOptions = {}): Promise<PlanDocument> =>
  readPdf(await makePdf(blocks, opts), 'test.pdf', DEFAULT_LIMITS);
const tables = (doc: PlanDocument) =>
  doc.blocks.filter((b): b is Extract<DocBlock, { kind: 'table' }> => b.kind === 'table');
const paragraphs = (doc: PlanDocument) => doc.blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []));
const texts = (doc: PlanDocument) => tables(doc).map((t) => t.rows.map((r) => r.map((c) => c.text)));

/** A page of text placed by hand: each line a baseline y and its pieces [x, text], 5 pt a character, 9 pt high. */
function page(number: number, lines: [number, ...[number, string][]][]): PdfPage {
  const items: PdfItem[] = lines.flatMap(([y, ...pieces]) =>
    pieces.map(([x, str]) => ({ str, x, y, width: 5 * str.length, height: 9 })),
  );
  return { number, width: 595, height: 842, items };
}

const HEADER = ['STT', 'Nội dung nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời gian hoàn thành'];
const row = (n: number): string[] => [
  String(n),
  `Rà soát, đánh giá thủ tục hành chính thuộc lĩnh vực số ${n} theo Nghị định số 61/2018/NĐ-CP của Chính phủ`,
  'Sở Nội vụ',
  'Các sở, ban, ngành; Ủy ban nhân dân các xã, phường',
  `Quý ${['I', 'II', 'III', 'IV'][n % 4]} năm 2026`,
];

describe('a ruled table is rebuilt from where its text sits', () => {
  it('one row per table row, one cell per column, the paragraphs around it kept', async () => {
    const rows = [HEADER, row(1), row(2), row(3)];
    const doc = await read([
      { kind: 'paragraph', text: 'KẾ HOẠCH Cải cách hành chính năm 2026' },
      { kind: 'table', rows },
      { kind: 'paragraph', text: 'Trên đây là Kế hoạch cải cách hành chính năm 2026.' },
    ]);
    expect(doc.blocks.map((b) => b.kind)).toEqual(['paragraph', 'table', 'paragraph']);
    expect(texts(doc)).toEqual([rows]);
  });

  it('a cell long enough to wrap over many lines stays in its row and its table', async () => {
    const long = Array.from({ length: 30 }, (_, k) => `nội dung thứ ${k + 1}`).join(', ');
    const rows = [HEADER, row(1), ['2', long, 'Sở Tư pháp', 'Sở Nội vụ', 'Năm 2026'], row(3)];
    const doc = await read([{ kind: 'table', rows }]);
    expect(texts(doc)).toEqual([rows]);
  });
});

describe('wrapped lines are joined, written line breaks kept', () => {
  it('a cell’s wrapped lines are one text; lines the writer broke stay apart', async () => {
    const rows = [
      HEADER,
      row(1),
      ['2', 'Tổng hợp báo cáo', 'Văn phòng', 'Sở Nội vụ', '- Quý I: Kế hoạch;\n- Quý III: Báo cáo.'],
    ];
    const doc = await read([{ kind: 'table', rows }]);
    expect(texts(doc)).toEqual([rows]);
  });

  it('no space is put where a line broke at a hyphen or slash inside a word ("NĐ-" / "CP", "Quý II" / "/2026")', () => {
    // A cell 100 pt wide (x 60–160): each line is full, so the next one goes on it.
    const doc = pdfLayout([
      page(1, [
        [700, [20, 'STT'], [60, 'Nội dung'], [200, 'Chủ trì'], [300, 'Thời hạn']],
        [680, [20, '1'], [60, 'Nghị định số 61/'], [200, 'Sở Nội vụ'], [300, 'Quý I']],
        [670, [60, '2018/NĐ-CP của Chính']],
        [660, [60, 'phủ về cơ chế một cửa']],
        [640, [20, '2'], [60, 'Quyết định 25/QĐ-'], [200, 'Sở Tư pháp'], [300, 'Quý II']],
        [630, [60, 'UBND của Thành phố'], [300, '/2026']],
      ]),
    ]);
    expect(
      texts(doc)[0]
        ?.slice(1)
        .map((r) => [r[1], r[3]]),
    ).toEqual([
      ['Nghị định số 61/2018/NĐ-CP của Chính phủ về cơ chế một cửa', 'Quý I'],
      ['Quyết định 25/QĐ-UBND của Thành phố', 'Quý II/2026'],
    ]);
  });

  it('a paragraph’s wrapped lines are one text, over a page break too; a short last line ends it', () => {
    const full = (s: string) => `${s} ${'x'.repeat(95 - s.length)}`; // 480 pt: lines from x 50 to 530
    const doc = pdfLayout([
      page(1, [
        [700, [50, full('Căn cứ Quyết định số 4424/QĐ-UBND ngày 31 tháng 12 năm 2021')]],
        [689, [50, 'của Ủy ban nhân dân Thành phố.']],
        [670, [50, full('Thực hiện Nghị quyết số 10-NQ/QU ngày 31 tháng 12 năm 2021 của Ban')]],
        [659, [50, full('Chấp hành Đảng bộ Quận 1 về kết quả công tác năm 2021')]],
      ]),
      page(2, [[780, [50, 'và nhiệm vụ, giải pháp năm 2022.']]]),
    ]);
    expect(doc.blocks.map((b) => b.kind)).toEqual(['paragraph', 'paragraph']);
    expect(paragraphs(doc).map((t) => t.split('\n').length)).toEqual([1, 1]);
    expect(paragraphs(doc)[1]).toMatch(/ của Ban x+ Chấp hành .* x+ và nhiệm vụ, giải pháp năm 2022\.$/);
  });
});

describe('a table printed over several pages is one table', () => {
  const rows = [HEADER, ...Array.from({ length: 40 }, (_, k) => row(k + 1))];

  it('its header row, repeated at the top of each page, is kept once', async () => {
    const doc = await read([{ kind: 'table', rows }], { running: true });
    expect(texts(doc)).toEqual([rows]);
    expect(doc.notes.join('; ')).toMatch(/dropped ([2-9]|\d{2,}) table headers repeated on later pages/);
  });

  it('a header of two lines (a wrapped cell) at the top of each page is not taken for a running header', async () => {
    const wrappedHeader = [...HEADER.slice(0, 4), 'Thời gian hoàn thành theo kế hoạch của đơn vị'];
    const doc = await read([{ kind: 'table', rows: [wrappedHeader, ...rows.slice(1)] }], { running: true });
    expect(texts(doc)).toEqual([[wrappedHeader, ...rows.slice(1)]]);
  });
});

describe('running headers, footers and page numbers are dropped', () => {
  it('a header from page 2 on and a "Trang n/N" footer on every page leave no trace', async () => {
    const paras: Block[] = Array.from({ length: 150 }, (_, k) => ({
      kind: 'paragraph',
      text: `${k + 1}. Rà soát, đánh giá, đề xuất đơn giản hóa thủ tục hành chính trong lĩnh vực thứ ${k + 1} của Thành phố.`,
    }));
    const doc = await read(paras, { running: true });
    expect(doc.blocks.map((b) => b.page)).toContain(3);
    expect(
      doc.blocks.filter((b) => /CỔNG THÔNG TIN|Trang \d+\/\d+/.test(b.kind === 'paragraph' ? b.text : '')),
    ).toEqual([]);
    // One block per paragraph, or paragraphs as the lines of a block: both are the paragraphs as written.
    expect(paragraphs(doc).join('\n').split('\n')).toEqual(paras.map((p) => (p.kind === 'paragraph' ? p.text : '')));
  });
});

describe('justified paragraphs are not tables', () => {
  it('words written one by one with wide even gaps are one paragraph line', async () => {
    // Few long words a line: the gaps a justified line spreads them by are wider than half the text height.
    const words = 'Thủ trưởng các cơ quan, đơn vị, Chủ tịch Ủy ban nhân dân các phường, xã, thị trấn chịu trách nhiệm';
    const paras: Block[] = [1, 2, 3].map((k) => ({ kind: 'paragraph', text: `${k}. ${words} ${words} ${words}.` }));
    const doc = await read(paras, { justify: true });
    expect(tables(doc)).toEqual([]);
    expect(paragraphs(doc)).toEqual(paras.map((p) => (p.kind === 'paragraph' ? p.text : '')));
  });

  it('lines whose wide word gaps (uneven: runs in different fonts) overlap only by chance are a paragraph', () => {
    // Gaps of 5–7 pt at 9 pt: each wider than half the text height, so each line is pieces; where gaps of different
    // lines overlap, they overlap by less than 0.6 em.
    const words =
      'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015 Luật sửa đổi bổ sung một số điều';
    const lines = [0, 1, 2, 3].map((k): [number, ...[number, string][]] => {
      const pieces: [number, string][] = [];
      let x = 50;
      for (const [i, w] of words
        .split(' ')
        .slice(k * 2, k * 2 + 12)
        .entries()) {
        pieces.push([x, w]);
        x += 5 * w.length + 5 + ((i + k) % 3);
      }
      return [700 - 11 * k, ...pieces];
    });
    const doc = pdfLayout([page(1, lines)]);
    expect(doc.blocks.map((b) => b.kind)).toEqual(['paragraph']);
  });
});
