import type { RouteOptions } from 'fastify';
import { z } from 'zod';
import type { DayInfo, YearListing } from '../domain/calendar/types';
import { ResolvedDeadlineSchema } from '../domain/deadlines/types';
import { PlanReviewSchema } from '../domain/plans/model';
import { REVIEW_COLUMNS } from '../domain/plans/review';
import {
  DirectoryChangeRecordSchema,
  DirectoryDataSchema,
  DirectoryIdSchema,
  UnitKindSchema,
  UnitSchema,
} from '../domain/units';
import type { PeriodRate, UnitScorecard } from '../projections/model';
import type { AffectedAssignment, DirectoryChangeEffect } from '../services/directory-edits';
import type { BulkItemResult, BulkResult } from '../services/bulk';
import { RoleSchema } from '../services/tokens';
import { ERROR_RESPONSES, ErrorResponse, PlanReviewResponse } from './responses';

/**
 * The success bodies of the routes that do not declare `schema.response` themselves, keyed by
 * `METHOD /path` as the route is registered (`/plans/:id/review`). `declareResponses` (an onRoute hook in
 * api/server.ts) puts them, and the usual error answers, on the route, so OpenAPI shows them and the
 * serializer (api/serializer.ts) checks them. A new route either declares `response` inline (typed by the
 * zod type provider) or adds its entry here. Bodies are built from the domain schemas; read models that are
 * TypeScript interfaces list every key (`satisfies`).
 */

const Day = z.string().describe('ISO civil date YYYY-MM-DD (Asia/Ho_Chi_Minh)');
const Rate = z.number().nullable();

/** The review sheet: its columns and one row of cells per task (domain/plans/review.ts). */
const ReviewColumns = z.array(z.object({ key: z.string(), editable: z.boolean(), label: z.string() }));
const ReviewRows = z.array(
  z.object(
    Object.fromEntries(REVIEW_COLUMNS.map((c) => [c.key, z.string()])) as Record<
      (typeof REVIEW_COLUMNS)[number]['key'],
      z.ZodString
    >,
  ),
);
const PlanReviewSheet = z.object({
  planId: z.string(),
  reviewed: PlanReviewSchema.nullable().describe('who reviewed the plan, when and how; null before review'),
  review: PlanReviewResponse,
  columns: ReviewColumns,
  rows: ReviewRows,
});
const UploadedPlan = PlanReviewSheet.omit({ reviewed: true }).extend({ saved: z.boolean() });

const DirectoryUnit = z.object({
  directory: z.string(),
  id: z.string(),
  name: z.string(),
  kind: UnitKindSchema,
  headTitle: z.string(),
  parentId: z.string().nullable(),
});

const PeriodRateResponse = z.object({
  closed: z.number().int(),
  onTime: z.number().int(),
  onTimeOriginal: z.number().int(),
  onTimeRate: Rate,
  onTimeRateOriginal: Rate,
} satisfies Record<keyof PeriodRate, z.ZodType>);

const Scorecard = z.object({
  unitId: z.string(),
  assigned: z.number().int(),
  doneOnTime: z.number().int(),
  doneLate: z.number().int(),
  overdue: z.number().int(),
  onTimeRate: Rate,
  onTimeRateOriginal: Rate,
  byQuarter: z.record(z.string(), PeriodRateResponse),
  byYear: z.record(z.string(), PeriodRateResponse),
} satisfies Record<keyof UnitScorecard, z.ZodType>);

const BulkItem = z.object({
  workflowId: z.string(),
  ok: z.boolean(),
  error: z.string().nullable(),
  events: z.array(z.string()),
} satisfies Record<keyof BulkItemResult, z.ZodType>);

const Bulk = z
  .object({
    action: z.enum(['extend', 'reassign', 'cancel']),
    total: z.number().int(),
    succeeded: z.number().int(),
    failed: z.array(BulkItem),
    ms: z.number(),
  } satisfies Record<keyof BulkResult, z.ZodType>)
  .describe('the JSON answer; with ?progress=ndjson the body is {done, total, item} lines, then {result}');

const DayInfoResponse = z.object({
  date: Day,
  working: z.boolean(),
  kind: z.enum([
    'workday',
    'weekend',
    'holiday',
    'compensatory',
    'swapped-off',
    'makeup-workday',
    'override-off',
    'override-working',
  ]),
  name: z.string().nullable(),
  source: z.string().nullable(),
} satisfies Record<keyof DayInfo, z.ZodType>);

const CalendarYear = z.object({
  year: z.number().int(),
  official: z.boolean(),
  nonWorkingWeekdays: z.array(DayInfoResponse),
  workingWeekendDays: z.array(DayInfoResponse),
  days: z.array(DayInfoResponse),
} satisfies Record<keyof YearListing, z.ZodType>);

const Assignment = z.object({
  workflowId: z.string(),
  planId: z.string(),
  taskRef: z.string(),
  title: z.string(),
  unitId: z.string(),
  status: z.string(),
  nextDue: Day.nullable(),
} satisfies Record<keyof AffectedAssignment, z.ZodType>);

const Effect = z.object({
  units: z.array(z.object({ id: z.string(), name: z.string() })),
  openAssignments: z.array(Assignment),
  plans: z.array(z.string()),
  summary: z.string(),
} satisfies Record<keyof DirectoryChangeEffect, z.ZodType>);

/** What every directory edit answers: the record, the unit(s) after it and what it affects. */
const DirectoryChangeResult = z.object({
  directory: z.string(),
  seq: z.number().int(),
  at: z.string(),
  actor: z.string(),
  description: z.string(),
  units: z.array(UnitSchema),
  affects: Effect,
});

const Chain = z.union([
  z.object({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), seq: z.number().int(), problem: z.string() }),
]);
const HistoryEntry = DirectoryChangeRecordSchema.extend({ description: z.string() });

const AgendaItem = z.object({
  workflowId: z.string(),
  taskRef: z.string(),
  title: z.string(),
  unitId: z.string(),
  at: z.string().describe('ISO instant with its +07:00 offset'),
  kind: z.enum(['reminder', 'due', 'escalation']),
  detail: z.number().int().describe('reminder: working days before; escalation: its level; due: 0'),
});

type RouteKey = `${'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH'} /${string}`;
type Bodies = Partial<Record<200 | 201, z.ZodType>> & { 422?: z.ZodType };

export const ROUTE_RESPONSES: Record<RouteKey, Bodies> = {
  'POST /plans/upload': { 200: UploadedPlan, 201: UploadedPlan, 422: ErrorResponse },
  'GET /plans/:id/review': { 200: PlanReviewSheet },
  'PUT /plans/:id/review': { 200: PlanReviewSheet, 422: ErrorResponse },
  'GET /units': { 200: z.object({ units: z.array(DirectoryUnit) }) },
  'GET /units/:id/scorecard': {
    200: z.object({
      scorecard: Scorecard,
      overdue: z.array(Assignment.omit({ status: true, unitId: true }).extend({ escalationLevel: z.number().int() })),
    }),
  },
  'POST /bulk': { 200: Bulk },
  'GET /calendar/add-working-days': { 200: z.object({ date: Day, n: z.number().int(), result: Day }) },
  'GET /calendar/:year': { 200: CalendarYear },
  'POST /deadlines/parse': {
    200: ResolvedDeadlineSchema.extend({
      explanation: z.object({ summary: z.string(), lines: z.array(z.string()), certain: z.boolean() }),
    }),
  },
  'GET /dashboard/session': { 200: z.object({ name: z.string(), role: RoleSchema, unitId: z.string().nullable() }) },
  'GET /dashboard/agenda': { 200: z.object({ from: z.string(), until: z.string(), items: z.array(AgendaItem) }) },
  'GET /directories': {
    200: z.object({
      directories: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          units: z.number().int(),
          groups: z.number().int(),
          stored: z.boolean(),
        }),
      ),
    }),
  },
  'GET /directories/:id': { 200: DirectoryDataSchema },
  'GET /directories/:id/units': { 200: z.object({ total: z.number().int(), units: z.array(UnitSchema) }) },
  'GET /directories/:id/units/:unitId': {
    200: z.object({ directory: z.string(), unit: UnitSchema, openAssignments: z.array(Assignment) }),
  },
  'POST /directories/:id/units': { 201: DirectoryChangeResult },
  'POST /directories/:id/units/:unitId/rename': { 200: DirectoryChangeResult },
  'POST /directories/:id/merge': { 200: DirectoryChangeResult },
  'POST /directories/:id/units/:unitId/retire': { 200: DirectoryChangeResult },
  'PUT /directories/:id/units/:unitId/head': { 200: DirectoryChangeResult },
  'PUT /directories/:id/units/:unitId/channels': { 200: DirectoryChangeResult },
  'GET /directories/:id/history': {
    200: z.object({ directory: z.string(), history: z.array(HistoryEntry), chain: Chain }),
  },
  'GET /directories/:id/units/:unitId/history': {
    200: z.object({ directory: z.string(), unitId: z.string(), history: z.array(HistoryEntry), chain: Chain }),
  },
  'POST /directories/upload': {
    201: z.object({
      directory: z.string(),
      name: z.string(),
      units: z.number().int(),
      groups: z.number().int(),
      seq: z.number().int(),
    }),
  },
  'PUT /plans/:planId/directory': {
    200: z.object({
      planId: z.string(),
      directory: DirectoryIdSchema.nullable(),
      unresolved: z.array(z.object({ ref: z.string(), text: z.string() })),
    }),
  },
};

/**
 * onRoute hook: a route without `schema.response` gets its entry of ROUTE_RESPONSES and the usual error
 * answers. Routes that declare their own response are left as they are.
 */
export function declareResponses(route: RouteOptions): void {
  if (typeof route.method !== 'string') return;
  const bodies = ROUTE_RESPONSES[`${route.method} ${route.url}` as RouteKey];
  if (!bodies || route.schema?.response) return;
  route.schema = { ...route.schema, response: { ...bodies, ...ERROR_RESPONSES } };
}
