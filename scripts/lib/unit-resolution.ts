/**
 * How many lead mentions of a set of plans resolve to units, in three stages: with the shipped directories only
 * (what a fresh clone does), after `dondoc units init` of the template the issuer calls for, and after `dondoc units
 * adopt --yes` on top of that. Every lead left unresolved is kept with its cause class (see `mentionCause`), so the
 * figures can say which leads are bodies still missing and which are vague phrases or prose fragments.
 */
import fs from 'node:fs';
import path from 'node:path';
import { importPlan, type ImportOptions } from '../../domain/plans/import';
import type { ImportResult, Mention, Plan } from '../../domain/plans/model';
import {
  DirectoryDataSchema,
  mentionClass,
  proposeUnits,
  registerDirectory,
  SHIPPED_DIRECTORIES,
  templateForIssuer,
  type DirectoryData,
  type MentionClass,
} from '../../domain/units';
import { unresolvedMentions } from '../../services/unit-adopt';

export type Stage = 'before' | 'init' | 'adopt';
export const STAGES: readonly Stage[] = ['before', 'init', 'adopt'];

/**
 * Why a lead stays unresolved: `no-directory` (no template fits the issuer), `ambiguous` (several units share the
 * name without diacritics), `vague` ("các cơ quan liên quan": the plan does not say who), `not-a-body` (the public,
 * businesses), `fragment` (prose the importer took for a lead: it does not start like a body's name), `named-body`
 * (the name of a body the directory lacks; `adopt` proposes it).
 */
export type Cause = 'no-directory' | 'ambiguous' | MentionClass;
export const CAUSES: readonly Cause[] = ['no-directory', 'ambiguous', 'vague', 'not-a-body', 'fragment', 'named-body'];

export interface UnresolvedLead {
  ref: string;
  text: string;
  cause: Cause;
}

export interface Count {
  leads: number;
  resolved: number;
  tasks: number;
  tasksResolved: number;
  /** Unresolved leads by cause. */
  causes: Record<Cause, number>;
}

export interface DocumentResolution {
  file: string;
  /** The directory the plan resolves against after `init` (null: no template fits its issuer). */
  directory: string | null;
  /** The issue date was supplied (the document states none); see `issuedFallback`. */
  issuedSupplied: string | null;
  stages: Record<Stage, Count>;
  /** Unresolved leads at each stage. */
  unresolved: Record<Stage, UnresolvedLead[]>;
}

export interface ResolutionReport {
  documents: DocumentResolution[];
  /** Files the importer refuses even with a supplied issue date: [file, what it expected]. */
  unreadable: [string, string][];
}

/** The cause of one unresolved lead mention. */
export function causeOf(m: Mention, hasDirectory: boolean): Cause {
  if (!hasDirectory) return 'no-directory';
  if (m.unitIds.length > 1) return 'ambiguous';
  if (m.groupId !== null) return 'vague';
  return mentionClass(m.text);
}

function emptyCauses(): Record<Cause, number> {
  return Object.fromEntries(CAUSES.map((c) => [c, 0])) as Record<Cause, number>;
}

function unresolvedLeads(plan: Plan, hasDirectory: boolean): UnresolvedLead[] {
  return plan.tasks.flatMap((t) =>
    t.lead
      .filter((m) => m.kind === 'unresolved')
      .map((m) => ({ ref: t.ref, text: m.text, cause: causeOf(m, hasDirectory) })),
  );
}

export function countPlan(plan: Plan, hasDirectory: boolean): Count {
  const leads = plan.tasks.flatMap((t) => t.lead);
  const causes = emptyCauses();
  for (const u of unresolvedLeads(plan, hasDirectory)) causes[u.cause]++;
  return {
    leads: leads.length,
    resolved: leads.filter((m) => m.kind !== 'unresolved').length,
    tasks: plan.tasks.length,
    tasksResolved: plan.tasks.filter((t) => t.lead.length > 0 && t.lead.every((m) => m.kind !== 'unresolved')).length,
    causes,
  };
}

export function addCounts(a: Count, b: Count): Count {
  const causes = emptyCauses();
  for (const c of CAUSES) causes[c] = a.causes[c] + b.causes[c];
  return {
    leads: a.leads + b.leads,
    resolved: a.resolved + b.resolved,
    tasks: a.tasks + b.tasks,
    tasksResolved: a.tasksResolved + b.tasksResolved,
    causes,
  };
}

export const ZERO: Count = { leads: 0, resolved: 0, tasks: 0, tasksResolved: 0, causes: emptyCauses() };

/** Leads that name a body or a group of bodies: all leads but the vague phrases. */
export function namedLeads(c: Count): { resolved: number; leads: number } {
  return { resolved: c.resolved, leads: c.leads - c.causes.vague };
}

export function percent(resolved: number, total: number): string {
  return total ? `${((100 * resolved) / total).toFixed(1)}%` : '-';
}

/**
 * The issue date a user passes with `--issued` when the document states none (drafts leave the day blank): the
 * first day of the month and year its date line gives, else of the year its file name gives. Null when neither.
 */
export function issuedFallback(text: string, fileName: string): string | null {
  const head = text.split('\n').slice(0, 60).join('\n');
  const monthYear = /tháng\s+(\d{1,2})\s+năm\s+(\d{4})/iu.exec(head);
  if (monthYear) return `${monthYear[2]}-${String(Number(monthYear[1])).padStart(2, '0')}-01`;
  const year = /(?:^|\D)((?:19|20)\d\d)(?:\D|$)/.exec(fileName);
  return year ? `${year[1]}-01-01` : null;
}

function shippedDocument(id: string): DirectoryData | null {
  const doc = SHIPPED_DIRECTORIES.find((d) => d.id === id);
  return doc ? DirectoryDataSchema.parse(doc) : null;
}

/** The plan files of some folders (markdown, text, JSON, YAML, CSV; not INDEX/README), sorted. */
export function planFiles(roots: readonly string[]): string[] {
  return roots.flatMap((root) =>
    fs
      .readdirSync(root)
      .sort()
      .filter((f) => /\.(md|txt|json|yaml|csv)$/.test(f) && !/^(INDEX|README)\.md$/.test(f))
      .map((f) => path.join(root, f)),
  );
}

/**
 * Measures every file. Registers directories in this process (templates, and `<id>-adopted` copies with the
 * proposals of `adopt` added), as `dondoc units init` and `adopt --yes` store them.
 */
export function measureResolution(files: readonly string[]): ResolutionReport {
  const report: ResolutionReport = { documents: [], unreadable: [] };
  // Pass 1, before any directory is registered: what a fresh clone resolves.
  const befores = files.map((file) => {
    const text = fs.readFileSync(file, 'utf8');
    const name = path.basename(file);
    let options: ImportOptions = {};
    let result: ImportResult = importPlan(text, name);
    const issued = result.ok ? null : issuedFallback(text, name);
    if (!result.ok && issued) {
      options = { issued };
      result = importPlan(text, name, options);
    }
    return { file, name, text, result, options, issued };
  });
  for (const { name, text, result, options, issued } of befores) {
    if (!result.ok) {
      report.unreadable.push([name, result.error.expected]);
      continue;
    }
    const before = result.plan;
    let directory = before.plan.directory;
    let doc = directory ? shippedDocument(directory) : null;
    let plan = before;
    if (!directory) {
      doc = templateForIssuer(before.plan.issuer);
      if (doc) {
        registerDirectory(doc);
        directory = doc.id;
        const afterInit = importPlan(text, name, { ...options, directory });
        if (afterInit.ok) plan = afterInit.plan;
      }
    }
    let adopted = plan;
    if (doc) {
      const proposals = proposeUnits(doc, unresolvedMentions(plan));
      const copy = { ...doc, id: `${doc.id}-adopted`, units: [...doc.units, ...proposals.map((p) => p.unit)] };
      registerDirectory(copy);
      const afterAdopt = importPlan(text, name, { ...options, directory: copy.id });
      if (afterAdopt.ok) adopted = afterAdopt.plan;
    }
    const hasBefore = before.plan.directory !== null;
    const has = doc !== null;
    report.documents.push({
      file: name,
      directory: directory ?? null,
      issuedSupplied: issued && options.issued ? issued : null,
      stages: { before: countPlan(before, hasBefore), init: countPlan(plan, has), adopt: countPlan(adopted, has) },
      unresolved: {
        before: unresolvedLeads(before, hasBefore),
        init: unresolvedLeads(plan, has),
        adopt: unresolvedLeads(adopted, has),
      },
    });
  }
  return report;
}

/** The sum of some documents' counts at each stage. */
export function totals(documents: readonly DocumentResolution[]): Record<Stage, Count> {
  const out = { before: ZERO, init: ZERO, adopt: ZERO };
  for (const d of documents) for (const s of STAGES) out[s] = addCounts(out[s], d.stages[s]);
  return out;
}
