import { DateTime } from 'luxon';
import {
  DirectoryChangeError,
  DirectoryDataSchema,
  DirectoryDocumentError,
  describeChange,
  directoryIds,
  SHIPPED_DIRECTORIES,
  type DirectoryChange,
  type DirectoryChangeRecord,
  type DirectoryData,
  type Unit,
  verifyHistory,
} from '../domain/units';
import type { TaskProjection } from '../projections/model';
import type { DirectoryHistoryStore } from './directory-store';
import { notFound, ServiceError } from './errors';

/** The statuses of an assignment that still runs (reminders, escalations): what a directory change can affect. */
export const OPEN_STATUSES = ['in-progress', 'due-soon', 'overdue', 'no-deadline'] as const;

/** A shipped directory document by id, or null. */
export function shippedDocument(id: string): DirectoryData | null {
  const doc = SHIPPED_DIRECTORIES.find((d) => d.id === id);
  return doc ? DirectoryDataSchema.parse(doc) : null;
}

/** An open assignment that points at a unit a change touches. */
export interface AffectedAssignment {
  workflowId: string;
  planId: string;
  taskRef: string;
  title: string;
  unitId: string;
  status: string;
  nextDue: string | null;
}

/** What a rename, merge or retirement affects: the open assignments whose current lead is one of the units. */
export interface DirectoryChangeEffect {
  units: { id: string; name: string }[];
  openAssignments: AffectedAssignment[];
  plans: string[];
  summary: string;
}

/** The open assignments among `tasks` whose current lead is one of `unitIds`. */
export function affectedAssignments(
  tasks: readonly TaskProjection[],
  unitIds: readonly string[],
): AffectedAssignment[] {
  const ids = new Set(unitIds);
  const open = new Set<string>(OPEN_STATUSES);
  return tasks
    .filter((t) => ids.has(t.unitId) && open.has(t.status))
    .map((t) => ({
      workflowId: t.workflowId,
      planId: t.planId,
      taskRef: t.taskRef,
      title: t.title,
      unitId: t.unitId,
      status: t.status,
      nextDue: t.nextDue,
    }));
}

/** Says what a change affects, from the open assignments found for its units. */
export function describeEffect(
  change: DirectoryChange,
  doc: DirectoryData,
  open: AffectedAssignment[],
): DirectoryChangeEffect {
  const unitIds =
    change.type === 'UnitsMerged'
      ? change.from
      : change.type === 'DirectoryImported'
        ? []
        : change.type === 'UnitAdded'
          ? [change.unit.id]
          : [change.unitId];
  const units = unitIds.map((id) => ({ id, name: doc.units.find((u) => u.id === id)?.name ?? id }));
  const plans = [...new Set(open.map((a) => a.planId))].sort();
  const who = units.map((u) => `${u.id} (${u.name})`).join(', ');
  const count =
    open.length === 0
      ? `no open assignment points at ${who}`
      : `${open.length} open assignment${open.length === 1 ? '' : 's'} of ${plans.length} plan${plans.length === 1 ? '' : 's'} (${plans.join(', ')}) point at ${who}`;
  let consequence = '';
  if (change.type === 'UnitRenamed')
    consequence = '; the id is unchanged, so they keep their reminders and escalations under the new name';
  else if (change.type === 'UnitsMerged')
    consequence = `; they keep running under their old unit ids; mentions in plans after ${change.lastDay} resolve to ${change.into}, so reassign the open ones to ${change.into} if they move`;
  else if (change.type === 'UnitRetired')
    consequence = `; they keep running; plans after ${change.lastDay} no longer resolve to it, so reassign the open ones if the work moves`;
  return { units, openAssignments: open, plans, summary: count + consequence };
}

/**
 * The one command path for directory edits (CLI and API), over either directory store (file or NATS): a shipped
 * directory's first edit stores it first, so its history starts from what was shipped; every change is recorded with
 * its actor and time; refusals are ServiceErrors.
 */
export class DirectoryEditor {
  constructor(readonly store: DirectoryHistoryStore) {}

  /** Every known directory id (shipped, stored, registered). */
  async ids(): Promise<string[]> {
    return [...new Set([...directoryIds(), ...(await this.store.ids())])].sort();
  }

  /** The current document of a directory: its stored history's replay, else the shipped one. */
  async current(id: string): Promise<DirectoryData> {
    const doc = (await this.store.current(id)) ?? shippedDocument(id);
    if (!doc) throw notFound(`directory ${id}`);
    return doc;
  }

  async has(id: string): Promise<boolean> {
    return (await this.store.current(id)) !== null || shippedDocument(id) !== null;
  }

  /** A stored directory's history and whether its hash chain holds; a shipped, never edited one has none. */
  async history(id: string): Promise<{
    history: DirectoryChangeRecord[];
    chain: { ok: true } | { ok: false; seq: number; problem: string };
  }> {
    if (!(await this.has(id))) throw notFound(`directory ${id}`);
    const history = await this.store.history(id);
    const broken = verifyHistory(history);
    return { history, chain: broken ? { ok: false, ...broken } : { ok: true } };
  }

  /** Applies and records a change by `actor` at `now`; a refused change leaves the directory as it was. */
  async record(
    id: string,
    change: DirectoryChange,
    actor: string,
    now = DateTime.now().setZone('Asia/Ho_Chi_Minh'),
  ): Promise<{ record: DirectoryChangeRecord; document: DirectoryData; description: string }> {
    try {
      const shipped = shippedDocument(id);
      if (change.type !== 'DirectoryImported' && (await this.store.history(id)).length === 0) {
        if (!shipped) throw notFound(`directory ${id}`);
        await this.store.append(id, { type: 'DirectoryImported', document: shipped }, actor, now);
      }
      const { record, document } = await this.store.append(id, change, actor, now);
      return { record, document, description: describeChange(change) };
    } catch (err) {
      if (err instanceof DirectoryDocumentError)
        throw new ServiceError('invalid', err.message, { source: err.source, issues: err.issues });
      if (err instanceof DirectoryChangeError) {
        const missing = /is not in directory/.test(err.message);
        throw new ServiceError(missing ? 'not-found' : 'conflict', err.message);
      }
      throw err;
    }
  }

  /** A unit of a directory, or a 404. */
  async unit(id: string, unitId: string): Promise<Unit> {
    const u = (await this.current(id)).units.find((x) => x.id === unitId);
    if (!u) throw notFound(`unit ${unitId} in directory ${id}`);
    return u;
  }
}
