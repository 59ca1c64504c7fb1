import { loadSettings } from '../../config/settings';
import type { DirectoryChange, DirectoryData } from '../../domain/units';
import { openProjectionStore } from '../../projections/store';
import { openDirectoryStoreForCommand } from '../../services/directory-backend';
import { affectedAssignments, describeEffect, DirectoryEditor, OPEN_STATUSES } from '../../services/directory-edits';
import type { DirectoryHistoryStore } from '../../services/directory-store';
import type { NatsConnection } from '@nats-io/transport-node';

interface Session {
  store: DirectoryHistoryStore;
  editor: DirectoryEditor;
  nc: NatsConnection | null;
  close(): Promise<void>;
}

let session: Promise<Session> | null = null;

/**
 * The directory store of this CLI run, opened once and shared by every command: the NATS store when NATS_URL answers
 * (the one the API and the worker use), else the file store of the data directory (services/directory-backend.ts).
 */
export function commandDirectories(): Promise<Session> {
  session ??= openDirectoryStoreForCommand(loadSettings()).then(({ store, nc, close }) => ({
    store,
    nc,
    close,
    editor: new DirectoryEditor(store),
  }));
  return session;
}

/** Closes the run's directory store connection, if one was opened. */
export async function closeCommandDirectories(): Promise<void> {
  const s = session;
  session = null;
  if (s) await (await s.catch(() => null))?.close();
}

/**
 * What a rename, merge or retirement affects: the open assignments of the units, read from the task projections when
 * NATS answers; offline, says that they were not checked. Never fails the edit: a projection that cannot be read is
 * reported as such.
 */
export async function effectOf(
  change: DirectoryChange,
  doc: DirectoryData,
  unitIds: readonly string[],
): Promise<string> {
  const { nc } = await commandDirectories();
  if (!nc)
    return `no NATS server answered, so running assignments were not checked; unit ids are unchanged, so any that point at ${unitIds.join(', ')} keep their reminders and escalations`;
  try {
    const store = await openProjectionStore(nc, { replicas: loadSettings().NATS_REPLICAS });
    try {
      const open = unitIds.flatMap((u) =>
        affectedAssignments(store.listTasks({ unitId: u, status: [...OPEN_STATUSES] }), [u]),
      );
      return describeEffect(change, doc, open).summary;
    } finally {
      await store.close();
    }
  } catch (err) {
    return `running assignments not checked (${(err as Error).message}); unit ids are unchanged, so they keep working`;
  }
}
