import mammoth from 'mammoth';
import type { DondocEvent } from '../../../domain/events/schemas';
import {
  buildReport,
  headingFor,
  LINE_STATUS_LABELS,
  namesFor,
  officialColumns,
  PAR_RULES,
  type ReportData,
} from '../../../domain/reports';
import { SHEETS, writeCsv, writeDocx, writeXlsx } from '../../../reports';
import { calendar, simulateSeed004 } from './seed004';

/**
 * An independent count of the official grid straight from the events, without the report code: per assignment,
 * its milestones (MilestonesPlanned, then DeadlineScheduled / DueDateSet), those completed by the date and whether on time against the
 * ORIGINAL due date (TaskCompleted.onTimeOriginal), cancellation, and what is left open past its due date.
 */
function countFromEvents(events: DondocEvent[], from: string, to: string, asOf: string) {
  const endMs = Date.parse(`${asOf}T24:00:00+07:00`);
  const perWf = new Map<string, DondocEvent[]>();
  for (const e of events) {
    if (Date.parse(e.metadata.at) >= endMs) continue;
    perWf.set(e.metadata.workflowId, [...(perWf.get(e.metadata.workflowId) ?? []), e]);
  }
  const c = {
    onTime: 0,
    late: 0,
    openWithin: 0,
    overdue: 0,
    noDeadline: 0,
    extended: 0,
    overdueByUnit: new Map<string, number>(),
  };
  for (const evs of perWf.values()) {
    const milestones = new Map<number, { nominal: string; due: string }>();
    const done = new Map<number, boolean>();
    const extended = new Set<number>();
    let cancelled = false;
    let lead = '';
    for (const e of evs) {
      if (e.type === 'TaskAssigned') lead = e.data.leadUnit;
      if (e.type === 'TaskReassigned') lead = e.data.toUnit;
      // Milestones planned up front count from the plan on, before each is scheduled.
      if (e.type === 'MilestonesPlanned')
        for (const m of e.data.milestones)
          if (!milestones.has(m.index)) milestones.set(m.index, { nominal: m.nominal, due: m.due });
      if (e.type === 'DeadlineScheduled' || e.type === 'DueDateSet')
        milestones.set(e.data.milestone.index, { nominal: e.data.milestone.nominal, due: e.data.milestone.due });
      if (e.type === 'TaskCompleted') done.set(e.data.milestone.index, e.data.onTimeOriginal);
      if (e.type === 'ExtensionGranted') extended.add(e.data.milestone.index);
      if (e.type === 'TaskCancelled') cancelled = true;
    }
    if (milestones.size === 0) {
      if (!cancelled) c.noDeadline++;
      continue;
    }
    for (const [index, m] of milestones) {
      if (m.nominal < from || m.nominal > to) continue;
      const d = done.get(index);
      if (d === undefined && cancelled) continue;
      if (extended.has(index)) c.extended++;
      if (d === true) c.onTime++;
      else if (d === false) c.late++;
      else if (m.due < asOf) {
        c.overdue++;
        c.overdueByUnit.set(lead, (c.overdueByUnit.get(lead) ?? 0) + 1);
      } else c.openWithin++;
    }
  }
  return c;
}

/** The rows of an HTML table mammoth produced, as arrays of cell texts. */
function htmlTables(html: string): string[][][] {
  const strip = (s: string) =>
    s
      .replace(/<[^>]+>/g, '')
      .replace(/&amp;/g, '&')
      .trim();
  return [...html.matchAll(/<table>(.*?)<\/table>/gs)].map((t) =>
    [...t[1]!.matchAll(/<tr>(.*?)<\/tr>/gs)].map((r) =>
      [...r[1]!.matchAll(/<t[dh][^>]*>(.*?)<\/t[dh]>/gs)].map((c) => strip(c[1]!)),
    ),
  );
}

// read-excel-file's types are ESM-only; its CommonJS build is what jest loads.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { readSheet } = require('read-excel-file/node') as {
  readSheet(input: Buffer, sheet: string): Promise<(string | number | boolean | Date | null)[][]>;
};

jest.setTimeout(60_000); // a year of 1,061 assignments, and files of about 1,200 rows, on a shared 2-core machine

describe('reports for seed 004 simulated over 2022', () => {
  const { plan, events, rejected } = simulateSeed004();
  const names = namesFor([plan]);
  const built = new Map<string, ReportData>();
  const report = (period: string, asOf: string): ReportData => {
    const key = `${period}@${asOf}`;
    const hit = built.get(key);
    if (hit) return hit;
    const r = buildReport(events, {
      period,
      asOf,
      heading: headingFor([plan]),
      calendar,
      names,
      productsOf: names.productsOf,
      parRule: PAR_RULES[0],
    });
    built.set(key, r);
    return r;
  };

  it('runs the scenario without refusals', () => {
    expect(rejected).toEqual([]);
  });

  it.each([
    ['2022', '2022-12-31', '2022-01-01', '2022-12-31'],
    ['2022-Q1', '2022-04-15', '2022-01-01', '2022-03-31'],
    ['2022-H2', '2022-10-25', '2022-07-01', '2022-12-31'],
    ['2022-06', '2022-07-10', '2022-06-01', '2022-06-30'],
  ])('the grid of %s as of %s matches a count made from the raw events', (period, asOf, from, to) => {
    const r = report(period, asOf);
    const expected = countFromEvents(events, from, to, asOf);
    const o = officialColumns(r.byUnit.total.counts);
    expect({
      onTime: o.doneOnTime,
      late: o.doneLate,
      openWithin: o.openWithin,
      overdue: o.openOverdue,
      noDeadline: r.byUnit.total.counts['no-deadline'],
      extended: r.byUnit.total.extended,
    }).toEqual({
      onTime: expected.onTime,
      late: expected.late,
      openWithin: expected.openWithin,
      overdue: expected.overdue,
      noDeadline: expected.noDeadline,
      extended: expected.extended,
    });
    // The scenario has every kind: something on time, late, open and overdue.
    if (period === '2022')
      for (const n of [o.doneOnTime, o.doneLate, o.openWithin, o.openOverdue]) expect(n).toBeGreaterThan(0);
    // Every dimension partitions the same lines, and every number has its list.
    for (const grid of [r.byUnit, r.byPlan, r.byIssuer, r.byPeriod]) {
      expect(grid.total.total).toBe(r.lines.length);
      expect(grid.rows.reduce((n, row) => n + row.total, 0)).toBe(r.lines.length);
      for (const row of grid.rows)
        for (const [s, ids] of Object.entries(row.lines))
          expect(ids).toHaveLength(row.counts[s as keyof typeof row.counts]);
    }
    for (const row of r.byUnit.rows) expect(row.counts.overdue).toBe(expected.overdueByUnit.get(row.key) ?? 0);
  });

  it('counts an extended milestone completed within its extension as late, against the original deadline', () => {
    const r = report('2022', '2022-12-31');
    const ext = r.lines.filter((l) => l.taskRef === '3.6');
    expect(ext).toHaveLength(1);
    expect(ext[0]).toMatchObject({
      due: '2022-03-31',
      extendedDue: '2022-04-30',
      completedOn: '2022-04-20',
      status: 'done-late',
      daysLate: 20,
    });
  });

  it('writes an .xlsx whose ledger and summary sheets agree with the grid (read back with read-excel-file)', async () => {
    const r = report('2022', '2022-12-31');
    const buf = await writeXlsx(r);
    const ledger = await readSheet(buf, SHEETS.ledger);
    const head = ledger[1]!.map(String);
    expect(head).toEqual([
      'STT',
      'Số hiệu nhiệm vụ',
      'Nhiệm vụ',
      'Đơn vị chủ trì',
      'Đơn vị phối hợp',
      'Sản phẩm',
      'Thời hạn (theo văn bản)',
      'Hạn hoàn thành',
      'Hạn sau gia hạn',
      'Tình trạng',
      'Ngày hoàn thành',
      'Số ngày trễ hạn',
      'Minh chứng',
      'Kế hoạch',
    ]);
    const rows = ledger.slice(2);
    expect(rows).toHaveLength(r.lines.length);
    const status = head.indexOf('Tình trạng');
    const counts = Object.fromEntries(
      Object.entries(LINE_STATUS_LABELS).map(([k, label]) => [k, rows.filter((row) => row[status] === label).length]),
    );
    expect(counts).toEqual(r.byUnit.total.counts);
    const extendedRow = rows.find((row) => row[1] === '3.6')!;
    expect(extendedRow[head.indexOf('Hạn hoàn thành')]).toEqual(new Date('2022-03-31T00:00:00Z'));
    expect(extendedRow[head.indexOf('Hạn sau gia hạn')]).toEqual(new Date('2022-04-30T00:00:00Z'));
    expect(extendedRow[head.indexOf('Số ngày trễ hạn')]).toBe(20);

    const byUnit = await readSheet(buf, SHEETS.byUnit);
    const total = byUnit[byUnit.length - 1]!;
    const o = officialColumns(r.byUnit.total.counts);
    expect(total.slice(1, 8)).toEqual([
      'Tổng cộng',
      r.lines.length,
      o.doneOnTime,
      o.doneLate,
      o.openWithin,
      r.byUnit.total.counts['near-due'],
      o.openOverdue,
    ]);
    expect(byUnit.length - 3).toBe(r.byUnit.rows.length);
  });

  it('writes a .docx in administrative form whose tables agree with the grid (read back with mammoth)', async () => {
    const r = report('2022-Q1', '2022-04-15');
    const buf = await writeDocx(r);
    const text = (await mammoth.extractRawText({ buffer: buf })).value;
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(text).toMatch(/Số:\s+\/BC-PNV/);
    expect(text).toMatch(/Quận 1, ngày\s+tháng\s+năm 2022/);
    expect(text).toContain('Tình hình thực hiện nhiệm vụ quý I năm 2022');
    expect(text).toContain('Nơi nhận:');
    const tables = htmlTables((await mammoth.convertToHtml({ buffer: buf })).value);
    const grid = tables.find((t) => t[0]?.[1] === 'Đơn vị chủ trì')!;
    const o = officialColumns(r.byUnit.total.counts);
    expect(grid[grid.length - 1]!.slice(1, 8)).toEqual(
      [
        'Tổng cộng',
        r.lines.length,
        o.doneOnTime,
        o.doneLate,
        o.openWithin,
        r.byUnit.total.counts['near-due'],
        o.openOverdue,
      ].map(String),
    );
    expect(grid.length - 2).toBe(r.byUnit.rows.length);
    const overdue = tables.find((t) => t[0]?.[1] === 'Số hiệu')!;
    expect(overdue.length - 1).toBe(o.openOverdue);
    const overdueUnits = new Set(overdue.slice(1).map((row) => row[3]));
    for (const row of r.byUnit.rows) if (row.counts.overdue > 0) expect(overdueUnits.has(row.label)).toBe(true);
  });

  it('writes CSV whose statuses agree with the grid', () => {
    const r = report('2022', '2022-12-31');
    const lines = writeCsv(r)
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines).toHaveLength(r.lines.length + 1);
    const statuses = lines.slice(1).map((l) => l.split(',').pop());
    for (const [s, n] of Object.entries(r.byUnit.total.counts)) expect(statuses.filter((x) => x === s)).toHaveLength(n);
  });

  it('scores the PAR Index plan completion as of a date, citing its rule', () => {
    const r = report('2022', '2022-12-31');
    const s = r.score!;
    expect(s.rule.source).toMatch(/1150\/QĐ-BNV/);
    expect(s.tasks).toBeGreaterThan(0);
    expect(s.completed + s.open.length).toBe(s.tasks);
    expect(s.share).toBeCloseTo(s.completed / s.tasks);
    expect(s.points).toBe(s.share! >= 1 ? 1 : s.share! >= 0.8 ? 0.5 : 0);
  });
});
