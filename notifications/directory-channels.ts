import { DirectoryDataSchema, SHIPPED_DIRECTORIES } from '../domain/units';
import type { Channels, DirectoryChange, DirectoryData, Unit } from '../domain/units';
import { canonicalJson } from '../domain/events/hash';
import type { DirectoryHistoryStore } from '../services/directory-store';
import type { ChannelsConfig } from './channels';

/**
 * Where a recipient unit receives notices: its own channels and its head's, each target once. The directory
 * record is the only source; a unit with neither has none.
 */
export function unitChannels(unit: Pick<Unit, 'channels' | 'headChannels'>): Channels {
  const emails = [...new Set([...(unit.channels?.emails ?? []), ...(unit.headChannels?.emails ?? [])])];
  const seen = new Set<string>();
  const webhooks = [...(unit.channels?.webhooks ?? []), ...(unit.headChannels?.webhooks ?? [])].filter((w) => {
    if (seen.has(w.url)) return false;
    seen.add(w.url);
    return true;
  });
  return { emails, webhooks };
}

export interface DirectoryChannels {
  /** The channels of a unit of any stored directory (the first directory, by id, that holds the unit). */
  channelsOf(unitId: string): Promise<Channels | undefined>;
  /** Reloads the stored directories now. */
  refresh(): Promise<void>;
}

/**
 * Reads recipients' channels from the stored directories. The directories are reloaded at most every `refreshMs`
 * (default 10 s), and at once (at most every second) when a unit is not found, so an edit made through the CLI or
 * the API on another host reaches the notifier without a restart.
 */
export function directoryChannels(store: DirectoryHistoryStore, opts: { refreshMs?: number } = {}): DirectoryChannels {
  const refreshMs = opts.refreshMs ?? 10_000;
  let byUnit = new Map<string, Channels>();
  let loadedAt = 0;
  let loading: Promise<void> | null = null;

  async function load(): Promise<void> {
    const next = new Map<string, Channels>();
    for (const id of await store.ids()) {
      const doc = await store.current(id);
      for (const u of doc?.units ?? []) if (!next.has(u.id)) next.set(u.id, unitChannels(u));
    }
    byUnit = next;
    loadedAt = Date.now();
  }
  const refresh = (): Promise<void> => {
    loading ??= load().finally(() => (loading = null));
    return loading;
  };

  return {
    refresh,
    async channelsOf(unitId) {
      const age = Date.now() - loadedAt;
      if (age > refreshMs || (!byUnit.has(unitId) && age > 1000)) await refresh();
      return byUnit.get(unitId);
    },
  };
}

export interface ChannelsImportPlan {
  changes: { directoryId: string; change: Extract<DirectoryChange, { type: 'ChannelsChanged' }> }[];
  /** Units whose channels are already what the file says. */
  unchanged: string[];
  /** Units of the file found in no given directory. */
  unknown: string[];
}

/**
 * The ChannelsChanged changes that make the directories' records say what a channels file says. Each unit of the
 * file is looked up in the given directories (the first that holds it); the file's channels replace the unit's own.
 */
export function planChannelsImport(config: ChannelsConfig, directories: readonly DirectoryData[]): ChannelsImportPlan {
  const out: ChannelsImportPlan = { changes: [], unchanged: [], unknown: [] };
  for (const [unitId, channels] of Object.entries(config.units)) {
    const dir = directories.find((d) => d.units.some((u) => u.id === unitId));
    const unit = dir?.units.find((u) => u.id === unitId);
    if (!dir || !unit) {
      out.unknown.push(unitId);
      continue;
    }
    const before = { emails: unit.channels?.emails ?? [], webhooks: unit.channels?.webhooks ?? [] };
    if (canonicalJson(before) === canonicalJson(channels)) out.unchanged.push(unitId);
    else out.changes.push({ directoryId: dir.id, change: { type: 'ChannelsChanged', unitId, channels } });
  }
  return out;
}

/**
 * Writes a channels file into the stored directories as audited ChannelsChanged changes by `actor`. The units are
 * looked up in the given directories (default: every stored one, then the shipped ones not stored yet; a shipped
 * directory is stored as shipped before its first change). A unit found nowhere refuses the whole file (nothing is
 * written), naming the units and the directories, unless `unknown: 'skip'` (the worker's deprecated start path).
 */
export async function importChannels(
  store: DirectoryHistoryStore,
  config: ChannelsConfig,
  actor: string,
  opts: { directoryIds?: string[]; source?: string; unknown?: 'refuse' | 'skip' } = {},
): Promise<ChannelsImportPlan> {
  const stored = await store.ids();
  const shipped = SHIPPED_DIRECTORIES.map((d) => DirectoryDataSchema.parse(d));
  const ids = opts.directoryIds ?? [...stored, ...shipped.map((d) => d.id).filter((id) => !stored.includes(id))];
  const docs: { doc: DirectoryData; stored: boolean }[] = [];
  for (const id of ids) {
    const doc = await store.current(id);
    const fallback = shipped.find((d) => d.id === id);
    if (!doc && !fallback) throw new Error(`no stored directory "${id}" in ${store.location}`);
    docs.push(doc ? { doc, stored: true } : { doc: fallback!, stored: false });
  }
  const plan = planChannelsImport(
    config,
    docs.map((d) => d.doc),
  );
  if (plan.unknown.length > 0 && opts.unknown !== 'skip') {
    throw new Error(
      `${opts.source ?? 'channels'}: units not in directory ${ids.join(', ') || '(none stored)'}: ${plan.unknown.join(', ')}; ` +
        'add them first (dondoc units add) or give the directory that holds them (--directory)',
    );
  }
  for (const c of plan.changes) {
    const entry = docs.find((d) => d.doc.id === c.directoryId)!;
    if (!entry.stored) {
      await store.append(c.directoryId, { type: 'DirectoryImported', document: entry.doc }, actor);
      entry.stored = true;
    }
    await store.append(c.directoryId, c.change, actor);
  }
  return plan;
}
