import { DateTime } from 'luxon';
import type { DeadlineContext, ResolvedDeadline } from '../deadlines/types';
import type { PlanImportDeps } from './deps';
import { readHeader, withoutCitedDates } from './header';
import { slugify, type DirectoryId, type ImportWarning, type Plan, type PlanTask } from './model';
import { periodOfTitle } from './metadata';
import { LayoutError, type RawPlan, type RawTask } from './raw';
import { formerProvincesNamedIn } from '../units/templates/admin-units';

export interface BuildOptions {
  fileName: string;
  /** Re-anchor the plan to this year. */
  year?: number;
  /** The issue date a person gave (`--issued`), over whatever the document states. */
  issued?: string;
  deps: PlanImportDeps;
  /** The unit directory chosen by the user; overrides the plan file and the header. */
  directory?: string | null;
}

const YEAR = /\b(19[5-9]\d|20\d\d)\b/g;

function shiftYears(text: string, delta: number): string {
  return delta === 0 ? text : text.replace(YEAR, (y) => String(Number(y) + delta));
}

function shiftDate(date: string, delta: number): string {
  if (delta === 0) return date;
  return DateTime.fromISO(date).plus({ years: delta }).toISODate() ?? date;
}

function shortHash(text: string): string {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0).toString(36).slice(0, 6);
}

function issuerTag(directory: DirectoryId, issuer: string, number: string | null): string {
  if (directory === 'hcm-q1') return 'q1';
  if (directory === 'hcm') return 'hcm';
  if (number && /TTg/i.test(number)) return '';
  return slugify(issuer.replace(/^UBND (tỉnh |thành phố )?/i, ''));
}

/** Turns what a layout reader found into the canonical plan: header, units, deadlines, warnings. */
export function buildPlan(text: string, raw: RawPlan, opts: BuildOptions): Plan {
  const header = readHeader(raw.headerText ?? text);
  const meta = raw.meta ?? {};
  const number = meta.number !== undefined ? meta.number : header.number;
  const issuer = meta.issuer ?? header.issuer;
  const directory: DirectoryId =
    opts.directory !== undefined
      ? opts.directory
      : meta.directory !== undefined
        ? meta.directory
        : (header.directory ?? opts.deps.detectDirectory?.(issuer) ?? null);
  const title = meta.title ?? header.title;
  const warnings: ImportWarning[] = raw.warnings.map((w) => ({ ...w }));
  for (const note of header.notes)
    if (!(opts.issued && /date line/.test(note))) warnings.push({ ref: null, line: null, message: note });
  let issued = opts.issued ?? meta.issued ?? header.issued;
  if (!issued && header.blankDate) {
    // A draft's blank day: taking the 1st would shift every deadline counted from the issue date.
    throw new LayoutError(
      `an issue date: the date line leaves the day blank (found only "${header.blankDate.found}"); give the real date with --issued YYYY-MM-DD (CLI) or "issued" (API)`,
      header.blankDate.line,
    );
  }
  if (!issued) {
    // Guessing (1 January, 2000-01-01) would shift every deadline counted from the issue date: ask instead.
    throw new LayoutError(
      'an issue date: the document states none (no "…, ngày … tháng … năm …" line, signature stamp or annex caption); give it with --issued YYYY-MM-DD (CLI) or "issued" (API)',
      null,
    );
  }
  const stated = meta.from || meta.to ? null : periodOfTitle(withoutCitedDates(title), issued);
  const planYear = header.years[0] ?? Number(issued.slice(0, 4));
  const baseYear = stated ? Number(stated.from.slice(0, 4)) : meta.from ? Number(meta.from.slice(0, 4)) : planYear;
  const lastYear = header.years.length > 1 ? Math.max(...header.years) : baseYear;
  let from = meta.from ?? stated?.from ?? `${baseYear}-01-01`;
  let to = meta.to ?? stated?.to ?? `${Math.max(lastYear, baseYear)}-12-31`;
  if (to < from) to = `${from.slice(0, 4)}-12-31`;

  const delta = opts.year !== undefined ? opts.year - baseYear : 0;
  issued = shiftDate(issued, delta);
  from = shiftDate(from, delta);
  to = shiftDate(to, delta);
  const shiftedTitle = shiftYears(title, delta);

  if (directory === null) {
    warnings.push({
      ref: null,
      line: null,
      message: `issuer "${issuer}" has no unit directory: units are left unresolved`,
    });
  }
  // A province merged on 1/7/2025 ("tỉnh Đắk Nông"): its bodies now answer to the province it became part of.
  for (const { former, successor } of formerProvincesNamedIn(issuer)) {
    const then = directory === null ? `create it with "dondoc units init --province ${former}"` : `using ${directory}`;
    warnings.push({
      ref: null,
      line: null,
      message: `issuer names ${former}, merged into ${successor.name} on 1/7/2025 (Nghị quyết 202/2025/QH15): units resolve against the directory of ${successor.name}; ${then}`,
    });
  }
  const idParts = [number ?? `kh-${shortHash(title)}`, issuerTag(directory, issuer, number), issued.slice(0, 4)];
  const id = slugify(idParts.filter(Boolean).join('-'));
  const ctx: DeadlineContext = { issued, from, until: to };

  const tasks: PlanTask[] = [];
  const refs = new Map<string, number>();
  for (const rt of raw.tasks) {
    let ref = rt.ref;
    const seen = refs.get(ref) ?? 0;
    refs.set(rt.ref, seen + 1);
    if (seen > 0) {
      ref = `${rt.ref}-${seen + 1}`;
      warnings.push({ ref, line: rt.line, message: `ref ${rt.ref} appears more than once; this row is ${ref}` });
    }
    tasks.push(buildTask(rt, ref, { directory, ctx, delta, deps: opts.deps, warnings }));
  }
  return {
    plan: {
      id,
      number,
      issuer,
      issued,
      title: shiftedTitle,
      period: { from, to },
      monitoringUnit: opts.deps.monitoringUnitFor(directory),
      directory,
      layout: raw.layout,
      sourceFile: opts.fileName,
    },
    tasks,
    warnings,
  };
}

interface TaskCtx {
  directory: DirectoryId;
  ctx: DeadlineContext;
  delta: number;
  deps: PlanImportDeps;
  warnings: ImportWarning[];
}

function safeDeadline(fn: () => ResolvedDeadline, text: string): ResolvedDeadline {
  try {
    return fn();
  } catch (err) {
    return {
      text,
      kind: 'unparsed',
      milestones: [],
      recurrence: null,
      trigger: null,
      workingDays: null,
      calendarDays: null,
      start: null,
      notes: [`deadline reader failed: ${err instanceof Error ? err.message : String(err)}`],
    };
  }
}

/** A lead cell that points to another document instead of naming units ("Theo phân công tại Quyết định số 1441/…"). */
const LEAD_BY_REFERENCE = /^\s*(?:theo|như)\s+(?:sự\s+)?(?:phân công|phân cấp|quy định)\s+(?:tại|của|trong)\s/iu;

function buildTask(rt: RawTask, ref: string, c: TaskCtx): PlanTask {
  const warn = (message: string) => c.warnings.push({ ref, line: rt.line, message });
  // Units are those in office when the plan's period starts: a plan issued on 31/12/2020 for 2021 means the
  // districts of 2021, not the ones dissolved that night.
  const asOf = c.ctx.from && c.ctx.from > c.ctx.issued ? c.ctx.from : c.ctx.issued;
  const resolve = (cell: string) => (cell.trim() ? c.deps.resolveMentions(c.directory, cell, asOf) : []);
  const byReference = LEAD_BY_REFERENCE.test(rt.lead);
  const lead = byReference ? [] : resolve(rt.lead);
  const support = resolve(rt.support);
  const accountable = resolve(rt.accountable);
  if (byReference) warn(`the lead is given by reference ("${rt.lead.trim()}"): assign the units that document names`);
  else if (lead.length === 0) warn('no lead unit');
  const unresolved = lead.filter((m) => m.kind === 'unresolved').map((m) => m.text);
  if (unresolved.length > 0) warn(`lead not resolved: ${unresolved.join('; ')}`);

  let deadline: ResolvedDeadline;
  if (rt.yearTargets && rt.yearTargets.length > 0) {
    const parts = rt.yearTargets
      .filter((y) => y.text.trim())
      .map((y) => ({ year: y.year + c.delta, text: shiftYears(y.text, c.delta) }));
    const resolved = parts.map((p) => ({
      p,
      d: safeDeadline(() => c.deps.yearTargetDeadline(p.text, p.year, c.ctx), p.text),
    }));
    const text = parts.map((p) => `${p.year}: ${p.text}`).join('; ');
    const milestones = resolved.flatMap(({ p, d }) =>
      d.milestones.map((m) => ({ ...m, label: `${p.year}: ${p.text}` })),
    );
    const first = resolved[0]?.d;
    deadline = first
      ? { ...first, text, kind: milestones.length > 0 ? 'fixed' : first.kind, milestones }
      : safeDeadline(() => c.deps.interpretDeadline('', c.ctx), '');
  } else if (rt.defaultDeadline) {
    deadline = safeDeadline(() => c.deps.interpretDeadline(`ngày ${fmtVn(c.ctx.until)}`, c.ctx), '');
    deadline = {
      ...deadline,
      text: '',
      notes: [...(deadline.notes ?? []), 'no deadline in the text: end of plan period'],
    };
    warn(`no deadline in the text; defaulted to the end of the plan period (${c.ctx.until})`);
  } else {
    const text = shiftYears(rt.deadlineText, c.delta);
    deadline = safeDeadline(() => c.deps.interpretDeadline(text, c.ctx), text);
  }
  if (deadline.kind === 'unparsed')
    warn(deadline.text.trim() ? `deadline not understood: "${deadline.text}"` : 'no deadline in the text');
  const early = deadline.milestones.find((m) => m.nominal < c.ctx.issued);
  if (early) warn(`deadline ${early.nominal} ("${early.label}") falls before the issue date ${c.ctx.issued}`);
  return {
    ref,
    section: rt.section,
    title: shiftYears(rt.title, c.delta),
    products: rt.products,
    lead,
    support,
    accountable,
    deadline,
    ...(rt.status ? { reported: rt.status } : {}),
    sourceLines: { from: rt.line, to: Math.max(rt.line, rt.endLine) },
  };
}

function fmtVn(isoDate: string): string {
  const [y, m, d] = isoDate.split('-');
  return `${Number(d)} tháng ${Number(m)} năm ${y}`;
}
