import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ResolvedDeadlineSchema } from '../../../domain/deadlines';

const root = path.resolve(__dirname, '../../..');
const dondoc = (args: string[], input?: string) =>
  spawnSync(process.execPath, [path.join(root, 'bin/dondoc.js'), ...args], {
    cwd: root,
    input,
    encoding: 'utf8',
    timeout: 30_000,
  });

const KEYS = [
  'text',
  'kind',
  'milestones',
  'recurrence',
  'trigger',
  'workingDays',
  'calendarDays',
  'start',
  'notes',
  'months',
  'certain',
  'review',
];

describe('dondoc deadline parse', () => {
  test('given one phrase and --json, it prints one object with exactly the contract keys', () => {
    const r = dondoc([
      'deadline',
      'parse',
      'Trước tháng 10 năm 2022',
      '--issued',
      '2022-01-18',
      '--until',
      '2022-12-31',
      '--json',
    ]);
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const out = JSON.parse(lines[0] as string);
    expect(Object.keys(out)).toEqual(KEYS);
    expect(ResolvedDeadlineSchema.parse(out)).toMatchObject({
      kind: 'fixed',
      milestones: [{ label: 'Trước tháng 10 năm 2022', nominal: '2022-09-30', due: '2022-09-30' }],
    });
  }, 30_000);

  test('given JSON Lines on stdin, it answers line by line and reports bad lines without stopping', () => {
    const input = [
      JSON.stringify({ text: 'Quý I/2026', issued: '2026-01-01', until: '2026-12-31' }),
      '{not json',
      JSON.stringify({ text: 'Hằng quý', issued: '2026-01-01', until: '2026-06-30' }),
      JSON.stringify({ text: 'x', issued: '2026-02-30' }),
      JSON.stringify({ text: 'Thường xuyên', issued: '2026-01-01' }),
    ].join('\n');
    const r = dondoc(['deadline', 'parse'], input + '\n');
    expect(r.status).toBe(0);
    const out = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(out).toHaveLength(5);
    expect(out[0]).toMatchObject({ kind: 'fixed', milestones: [{ nominal: '2026-03-31' }] });
    expect(out[1]).toEqual({ error: expect.stringMatching(/^line 2: expected/) });
    expect(out[2].milestones.map((m: { nominal: string }) => m.nominal)).toEqual(['2026-03-31', '2026-06-30']);
    expect(out[3]).toEqual({ error: expect.stringMatching(/^line 4: expected "issued"/) });
    expect(Object.keys(out[4])).toEqual(KEYS);
  }, 30_000);

  test('given a bad --issued, it names the argument and exits non-zero', () => {
    const r = dondoc(['deadline', 'parse', 'Quý I', '--issued', '18/01/2022']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/--issued expects a date as YYYY-MM-DD/);
  }, 30_000);

  test('without --json, it renders a readable table', () => {
    const r = dondoc(['deadline', 'parse', 'Quý I năm 2022: Ban hành Kế hoạch', '--issued', '2022-01-18']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^fixed: /);
    expect(r.stdout).toMatch(/Ban hành Kế hoạch\s+2022-03-31\s+2022-03-31/);
  }, 30_000);

  test('given --explain, it says how the text became dates, in text and in JSON', () => {
    const args = ['deadline', 'parse', 'Trước tháng 10 năm 2026', '--issued', '2026-01-10', '--explain'];
    const text = dondoc(args);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('Giải thích: Trước tháng 10 năm 2026 → hạn cuối 30/9/2026 (thứ Tư, ngày làm việc)');
    const json = JSON.parse(dondoc([...args, '--json']).stdout);
    expect(Object.keys(json)).toEqual([...KEYS, 'explanation']);
    expect(json.explanation).toEqual({
      summary: 'Trước tháng 10 năm 2026 → hạn cuối 30/9/2026 (thứ Tư, ngày làm việc)',
      lines: ['trước tháng 10/2026: hạn là ngày cuối cùng trước kỳ đó, 30/9/2026'],
      certain: true,
    });
  }, 30_000);

  test('given a guess, the JSON says certain: false with the reason', () => {
    const r = dondoc(['deadline', 'parse', 'Dự kiến Quý III/2026', '--issued', '2026-01-10', '--json']);
    expect(JSON.parse(r.stdout)).toMatchObject({ certain: false, review: ['"dự kiến": thời hạn chỉ là dự kiến'] });
  }, 30_000);
});
