import fc from 'fast-check';
import { createCalendar } from '../../../domain/calendar';
import { parseDeadline, resolveDeadline, ResolvedDeadlineSchema } from '../../../domain/deadlines';

const FRAGMENTS = [
  'Quý',
  'Quí',
  'QUÝ',
  'quy',
  'I',
  'II',
  'III',
  'IV',
  'năm',
  'nãm',
  'nam',
  'tháng',
  'thang',
  'ngày',
  'trước',
  'truoc',
  'trong',
  'chậm nhất',
  'đầu',
  'giữa',
  'cuối',
  'hằng',
  'hàng',
  'định kỳ',
  'thường xuyên',
  'sau khi',
  'khi có',
  'theo',
  'Đề án',
  'kế hoạch',
  'giai đoạn',
  'từ',
  'đến',
  'ngày làm việc',
  'trong vòng',
  'lần',
  'và tổng kết năm',
  'within',
  'working days',
  'quarterly',
  'by',
  'end of',
  'Q3',
  'before',
  'October',
  '2021',
  '2026',
  '2030',
  '1999',
  '0',
  '05',
  '10',
  '12',
  '31',
  '99',
  '/',
  '-',
  '–',
  '.',
  ',',
  ';',
  ':',
  '(',
  ')',
  '<i>',
  '</i>',
  '<ul style="x">',
  '\n',
  '\t',
  ' ',
  '“',
  '”',
  '%',
  'X',
];

const fragmentText = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 14 }).map((parts) => parts.join(' '));
const mixedText = fc
  .array(
    fc.oneof(
      fc.constantFrom(...FRAGMENTS),
      fc.string({ unit: 'grapheme', maxLength: 6 }),
      fc.integer({ min: 0, max: 3000 }).map(String),
    ),
    {
      maxLength: 12,
    },
  )
  .map((parts) => parts.join(''));
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fragmentText,
  mixedText,
);

const RUNS = 100_000;

describe('the parser never throws', () => {
  test(`parseDeadline on ${RUNS} random strings returns a schedule that keeps the text`, () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const s = parseDeadline(text);
        // The safety net in parseDeadline must never be what answered.
        const crashed = s.notes.some((n) => n.startsWith('internal parser error'));
        return !crashed && s.text === text && (s.kind !== 'unparsed' || s.notes.length > 0);
      }),
      { numRuns: RUNS, seed: 20260101 },
    );
  }, 60_000);

  test('resolving random fragment phrases always yields the CLI contract', () => {
    const calendar = createCalendar();
    const ctx = { issued: '2025-11-19', until: '2027-12-31' };
    fc.assert(
      fc.property(
        fragmentText,
        (text) => ResolvedDeadlineSchema.safeParse(resolveDeadline(parseDeadline(text), ctx, calendar)).success,
      ),
      { numRuns: 5_000, seed: 7 },
    );
  });
});
