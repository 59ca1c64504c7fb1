import { readFileSync } from 'node:fs';
import path from 'node:path';
import { importPlan } from '../../../domain/plans/import';
import type { Plan } from '../../../domain/plans/model';
import { sharedDir } from './shared';

// Expectations are read from the documents themselves; the line numbers cite them.

const load = (name: string): Plan => {
  const file = path.join(sharedDir, 'seeds', name);
  const r = importPlan(readFileSync(file, 'utf8'), file);
  if (!r.ok) throw new Error(r.error.message);
  return r.plan;
};
const task = (p: Plan, ref: string) => {
  const t = p.tasks.find((x) => x.ref === ref);
  if (!t) throw new Error(`no task ${ref}`);
  return t;
};

describe('seed 001: a row whose year cells are empty (tab + non-breaking space)', () => {
  const p = load('001_9cd168f1a8940621.txt');
  it.each([
    ['3.3', 487, /^Xây dựng kế hoạch giải pháp để giải quyết dứt điểm số biên chế vượt/, 'Quyết định'], // L495
    ['6.3', 599, /^Hướng dẫn giải pháp kỹ thuật, tiêu chuẩn kỹ thuật/, 'Văn bản hướng dẫn'], // L609
    ['6.4', 611, /^Ứng dụng công nghệ thông tin trong điều hành/, 'Phần mềm'], // L619
  ])('%s (from L%i) keeps its product', (ref, line, title, product) => {
    const t = task(p, ref);
    expect(t.sourceLines.from).toBe(line);
    expect(t.title).toMatch(title);
    expect(t.products).toEqual([product]);
  });
  it('still has 29 rows and ignores no block silently', () => {
    expect(p.tasks).toHaveLength(29);
    expect(p.warnings.filter((w) => /ignored/.test(w.message))).toEqual([]);
  });
  it('keeps the year targets of those rows (only 2018 is filled in)', () => {
    expect(task(p, '3.3').deadline.text).toBe('2018: Trong Quý IV năm 2018'); // L492–494
    expect(task(p, '6.3').deadline.text).toBe('2018: Trong Quý IV năm 2018'); // L606–608
  });
});
