import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const BIN = resolve(__dirname, '../../../bin/dondoc.js');

jest.setTimeout(120000);

/** `dondoc units adopt` on the file store of a fresh data directory: the same all-or-nothing step as the API. */
describe('dondoc units adopt (file store)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dondoc-adopt-'));
  const env = { ...process.env, DONDOC_DATA_DIR: dir, DONDOC_DIRECTORY_STORE: 'file' };
  async function dondoc(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
      const { stdout, stderr } = await run('node', [BIN, 'units', ...args], { env });
      return { code: 0, stdout, stderr };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }
  const plan = join(dir, 'plan.yaml');
  const proposals = join(dir, 'proposals.yaml');

  beforeAll(async () => {
    writeFileSync(
      plan,
      [
        'plan:',
        '  number: 1/KH-UBND',
        '  issuer: UBND tỉnh Đồng Tháp',
        '  issued: 2026-11-02',
        '  title: Kế hoạch thử nghiệm',
        'tasks:',
        "  - ref: '1'",
        '    title: Kiểm tra công trình',
        '    lead: Ban Quản lý dự án đầu tư xây dựng công trình dân dụng',
        '    support: Trung tâm Thử nghiệm Vật liệu tỉnh',
        '    deadline: Trước ngày 30/12/2026',
        '',
      ].join('\n'),
    );
    expect((await dondoc('init', '--province', 'Đồng Tháp')).code).toBe(0);
    expect((await dondoc('adopt', plan, '--directory', 'dong-thap', '--out', proposals)).code).toBe(0);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('given a corrected file with one bad unit, when adopted, then nothing is added and the error names the file and the proposal', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, readFileSync(proposals, 'utf8').replace('kind: don-vi-su-nghiep', 'kind: nonsense'));
    const out = await dondoc('adopt', plan, '--from', bad);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain(`${bad}: proposals[1].unit.kind`);
    expect(out.stderr).toContain('nothing was added');
    const history = JSON.parse((await dondoc('history', 'dong-thap', '--json')).stdout) as { history: unknown[] };
    expect(history.history).toHaveLength(1);
  });

  it("given a province merged on 1/7/2025, when init, then the successor's directory is stored and it says so", async () => {
    const out = await dondoc('init', '--province', 'Đắk Nông');
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('Đắk Nông was merged into Tỉnh Lâm Đồng on 1/7/2025 (Nghị quyết 202/2025/QH15)');
    expect(out.stdout).toMatch(/^lam-dong: \d+ units of Tỉnh Lâm Đồng stored$/m);
    const unknown = await dondoc('init', '--province', 'Atlantis');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      '--province: "Atlantis" is none of the 34 provinces nor a province merged into one',
    );
  });

  it('given a file that is not a proposal list, when adopted, then it is refused with what was expected', async () => {
    const bad = join(dir, 'not-a-list.yaml');
    writeFileSync(bad, 'directory: dong-thap\nproposals: 3\n');
    const out = await dondoc('adopt', plan, '--from', bad);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain(`${bad}: proposals: expected a list of proposals`);
  });

  it('given the corrected file, when adopted, then every unit is added and a second --yes adds none', async () => {
    const out = await dondoc('adopt', plan, '--from', proposals);
    expect(out).toMatchObject({ code: 0 });
    expect(out.stdout).toMatch(/^2 units adopted into dong-thap/);
    const again = await dondoc('adopt', plan, '--directory', 'dong-thap', '--yes');
    expect(again.stdout).toMatch(/^0 units adopted into dong-thap/);
  });
});
