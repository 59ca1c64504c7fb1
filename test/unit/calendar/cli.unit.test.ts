import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const BIN = resolve(__dirname, '../../../bin/dondoc.js');

async function dondoc(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('node', [BIN, 'calendar', ...args], { env: { ...process.env, ...env } });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

jest.setTimeout(60000);

describe('dondoc calendar (JSON contract)', () => {
  it('year YYYY --json', async () => {
    const { code, stdout } = await dondoc(['year', '2026', '--json']);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(Object.keys(out)).toEqual(['year', 'official', 'nonWorkingWeekdays', 'workingWeekendDays', 'days']);
    expect(out.year).toBe(2026);
    expect(out.official).toBe(true);
    expect(out.nonWorkingWeekdays).toContain('2026-02-17');
    expect(out.workingWeekendDays).toEqual(['2026-01-10', '2026-08-22']);
    expect(out.days[0]).toEqual({
      date: '2026-01-01',
      kind: 'holiday',
      name: 'Tết Dương lịch',
      source: expect.any(String),
    });
  });

  it('add-working-days YYYY-MM-DD N --json, also negative N', async () => {
    expect(JSON.parse((await dondoc(['add-working-days', '2026-02-13', '1', '--json'])).stdout)).toEqual({
      date: '2026-02-23',
    });
    expect(JSON.parse((await dondoc(['add-working-days', '2026-02-23', '-1', '--json'])).stdout)).toEqual({
      date: '2026-02-13',
    });
  });

  it('is-working-day YYYY-MM-DD --json', async () => {
    const out = JSON.parse((await dondoc(['is-working-day', '2024-05-04', '--json'])).stdout);
    expect(out).toEqual({ date: '2024-05-04', working: true, reason: expect.stringContaining('makeup') });
  });

  it('readable text without --json', async () => {
    const { code, stdout } = await dondoc(['is-working-day', '2025-09-02']);
    expect(code).toBe(0);
    expect(stdout).toContain('not a working day');
  });

  it.each([
    [['is-working-day', '2025-02-29', '--json'], /date: expected a real date as YYYY-MM-DD, got "2025-02-29"/],
    [['year', '20x6', '--json'], /year: expected an integer/],
    [['add-working-days', '2025-01-02', 'three', '--json'], /n: expected an integer/],
  ])('bad input %j → one-line error, no stack trace', async (args, message) => {
    const { code, stdout, stderr } = await dondoc(args);
    expect(code).not.toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('--calendar file and DONDOC_CALENDAR_FILE apply overrides', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dondoc-cal-'));
    const yamlFile = join(dir, 'cal.yaml');
    writeFileSync(yamlFile, 'days:\n  - date: "2027-04-26"\n    working: false\n    name: Nghỉ theo quyết định\n');
    const viaOption = JSON.parse(
      (await dondoc(['is-working-day', '2027-04-26', '--json', '--calendar', yamlFile])).stdout,
    );
    expect(viaOption).toMatchObject({ working: false, reason: expect.stringContaining('Nghỉ theo quyết định') });
    const jsonFile = join(dir, 'cal.json');
    writeFileSync(jsonFile, JSON.stringify({ days: [{ date: '2027-04-24', working: true }] }));
    const viaEnv = JSON.parse(
      (await dondoc(['is-working-day', '2027-04-24', '--json'], { DONDOC_CALENDAR_FILE: jsonFile })).stdout,
    );
    expect(viaEnv).toMatchObject({ working: true });
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ days: [{ date: '2027-04-24' }] }));
    const { code, stderr } = await dondoc(['year', '2027', '--calendar', bad]);
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/days\[0\] \(entry 0\)\.working/);
  });
});
