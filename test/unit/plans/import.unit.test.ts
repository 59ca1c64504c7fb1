import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { importPlan } from '../../../domain/plans/import';
import { assignmentsOf, type Plan } from '../../../domain/plans/model';
import { corpusFile, loadPlan, repoRoot, seedFile, taskOf } from './shared';

const seed = seedFile;
const corpus = corpusFile;
const load = loadPlan;
const task = taskOf;

describe('seed 004 (tab-separated, District 1)', () => {
  const p = load(seed('004_59a7d8b938235585.txt'));
  it('reads the header', () => {
    expect(p.plan).toMatchObject({
      id: '17-kh-ubnd-q1-2022',
      number: '17/KH-UBND',
      issuer: 'UBND Quận 1',
      issued: '2022-01-18',
      directory: 'hcm-q1',
    });
    expect(p.plan.title).toMatch(/cải cách hành chính trên địa bàn Quận 1 năm 2022/);
    expect(p.plan.period).toEqual({ from: '2022-01-01', to: '2022-12-31' });
  });
  it('has 69 tasks in order', () => {
    expect(p.tasks).toHaveLength(69);
    expect(p.tasks[0]?.ref).toBe('1.1');
    expect(p.tasks[68]?.ref).toBe('7.14');
  });
  it('joins rows continued across page breaks and strips HTML', () => {
    const t = task(p, '1.3');
    expect(t.products.join(' ')).toMatch(/Quyết định công bố/);
    expect(t.support.map((m) => m.text).join('; ')).toMatch(/Chủ tịch UBND 10 phường/);
    expect(JSON.stringify(p.tasks)).not.toMatch(/<ul|<i>/);
    expect(task(p, '1.2').deadline.text).toBe('Trước tháng 10 năm 2022');
    expect(task(p, '1.2').deadline.milestones[0]?.nominal).toBe('2022-09-30');
    expect(task(p, '1.1').lead[0]?.text).toBe('Trưởng Phòng Nội vụ quận');
    expect(task(p, '1.8').deadline.text).toBe('Thường xuyên');
  });
  it('re-anchors to another year', () => {
    const q = load(seed('004_59a7d8b938235585.txt'), 2026);
    expect(q.plan.issued).toBe('2026-01-18');
    expect(q.plan.id).toBe('17-kh-ubnd-q1-2026');
    expect(q.plan.period).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(task(q, '1.2').deadline.text).toBe('Trước tháng 10 năm 2026');
  });
});

describe('seed 000 (PDF text)', () => {
  const p = load(seed('000_d6a0bee259a3c83a.txt'));
  it('has 65 tasks 1.1–9.7', () => {
    expect(p.tasks).toHaveLength(65);
    expect(p.tasks[0]?.ref).toBe('1.1');
    expect(p.tasks[64]?.ref).toBe('9.7');
    expect(p.plan).toMatchObject({ number: '4832/QĐ-UBND', issued: '2020-12-31', directory: 'hcm' });
  });
  it('reads sample rows', () => {
    expect(task(p, '1.1').title).toMatch(/^Kiện toàn Ban Chỉ đạo và Tổ Công tác/);
    expect(task(p, '1.1').deadline.text).toMatch(/Trong vòng 05 ngày làm việc/);
    expect(task(p, '1.3').deadline.text).toBe('Trong năm 2021');
  });
});

describe('seed 001 (tab-indented cell blocks)', () => {
  const p = load(seed('001_9cd168f1a8940621.txt'));
  it('has 29 rows, sections 3–8 numbered, the damaged first row kept with a warning', () => {
    expect(p.tasks).toHaveLength(29);
    expect(p.tasks.map((t) => t.ref).slice(9, 11)).toEqual(['3.1', '3.2']);
    expect(p.warnings.some((w) => w.ref === '0.1' && /damaged/.test(w.message))).toBe(true);
    expect(p.plan.period).toEqual({ from: '2018-01-01', to: '2020-12-31' });
  });
  it('turns the year columns into yearly milestones and reads the head column', () => {
    const t = task(p, '3.1');
    expect(t.section).toBe('3. Về cải cách tổ chức bộ máy');
    expect(t.deadline.milestones.map((m) => m.nominal)).toEqual(['2018-12-31', '2019-12-31', '2020-12-31']);
    expect(t.accountable[0]?.text).toMatch(/Thủ trưởng các sở, ban, ngành/);
    expect(task(p, '0.2').deadline.text).toMatch(/2018: Trong Quý IV năm 2018/);
  });
});

describe('seed 002 (prose)', () => {
  const p = load(seed('002_ae0e2d343437c0cd.txt'));
  it('has 71 bullets under the part II headings and 5 assignments in part III', () => {
    expect(p.tasks).toHaveLength(76);
    expect(p.tasks.filter((t) => !t.ref.startsWith('III.'))).toHaveLength(71);
    expect(p.tasks[0]?.ref).toBe('1.1.1');
    expect(task(p, '2.1.1').lead[0]?.text).toBe('Sở Nội vụ');
  });
  it('attaches inline deadlines and defaults the rest with a warning', () => {
    const withDeadline = p.tasks.filter((t) => t.deadline.text);
    expect(withDeadline.length).toBeGreaterThanOrEqual(8);
    expect(withDeadline.map((t) => t.deadline.text)).toEqual(
      expect.arrayContaining(['Tháng 9 năm 2025', 'Định kỳ hằng tháng']),
    );
    expect(p.warnings.filter((w) => /defaulted/.test(w.message)).length).toBe(p.tasks.length - withDeadline.length);
  });
});

describe('corpus (pipe tables)', () => {
  it.each([
    ['dongthap-617-KH-UBND-2025.md', 11, '617/KH-UBND'],
    ['hcm-2820-QD-UBND-2025.md', 29, '2820/QĐ-UBND'],
    ['nghean-980-KH-UBND-2025.md', 18, '980/KH-UBND'],
    ['ttg-2530-QD-TTg-2025.md', 82, '2530/QĐ-TTg'],
    ['ttg-2629-QD-TTg-2025.md', 77, '2629/QĐ-TTg'],
  ])('%s imports %i tasks', (file, count, number) => {
    const p = load(corpus(file));
    expect(p.tasks).toHaveLength(count);
    expect(p.plan.number).toBe(number);
    expect(new Set(p.tasks.map((t) => t.ref)).size).toBe(count);
  });
  it('leaves other issuers without a directory', () => {
    const p = load(corpus('dongthap-617-KH-UBND-2025.md'));
    expect(p.plan.directory).toBeNull();
    expect(p.tasks[0]?.lead[0]?.kind).toBe('unresolved');
    expect(p.tasks[0]?.deadline.text).toBe('Thường xuyên');
  });
});

describe('hand-typed formats', () => {
  it.each(['sample-plan.yaml', 'sample-plan.json'])('%s', (name) => {
    const p = load(path.join(repoRoot, 'examples', name));
    expect(p.tasks).toHaveLength(8);
    expect(p.plan.id).toBe('25-kh-ubnd-q1-2025');
    expect(new Set(p.tasks.map((t) => t.deadline.kind))).toEqual(
      new Set(['fixed', 'recurring', 'relative', 'ongoing', 'external']),
    );
  });
  it('csv', () => {
    const p = load(path.join(repoRoot, 'examples', 'sample-plan.csv'));
    expect(p.tasks.map((t) => t.ref)).toEqual(['1.1', '1.2', '2.1']);
    expect(p.tasks[2]?.products).toEqual(['Kế hoạch', 'Báo cáo']);
  });
  it('fans lead groups out to assignments', () => {
    const p = load(path.join(repoRoot, 'examples', 'sample-plan.yaml'));
    const withUnits: Plan = {
      ...p,
      tasks: p.tasks.map((t) => ({
        ...t,
        lead: t.lead.map((m) => ({ ...m, kind: 'group' as const, unitIds: ['a', 'b'] })),
      })),
    };
    expect(assignmentsOf(withUnits)[0]).toEqual({ planId: p.plan.id, taskRef: '1.1', unitId: 'a', role: 'head' });
    expect(assignmentsOf(withUnits)).toHaveLength(16);
  });
  it('disambiguates a repeated ref with a warning', () => {
    const text = JSON.stringify({
      plan: { issuer: 'UBND Quận 1', issued: '2025-01-02', title: 'KH' },
      tasks: [
        { ref: '1', title: 'a' },
        { ref: '1', title: 'b' },
      ],
    });
    const r = importPlan(text, 'dup.json');
    expect(r.ok && r.plan.tasks.map((t) => t.ref)).toEqual(['1', '1-2']);
  });
});

describe('bad input', () => {
  const bad = (text: string, name = 'bad.txt') => {
    const r = importPlan(text, name);
    expect(r.ok).toBe(false);
    return r.ok ? null : r.error;
  };
  it('empty, no layout, binary', () => {
    expect(bad('')?.message).toMatch(/bad\.txt.*empty/);
    expect(bad('Just some words\nand more')?.message).toMatch(/no known plan layout/);
    expect(bad('\u0000\u0001\u0002garbage')?.message).toMatch(/binary/);
    expect(bad('ref,title\n', 'x.csv')?.message).toMatch(/x\.csv:1: expected a CSV header row with column "lead"/);
    expect(bad('{"plan": {}}', 'x.json')?.expected).toMatch(/plan/);
  });
  it('an empty table', () => {
    expect(bad('STT\tNhiệm vụ cụ thể\tSản phẩm\tChủ trì\tPhối hợp\tThời gian hoàn thành\n')?.expected).toMatch(
      /at least one task/,
    );
  });
  it('never throws on truncated seeds or random bytes', () => {
    const files = [
      '000_d6a0bee259a3c83a.txt',
      '001_9cd168f1a8940621.txt',
      '002_ae0e2d343437c0cd.txt',
      '004_59a7d8b938235585.txt',
    ];
    for (const f of files) {
      const text = readFileSync(seed(f), 'utf8');
      for (const cut of [0.05, 0.3, 0.5, 0.77, 0.99]) {
        const r = importPlan(text.slice(0, Math.floor(text.length * cut)), f);
        expect(typeof r.ok).toBe('boolean');
      }
    }
    let s = 7;
    for (let k = 0; k < 50; k++) {
      const bytes = Array.from({ length: 400 }, () => ((s = (s * 1103515245 + 12345) & 0x7fffffff), s % 256));
      expect(() => importPlan(String.fromCharCode(...bytes), 'rand.bin')).not.toThrow();
    }
  });
});

describe('CLI', () => {
  const canRun = existsSync(path.join(repoRoot, 'cli', 'commands', 'stack.ts'));
  (canRun ? it : it.skip)('dondoc import <file> --json', () => {
    const r = spawnSync('node', ['bin/dondoc.js', 'import', seed('004_59a7d8b938235585.txt'), '--json'], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as Plan;
    expect(out.plan.number).toBe('17/KH-UBND');
    expect(out.tasks).toHaveLength(69);
    const bad = spawnSync('node', ['bin/dondoc.js', 'import', path.join(repoRoot, 'package.json')], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/package\.json/);
  });
  it('the command module runs through a bare program', () => {
    const r = spawnSync(
      'npx',
      ['tsx', 'test/unit/plans/cli-driver.ts', 'import', seed('004_59a7d8b938235585.txt'), '--json'],
      { cwd: repoRoot, encoding: 'utf8' },
    );
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as Plan).tasks).toHaveLength(69);
    const bad = spawnSync('npx', ['tsx', 'test/unit/plans/cli-driver.ts', 'import', '/nonexistent.txt'], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/nonexistent\.txt: cannot read/);
  });
});
