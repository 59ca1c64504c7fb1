import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { DateTime } from 'luxon';
import type { CalendarFile } from '../config/calendar';
import { ZONE, type WorkingCalendar } from '../domain/calendar/types';
import { reprojectMilestones, type DeadlineMove, type OpenMilestone } from '../domain/deadlines/reproject';
import type { AssignmentState } from '../domain/events/assignment';
import type { ProjectionStore } from '../projections/store';
import { taskStateQuery } from '../workflows/messages';
import { executeAction } from './actions';
import { ServiceError } from './errors';
import { actorOf, type Principal } from './tokens';

/** What became of one assignment's moves. */
export type ReprojectionOutcome =
  { status: 'planned' } | { status: 'applied'; events: number } | { status: 'refused'; code: string; message: string };

export interface TaskReprojection {
  workflowId: string;
  planId: string;
  taskRef: string;
  unitId: string;
  title: string;
  moves: DeadlineMove[];
  outcome: ReprojectionOutcome;
}

export interface ReprojectionReport {
  calendarVersion: string;
  today: string;
  dryRun: boolean;
  /** Open assignments looked at (from the projection). */
  examined: number;
  tasks: TaskReprojection[];
  /** Milestones moved (or, in a dry run, that would move). */
  moved: number;
  refused: number;
}

export interface ReprojectionRequest {
  /** The calendar the open due dates were set on (the workers' calendar until now). */
  before: WorkingCalendar;
  /** The changed calendar (the new overrides file). */
  after: CalendarFile;
  planId?: string;
  dryRun?: boolean;
  /** Let a day off given back move due dates earlier (default: never shorten a deadline). */
  earlier?: boolean;
  /** The instant whose civil date is "today" (default now); a test on the time-skipping server passes its clock. */
  nowMs?: number;
}

const CLOSED_STATUSES = new Set(['done-on-time', 'done-late', 'cancelled']);
/** Assignments re-projected at once: each is a query and an update on its own workflow. */
const CONCURRENCY = 8;

/** The milestones of a state that a calendar change may still move: not closed, and not awaiting approval. */
export function openMilestonesOf(state: {
  milestones: readonly OpenMilestone[];
  closed: readonly { index: number }[];
  current: Pick<NonNullable<AssignmentState['current']>, 'status' | 'milestone'> | null;
}): OpenMilestone[] {
  const closed = new Set(state.closed.map((c) => c.index));
  const awaiting = state.current && state.current.status !== 'open' ? state.current.milestone.index : null;
  return state.milestones.filter((m) => !closed.has(m.index) && m.index !== awaiting);
}

/**
 * Re-projects the open assignments onto a changed calendar (`dondoc calendar reproject`, POST
 * /calendar/reproject): the projection says which assignments a change may touch; each one's live workflow state
 * gives the moves, which go to the workflow as one Reproject update, recording a DeadlineReprojected per move.
 * The original due date stays on each milestone for on-time rates.
 */
export class ReprojectionService {
  constructor(private readonly deps: { client: Client; store: ProjectionStore }) {}

  async reproject(p: Principal, req: ReprojectionRequest): Promise<ReprojectionReport> {
    if (p.role !== 'admin' && p.role !== 'monitor')
      throw new ServiceError('forbidden', 'only the monitoring unit or an admin re-projects deadlines');
    const today = DateTime.fromMillis(req.nowMs ?? Date.now(), { zone: ZONE }).toISODate() as string;
    const options = { today, earlier: req.earlier ?? false };
    const open = this.deps.store
      .listTasks(req.planId ? { planId: req.planId } : {})
      .filter((t) => !CLOSED_STATUSES.has(t.status));
    // The projection may lag the workflow by a few events; it only picks the candidates.
    const candidates = open.filter(
      (t) =>
        reprojectMilestones(openMilestonesOf({ ...t, current: null }), req.before, req.after.calendar, options).length >
        0,
    );
    const tasks: TaskReprojection[] = [];
    let next = 0;
    const worker = async () => {
      while (next < candidates.length) {
        const t = candidates[next++]!;
        const done = await this.one(p, t.workflowId, req, options);
        if (done) tasks.push({ ...done, planId: t.planId, taskRef: t.taskRef, title: t.title });
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, candidates.length) }, worker));
    tasks.sort((a, b) => a.workflowId.localeCompare(b.workflowId));
    return {
      calendarVersion: req.after.version,
      today,
      dryRun: req.dryRun ?? false,
      examined: open.length,
      tasks,
      moved: tasks.filter((t) => t.outcome.status !== 'refused').reduce((n, t) => n + t.moves.length, 0),
      refused: tasks.filter((t) => t.outcome.status === 'refused').length,
    };
  }

  private async one(
    p: Principal,
    workflowId: string,
    req: ReprojectionRequest,
    options: { today: string; earlier: boolean },
  ): Promise<Omit<TaskReprojection, 'planId' | 'taskRef' | 'title'> | null> {
    const handle = this.deps.client.workflow.getHandle(workflowId);
    let view;
    try {
      view = await handle.query(taskStateQuery);
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return null; // closed since the projection saw it
      throw err;
    }
    const moves = reprojectMilestones(openMilestonesOf(view.state), req.before, req.after.calendar, options);
    if (moves.length === 0) return null;
    const base = { workflowId, unitId: view.leadUnit, moves };
    if (req.dryRun) return { ...base, outcome: { status: 'planned' } };
    try {
      const command = {
        type: 'Reproject' as const,
        calendarVersion: req.after.version,
        moves: moves.map(({ milestone, from, to, reason, rule }) => ({ milestone, from, to, reason, rule })),
      };
      const result = await executeAction(handle, command, actorOf(p));
      return { ...base, outcome: { status: 'applied', events: result.events.length } };
    } catch (err) {
      if (err instanceof ServiceError)
        return { ...base, outcome: { status: 'refused', code: err.code, message: err.message } };
      if (err instanceof WorkflowNotFoundError)
        return { ...base, outcome: { status: 'refused', code: 'conflict', message: `task ${workflowId} is closed` } };
      throw err;
    }
  }
}
