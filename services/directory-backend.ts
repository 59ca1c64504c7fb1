import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { Settings } from '../config/settings';
import type { NatsHandles } from '../nats/streams';
import { registerDirectory, replayHistory } from '../domain/units';
import { DIRECTORIES_SUBJECT_PREFIX, NatsDirectoryStore } from './directory-nats';
import { DirectoryStore, type DirectoryHistoryStore } from './directory-store';
import { logger } from '../config/logger';

export type DirectoryBackendSettings = Pick<Settings, 'DONDOC_DIRECTORY_STORE' | 'DONDOC_DATA_DIR' | 'NATS_REPLICAS'>;

/**
 * The one place that decides where unit directories live. DONDOC_DIRECTORY_STORE:
 * - `nats`: the DONDOC_DIRECTORIES stream; a process without a NATS connection is refused (say which setting);
 * - `file`: `<DONDOC_DATA_DIR>/directories/<id>.jsonl` on this machine;
 * - `auto` (default): NATS when the process holds a connection (worker, API, `dondoc units channels import` when
 *   the server answers), the file store otherwise (offline CLI).
 */
export async function openDirectoryStore(
  settings: DirectoryBackendSettings,
  nats: Pick<NatsHandles, 'js' | 'jsm'> | null,
): Promise<DirectoryHistoryStore> {
  const mode = settings.DONDOC_DIRECTORY_STORE;
  if (mode === 'file' || (mode === 'auto' && !nats)) return DirectoryStore.inDataDir(settings.DONDOC_DATA_DIR);
  if (!nats)
    throw new Error('DONDOC_DIRECTORY_STORE=nats: unit directories are stored in NATS, but no NATS connection is open');
  return NatsDirectoryStore.open(nats, settings.NATS_REPLICAS);
}

/**
 * For a short-lived command (the CLI): the directory store the settings name, connecting to NATS when they may use
 * it. `auto` tries NATS_URL once for `probeMs` and falls back to the file store when no server answers; `nats`
 * fails with the reason. `nc` is the connection when one was opened (null on the file store); `close()` drains it.
 */
export async function openDirectoryStoreForCommand(
  settings: DirectoryBackendSettings & Pick<Settings, 'NATS_URL'>,
  probeMs = 1500,
): Promise<{ store: DirectoryHistoryStore; nc: NatsConnection | null; close(): Promise<void> }> {
  let nc: NatsConnection | null = null;
  if (settings.DONDOC_DIRECTORY_STORE !== 'file') {
    try {
      nc = await connect({ servers: settings.NATS_URL.split(','), name: 'dondoc-cli', timeout: probeMs });
    } catch (err) {
      if (settings.DONDOC_DIRECTORY_STORE === 'nats')
        throw new Error(
          `DONDOC_DIRECTORY_STORE=nats: NATS at ${settings.NATS_URL} does not answer: ${(err as Error).message}`,
        );
    }
  }
  try {
    const store = await openDirectoryStore(
      settings,
      nc ? { js: jetstream(nc), jsm: await jetstreamManager(nc) } : null,
    );
    return { store, nc, close: async () => void (await nc?.drain()) };
  } catch (err) {
    await nc?.drain().catch(() => undefined);
    throw err;
  }
}

/**
 * Keeps this process's registry of directories (what imports, plan starts and reports resolve against) in step with
 * the store: registers every stored directory now and again whenever another process (CLI, API, worker) appends a
 * change to one: on the NATS store through its change subjects, on the file store by watching its files. Returns the ids loaded now and `stop()`. A change that does not load (never
 * stored: the stores validate before appending) is reported through `onError` and the previous document stays.
 */
export async function followDirectories(
  store: DirectoryHistoryStore,
  nc: NatsConnection | null,
  onError: (err: unknown) => void = (err) =>
    logger('directories').warn(`directory not reloaded: ${(err as Error).message}`),
): Promise<{ loaded: string[]; stop(): void }> {
  let loaded: string[] = [];
  try {
    loaded = await store.registerAll();
  } catch (err) {
    onError(err);
  }
  if (store instanceof DirectoryStore) {
    // The file store: another process (the CLI beside a running API or worker) appends to the same files.
    const stop = store.watch(
      (id) => {
        try {
          const doc = store.current(id);
          if (doc) registerDirectory(doc);
        } catch (err) {
          onError(err);
        }
      },
      50,
      onError,
    );
    return { loaded, stop };
  }
  if (!nc || !(store instanceof NatsDirectoryStore)) return { loaded, stop: () => undefined };
  const sub = nc.subscribe(`${DIRECTORIES_SUBJECT_PREFIX}.>`);
  void (async () => {
    for await (const m of sub) {
      const id = m.subject.slice(DIRECTORIES_SUBJECT_PREFIX.length + 1);
      try {
        // A subscriber may see the message before the stream has stored it: read until the history holds it.
        let seq = 0;
        try {
          seq = Number((m.json() as { seq?: unknown }).seq) || 0;
        } catch {
          // not a change record: reload what is stored
        }
        for (let attempt = 1; ; attempt++) {
          const history = await store.history(id);
          if (history.length >= seq || attempt >= 20) {
            const doc = replayHistory(history);
            if (doc) registerDirectory(doc);
            break;
          }
          await new Promise((r) => setTimeout(r, 50 * attempt));
        }
      } catch (err) {
        onError(err);
      }
    }
  })();
  return { loaded, stop: () => sub.unsubscribe() };
}
