import { z } from 'zod';
import { IsoDateSchema, ResolvedDeadlineSchema } from '../deadlines/types';

/** A unit or group named in a cell, as resolved against the plan's unit directory. */
export const MentionSchema = z.object({
  text: z.string(),
  kind: z.enum(['unit', 'group', 'unresolved']),
  role: z.enum(['unit', 'head']),
  unitIds: z.array(z.string()),
  groupId: z.string().nullable(),
  warning: z.string().nullable(),
});
export type Mention = z.infer<typeof MentionSchema>;

/** The unit directory a plan resolves against (a shipped or user-loaded directory id), or none. */
export const DirectoryIdSchema = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a directory id of lowercase a-z, 0-9 and "-"')
  .nullable();
export type DirectoryId = z.infer<typeof DirectoryIdSchema>;

/** Plan ids end up in workflow ids and NATS subjects: lowercase ASCII, digits and dashes only. */
export const PlanIdSchema = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a slug of [a-z0-9-]');

export const PlanHeaderSchema = z.object({
  id: PlanIdSchema,
  number: z.string().nullable(),
  issuer: z.string(),
  issued: IsoDateSchema,
  title: z.string(),
  period: z.object({ from: IsoDateSchema, to: IsoDateSchema }),
  monitoringUnit: z.string().nullable(),
  directory: DirectoryIdSchema,
  /** Which importer read the document. */
  layout: z.string(),
  sourceFile: z.string(),
});
export type PlanHeader = z.infer<typeof PlanHeaderSchema>;

export const PlanTaskSchema = z.object({
  ref: z.string().min(1),
  section: z.string(),
  title: z.string(),
  products: z.array(z.string()),
  lead: z.array(MentionSchema),
  support: z.array(MentionSchema),
  accountable: z.array(MentionSchema),
  deadline: ResolvedDeadlineSchema,
  /** What the document reports about the task ("Đã hoàn thành" in a progress column); absent when nothing. */
  reported: z.object({ state: z.enum(['completed', 'in-progress']), text: z.string() }).optional(),
  sourceLines: z.object({ from: z.number().int().nonnegative(), to: z.number().int().nonnegative() }),
});
export type PlanTask = z.infer<typeof PlanTaskSchema>;

export const ImportWarningSchema = z.object({
  ref: z.string().nullable(),
  line: z.number().int().nonnegative().nullable(),
  message: z.string(),
});
export type ImportWarning = z.infer<typeof ImportWarningSchema>;

/** Who checked the plan as read before it could start, and how (a review sheet, the dashboard, or `--yes`). */
export const PlanReviewSchema = z.object({
  at: z.string(),
  by: z.string(),
  via: z.enum(['review-file', 'dashboard', 'yes']),
});
export type PlanReview = z.infer<typeof PlanReviewSchema>;

/** The canonical plan every importer produces. */
export const PlanSchema = z
  .object({
    plan: PlanHeaderSchema,
    tasks: z.array(PlanTaskSchema).min(1),
    warnings: z.array(ImportWarningSchema),
    /** Absent until a person has reviewed the plan; nothing starts before (services/planning.ts). */
    review: PlanReviewSchema.optional(),
  })
  .superRefine((p, ctx) => {
    const seen = new Set<string>();
    for (const t of p.tasks) {
      if (seen.has(t.ref)) ctx.addIssue({ code: 'custom', message: `duplicate task ref ${t.ref}` });
      seen.add(t.ref);
    }
  });
export type Plan = z.infer<typeof PlanSchema>;

export interface ImportError {
  file: string;
  line: number | null;
  expected: string;
  message: string;
}

export type ImportResult = { ok: true; plan: Plan } | { ok: false; error: ImportError };

export interface Assignment {
  planId: string;
  taskRef: string;
  unitId: string;
  role: 'unit' | 'head';
}

/** One assignment per (task, lead unit), none for a task reported completed; groups fan out; duplicates collapse. */
export function assignmentsOf(plan: Plan): Assignment[] {
  const out: Assignment[] = [];
  for (const task of plan.tasks) {
    // A task the document reports as done is on record, not followed up.
    if (task.reported?.state === 'completed') continue;
    const seen = new Set<string>();
    for (const mention of task.lead) {
      for (const unitId of mention.unitIds) {
        if (seen.has(unitId)) continue;
        seen.add(unitId);
        out.push({ planId: plan.plan.id, taskRef: task.ref, unitId, role: mention.role });
      }
    }
  }
  return out;
}

/** A slug of [a-z0-9-] from free text (Vietnamese diacritics folded, đ → d). */
export function slugify(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
