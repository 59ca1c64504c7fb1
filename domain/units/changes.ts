import { z } from 'zod';
import { canonicalJson, GENESIS_HASH, sha256Hex } from '../events/hash';
import { ChannelsSchema, DirectoryDataSchema, IsoDateSchema, UnitIdSchema, UnitSchema } from './unit';
import type { DirectoryData, Unit } from './unit';
import { DirectoryDocumentError, describePath, validateDirectory } from './validate';

/** One change to a directory; a directory's history is the list of its changes, hash-chained like task events. */
export const DirectoryChangeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('DirectoryImported'), document: DirectoryDataSchema }),
  z.object({ type: z.literal('UnitAdded'), unit: UnitSchema }),
  z.object({
    type: z.literal('UnitRenamed'),
    unitId: UnitIdSchema,
    name: z.string().trim().min(1),
    headTitle: z.string().trim().min(1).optional(),
  }),
  z.object({
    type: z.literal('UnitsMerged'),
    from: z.array(UnitIdSchema).min(1),
    into: UnitIdSchema,
    lastDay: IsoDateSchema,
  }),
  z.object({ type: z.literal('UnitRetired'), unitId: UnitIdSchema, lastDay: IsoDateSchema }),
  z.object({
    type: z.literal('HeadChanged'),
    unitId: UnitIdSchema,
    headTitle: z.string().trim().min(1).optional(),
    headName: z.string().optional(),
    headPhone: UnitSchema.shape.headPhone,
    headChannels: ChannelsSchema.optional(),
  }),
  z.object({ type: z.literal('ChannelsChanged'), unitId: UnitIdSchema, channels: ChannelsSchema }),
]);
export type DirectoryChange = z.infer<typeof DirectoryChangeSchema>;

export const DirectoryChangeRecordSchema = z.object({
  directoryId: z.string(),
  seq: z.number().int().positive(),
  at: z.string(),
  actor: z.string().min(1),
  change: DirectoryChangeSchema,
  prevHash: z.string(),
  hash: z.string(),
});
export type DirectoryChangeRecord = z.infer<typeof DirectoryChangeRecordSchema>;

/** A change refused against the current directory (unknown unit, a merge into itself…): the API answers 4xx. */
export class DirectoryChangeError extends Error {
  override readonly name = 'DirectoryChangeError';
}

function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/**
 * The directory after a change. Nothing is ever deleted: a renamed unit keeps its id (running assignments point at
 * it) and its old name as an alias; a retired or merged unit stays with its last day, so history and old plans resolve.
 */
export function applyChange(doc: DirectoryData | null, change: DirectoryChange): DirectoryData {
  if (change.type === 'DirectoryImported') return checked(change.document);
  if (!doc) throw new DirectoryChangeError('the directory does not exist yet: import or init it first');
  const find = (id: string): Unit => {
    const u = doc.units.find((x) => x.id === id);
    if (!u) throw new DirectoryChangeError(`unit ${id} is not in directory ${doc.id}`);
    return u;
  };
  const replace = (id: string, patch: (u: Unit) => Unit): Unit[] => doc.units.map((u) => (u.id === id ? patch(u) : u));
  switch (change.type) {
    case 'UnitAdded':
      if (doc.units.some((u) => u.id === change.unit.id))
        throw new DirectoryChangeError(`unit ${change.unit.id} already exists`);
      return checked({ ...doc, units: [...doc.units, change.unit] });
    case 'UnitRenamed': {
      const u = find(change.unitId);
      const aliases = u.aliases.includes(u.name) || u.name === change.name ? u.aliases : [...u.aliases, u.name];
      return checked({
        ...doc,
        units: replace(u.id, (x) => ({
          ...x,
          name: change.name,
          aliases,
          ...(change.headTitle ? { headTitle: change.headTitle } : {}),
        })),
      });
    }
    case 'UnitsMerged': {
      const into = find(change.into);
      if (change.from.includes(into.id)) throw new DirectoryChangeError(`cannot merge ${into.id} into itself`);
      const from = change.from.map(find);
      let units = doc.units.map((u) =>
        change.from.includes(u.id) ? { ...u, validTo: change.lastDay, mergedInto: into.id } : u,
      );
      units = units.map((u) =>
        u.id === into.id ? { ...u, mergedFrom: [...new Set([...(u.mergedFrom ?? []), ...from.map((f) => f.id)])] } : u,
      );
      if (into.validTo && into.validTo <= change.lastDay) {
        throw new DirectoryChangeError(`${into.id} itself ends on ${into.validTo}, before the merge`);
      }
      return checked({ ...doc, units });
    }
    case 'UnitRetired': {
      const u = find(change.unitId);
      if (u.validFrom && change.lastDay < dayBefore(u.validFrom)) {
        throw new DirectoryChangeError(`${u.id} starts on ${u.validFrom}, after ${change.lastDay}`);
      }
      return checked({ ...doc, units: replace(u.id, (x) => ({ ...x, validTo: change.lastDay })) });
    }
    case 'HeadChanged': {
      find(change.unitId);
      const { type: _t, unitId: _u, ...patch } = change;
      const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
      return checked({ ...doc, units: replace(change.unitId, (x) => ({ ...x, ...defined })) });
    }
    case 'ChannelsChanged':
      find(change.unitId);
      return checked({ ...doc, units: replace(change.unitId, (x) => ({ ...x, channels: change.channels })) });
    default: {
      const _exhaustive: never = change;
      throw new DirectoryChangeError(`unknown change ${JSON.stringify(_exhaustive)}`);
    }
  }
}

function checked(doc: unknown): DirectoryData {
  const v = validateDirectory(doc);
  if (!v.ok) {
    throw new DirectoryDocumentError(
      (doc as { id?: string }).id ?? 'directory',
      v.issues.map((i) => ({ where: describePath(doc, i.path), message: i.message })),
    );
  }
  return v.data;
}

/** Hash of a change record's content, chained to the previous record's hash. */
export function changeHash(record: Omit<DirectoryChangeRecord, 'hash'>): string {
  return sha256Hex(record.prevHash + canonicalJson(record));
}

/** Seals a change after the last record of a directory's history. */
export function sealChange(
  directoryId: string,
  previous: DirectoryChangeRecord | null,
  change: DirectoryChange,
  at: string,
  actor: string,
): DirectoryChangeRecord {
  const unsealed = {
    directoryId,
    seq: (previous?.seq ?? 0) + 1,
    at,
    actor,
    change,
    prevHash: previous?.hash ?? GENESIS_HASH,
  };
  return { ...unsealed, hash: changeHash(unsealed) };
}

/** The first break in a history's hash chain or sequence, or null when every record is intact. */
export function verifyHistory(records: readonly DirectoryChangeRecord[]): { seq: number; problem: string } | null {
  let prev = GENESIS_HASH;
  for (const [i, r] of records.entries()) {
    if (r.seq !== i + 1) return { seq: r.seq, problem: `expected seq ${i + 1}` };
    if (r.prevHash !== prev) return { seq: r.seq, problem: 'prevHash does not match the previous record' };
    const { hash, ...rest } = r;
    if (changeHash(rest) !== hash) return { seq: r.seq, problem: 'content altered after it was sealed' };
    prev = hash;
  }
  return null;
}

/** The directory a history leads to. */
export function replayHistory(records: readonly DirectoryChangeRecord[]): DirectoryData | null {
  return records.reduce<DirectoryData | null>((doc, r) => applyChange(doc, r.change), null);
}

/** One line per change, for `dondoc units history`. */
export function describeChange(change: DirectoryChange): string {
  switch (change.type) {
    case 'DirectoryImported':
      return `imported ${change.document.units.length} units, ${change.document.groups.length} groups`;
    case 'UnitAdded':
      return `added ${change.unit.id} "${change.unit.name}" (${change.unit.kind})`;
    case 'UnitRenamed':
      return `renamed ${change.unitId} to "${change.name}"`;
    case 'UnitsMerged':
      return `merged ${change.from.join(', ')} into ${change.into} after ${change.lastDay}`;
    case 'UnitRetired':
      return `retired ${change.unitId} after ${change.lastDay}`;
    case 'HeadChanged':
      return `head of ${change.unitId}: ${[change.headTitle, change.headName].filter(Boolean).join(', ') || 'contacts changed'}`;
    case 'ChannelsChanged':
      return `channels of ${change.unitId}: ${change.channels.emails.length} e-mail, ${change.channels.webhooks.length} webhook`;
    default: {
      const _exhaustive: never = change;
      return String(_exhaustive);
    }
  }
}
