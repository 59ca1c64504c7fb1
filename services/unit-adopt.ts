import type { DateTime } from 'luxon';
import type { Plan } from '../domain/plans/model';
import {
  applyChange,
  DirectoryChangeError,
  DirectoryDocumentError,
  proposeUnits,
  UnitSchema,
  type DirectoryChange,
  type DirectoryChangeRecord,
  type DirectoryData,
  type Unit,
  type UnitProposal,
  type UnresolvedMention,
} from '../domain/units';
import { ServiceError } from './errors';

/**
 * Adopting a plan's units: proposals for every lead and support mention that does not resolve (domain/units/adopt.ts
 * guesses each one's kind, head and parent), then the proposals a person accepted or corrected, added to the
 * directory with its history. The CLI (`dondoc units adopt`) and the API (`/plans/:planId/adopt`) share it.
 */

/** What adoption needs of the directory editor (services/directory-edits.ts); either answer may be a promise. */
export interface AdoptDirectory {
  current(id: string): DirectoryData | Promise<DirectoryData>;
  record(
    id: string,
    change: DirectoryChange,
    actor: string,
    now?: DateTime,
  ):
    | { record: DirectoryChangeRecord; document: DirectoryData }
    | Promise<{ record: DirectoryChangeRecord; document: DirectoryData }>;
}

/**
 * Every unresolved lead and support mention of a plan (not a group phrase), with the task refs that name it.
 * The CLI (`dondoc units adopt`), the API and scripts/lib/unit-resolution.ts share it.
 */
export function unresolvedMentions(plan: Plan): UnresolvedMention[] {
  const out: UnresolvedMention[] = [];
  for (const t of plan.tasks) {
    for (const [column, mentions] of [
      ['lead', t.lead],
      ['support', t.support],
    ] as const) {
      for (const m of mentions) {
        if (m.kind === 'unresolved' && m.unitIds.length === 0 && m.groupId === null) {
          out.push({ text: m.text, role: m.role, refs: [t.ref], column });
        }
      }
    }
  }
  return out;
}

/** The proposals for a plan against a directory, and the mentions left out (they name no body). */
export interface AdoptProposals {
  directory: string;
  /** Distinct unresolved mention texts, lead and support. */
  unresolved: number;
  /** Tasks with a lead that does not resolve. */
  unresolvedLeads: number;
  proposals: UnitProposal[];
  /** Mentions no unit is proposed for: the public, businesses, phrases without a body's name. */
  leftOut: string[];
}

/** Proposes a unit for every unresolved mention of `plan`, in the directory `doc`. */
export function proposeForPlan(plan: Plan, doc: DirectoryData): AdoptProposals {
  const mentions = unresolvedMentions(plan);
  const proposals = proposeUnits(doc, mentions);
  const texts = [...new Set(mentions.map((m) => m.text))];
  const unresolvedLeads = plan.tasks.filter((t) =>
    t.lead.some((m) => m.kind === 'unresolved' && m.unitIds.length === 0 && m.groupId === null),
  ).length;
  return {
    directory: doc.id,
    unresolved: texts.length,
    unresolvedLeads,
    proposals,
    leftOut: texts.filter((text) => proposeUnits(doc, [{ text, role: 'unit', refs: [], column: 'lead' }]).length === 0),
  };
}

/** What adopting did: the units added, the ones already there (same id), and the directory's last change. */
export interface AdoptResult {
  directory: string;
  added: Unit[];
  alreadyThere: string[];
  lastSeq: number | null;
}

/**
 * Adds the accepted units (corrected or as proposed) to a directory, recorded by `actor`. All of them are checked
 * first, against the directory and each other, in an order where a parent comes before its children; one that does
 * not fit refuses the whole lot with its position and the reason, and nothing is recorded. Units whose id is already
 * in the directory are left as they are.
 */
export async function adoptUnits(
  editor: AdoptDirectory,
  directoryId: string,
  accepted: readonly { unit: unknown }[],
  actor: string,
  now?: DateTime,
): Promise<AdoptResult> {
  const problems: string[] = [];
  const units: { unit: Unit; at: number }[] = [];
  const seen = new Map<string, number>();
  accepted.forEach((p, i) => {
    const parsed = UnitSchema.safeParse(p.unit);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push(`proposals[${i}].unit${issue.path.map((k) => `.${String(k)}`).join('')}: ${issue.message}`);
      return;
    }
    const before = seen.get(parsed.data.id);
    if (before !== undefined) {
      problems.push(`proposals[${i}].unit.id: "${parsed.data.id}" is already given by proposals[${before}]`);
      return;
    }
    seen.set(parsed.data.id, i);
    units.push({ unit: parsed.data, at: i });
  });
  if (problems.length > 0) throw new ServiceError('invalid', problems.join('; '), { problems });

  const start = await editor.current(directoryId);
  const alreadyThere = units.filter((u) => start.units.some((x) => x.id === u.unit.id)).map((u) => u.unit.id);
  let pending = units.filter((u) => !alreadyThere.includes(u.unit.id));
  // A dry run on the document: parents first, so a proposal may name another proposal as its parent or supervisor.
  const order: typeof pending = [];
  let doc = start;
  while (pending.length > 0) {
    const known = new Set(doc.units.map((u) => u.id));
    const ready = pending.filter(
      ({ unit }) =>
        (!unit.parentId || known.has(unit.parentId)) && (!unit.supervisorId || known.has(unit.supervisorId)),
    );
    const next = ready[0] ?? pending[0]!;
    try {
      doc = applyChange(doc, { type: 'UnitAdded', unit: next.unit });
    } catch (err) {
      if (err instanceof DirectoryChangeError || err instanceof DirectoryDocumentError)
        throw new ServiceError('invalid', `proposals[${next.at}] (${next.unit.id}): ${err.message}`);
      throw err;
    }
    order.push(next);
    pending = pending.filter((p) => p !== next);
  }

  let lastSeq: number | null = null;
  for (const { unit } of order) {
    const { record } = await editor.record(directoryId, { type: 'UnitAdded', unit }, actor, now);
    lastSeq = record.seq;
  }
  return { directory: directoryId, added: order.map((o) => o.unit), alreadyThere, lastSeq };
}
