import { plannedAssignments } from '../domain/plans/assignments';
import { importPlan } from '../domain/plans/import';
import { asCleanPlan } from '../domain/plans/layouts/clean';
import type { ImportError, Plan, PlanReview as ReviewRecord } from '../domain/plans/model';
import { importFile } from '../documents/read';
import { ServiceError } from './errors';

/** What a person checks after an import: counts, and the tasks and lines that need a look. */
export interface PlanReview {
  plan: Plan['plan'];
  tasks: number;
  assignments: number;
  warnings: Plan['warnings'];
  unresolvedLeads: string[];
  unparsedDeadlines: string[];
  tasksWithoutLead: string[];
}

/** Summarises an imported plan for review. */
export function reviewPlan(plan: Plan): PlanReview {
  return {
    plan: plan.plan,
    tasks: plan.tasks.length,
    assignments: plannedAssignments(plan).length,
    warnings: plan.warnings,
    unresolvedLeads: plan.tasks.filter((t) => t.lead.some((m) => m.kind === 'unresolved')).map((t) => t.ref),
    unparsedDeadlines: plan.tasks.filter((t) => t.deadline.kind === 'unparsed').map((t) => t.ref),
    tasksWithoutLead: plan.tasks.filter((t) => t.lead.length === 0).map((t) => t.ref),
  };
}

/** Thrown when a document cannot be imported; carries the file, line and what was expected. */
export class PlanImportError extends ServiceError {
  constructor(
    readonly importError: ImportError,
    /** The HTTP status the API answers with: 413 too large, 415 not a format dondoc reads, 422 unreadable. */
    readonly status: 413 | 415 | 422 = 422,
  ) {
    super('invalid', importError.message, importError);
    this.name = 'PlanImportError';
  }
}

/** Imports a document or throws PlanImportError (file, line, expected). */
export function importOrThrow(
  text: string,
  fileName: string,
  year?: number,
  directory?: string | null,
  issued?: string,
): Plan {
  const result = importPlan(text, fileName, {
    ...(year === undefined ? {} : { year }),
    ...(directory === undefined ? {} : { directory }),
    ...(issued === undefined ? {} : { issued }),
  });
  if (!result.ok) throw new PlanImportError(result.error);
  return result.plan;
}

/**
 * The same plan resolved against another unit directory (null: none), before it starts: written back as a clean
 * plan (mention texts as imported) and imported again, keeping its id and source file.
 */
export function rebindPlan(plan: Plan, directory: string | null): Plan {
  const clean = asCleanPlan(plan, directory);
  const rebound = importOrThrow(JSON.stringify(clean), `${plan.plan.id}.json`);
  return {
    ...rebound,
    plan: { ...rebound.plan, id: plan.plan.id, sourceFile: plan.plan.sourceFile, layout: plan.plan.layout },
  };
}

/** Imports a file of any format dondoc reads (documents/importFile) or throws PlanImportError with its HTTP status. */
export async function importFileOrThrow(
  buf: Buffer,
  fileName: string,
  opts: { year?: number; directory?: string | null; issued?: string; maxBytes?: number; now?: Date; by?: string } = {},
): Promise<Plan> {
  const result = await importFile(buf, fileName, {
    ...(opts.year !== undefined ? { year: opts.year } : {}),
    ...(opts.directory !== undefined ? { directory: opts.directory } : {}),
    ...(opts.issued !== undefined ? { issued: opts.issued } : {}),
    ...(opts.maxBytes !== undefined ? { limits: { maxBytes: opts.maxBytes } } : {}),
  });
  if (!result.ok) throw new PlanImportError(result.error, 'status' in result ? result.status : 422);
  // A review sheet a person filled in is the review.
  if (result.plan.plan.layout.endsWith('/review'))
    return markReviewed(result.plan, { by: opts.by ?? 'review file', via: 'review-file', now: opts.now ?? new Date() });
  return result.plan;
}

/** Records that a person reviewed the plan as read (or chose to skip it with --yes). */
export function markReviewed(plan: Plan, r: { by: string; via: ReviewRecord['via']; now: Date }): Plan {
  return { ...plan, review: { at: r.now.toISOString(), by: r.by, via: r.via } };
}

/** Refuses (409) to start a plan nobody has reviewed. */
export function requireReviewed(plan: Plan): void {
  if (plan.review) return;
  throw new ServiceError(
    'conflict',
    `plan ${plan.plan.id} has not been reviewed: check what was read (dondoc import FILE --review out.xlsx, then ` +
      "dondoc plan import out.xlsx; or the dashboard's review), or start it anyway with --yes (API: ?yes=true)",
  );
}
