import {
  DiscardPolicy,
  RetentionPolicy,
  StorageType,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
  type StreamConfig,
} from '@nats-io/jetstream';
import { DateTime } from 'luxon';
import {
  applyChange,
  DirectoryChangeRecordSchema,
  DirectoryIdSchema,
  registerDirectory,
  replayHistory,
  sealChange,
  verifyHistory,
  type DirectoryChange,
  type DirectoryChangeRecord,
  type DirectoryData,
} from '../domain/units';
import { isNotFound, type NatsHandles } from '../nats/streams';
import type { DirectoryHistoryStore } from './directory-store';

/** The stream of directory changes: one subject per directory, every change a sealed, hash-chained record. */
export const DIRECTORIES_STREAM = 'DONDOC_DIRECTORIES';
export const DIRECTORIES_SUBJECT_PREFIX = 'dondoc.directories';

const DAY_NS = 24 * 60 * 60 * 1e9;

/**
 * Like the audit stream (nats/streams.ts): file storage, nothing ever aged out, a full store refuses new changes
 * rather than dropping old ones, a day's duplicate window for the msgID `<directory>:<seq>` so a retried append
 * is stored once, no message deletion. Durability comes from the server's `sync_interval: always` and, in
 * production, from NATS_REPLICAS replicas.
 */
export function directoriesStreamConfig(replicas = 1): Partial<StreamConfig> & { name: string } {
  return {
    name: DIRECTORIES_STREAM,
    description: 'dondoc unit directories: every change with who, when and what, hash-chained per directory',
    subjects: [`${DIRECTORIES_SUBJECT_PREFIX}.>`],
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    discard: DiscardPolicy.New,
    max_age: 0,
    max_msgs_per_subject: -1,
    max_msg_size: 8 * 1024 * 1024,
    duplicate_window: DAY_NS,
    num_replicas: replicas,
    allow_direct: true,
    deny_delete: true,
    deny_purge: false,
  };
}

/** Creates the directories stream or brings its configuration in line with this code. Idempotent. */
export async function ensureDirectoriesStream(jsm: JetStreamManager, replicas = 1): Promise<void> {
  const config = directoriesStreamConfig(replicas);
  try {
    await jsm.streams.info(config.name);
    await jsm.streams.update(config.name, config);
  } catch (err) {
    if (!isNotFound(err)) throw err;
    await jsm.streams.add(config);
  }
}

/** The subject of one directory's changes. */
export function directorySubject(id: string): string {
  const parsed = DirectoryIdSchema.safeParse(id);
  if (!parsed.success) throw new Error(`"${id}": ${parsed.error.issues[0]?.message}`);
  return `${DIRECTORIES_SUBJECT_PREFIX}.${id}`;
}

/** Another writer appended to the same directory between our read and our write, more often than we retried. */
export class DirectoryConflictError extends Error {
  override readonly name = 'DirectoryConflictError';
}

function decode(id: string, m: { seq: number; json<T>(): T }): DirectoryChangeRecord {
  let json: unknown;
  try {
    json = m.json();
  } catch {
    throw new Error(`${DIRECTORIES_STREAM} message ${m.seq} (${id}): expected a JSON change record`);
  }
  const parsed = DirectoryChangeRecordSchema.safeParse(json);
  if (!parsed.success)
    throw new Error(
      `${DIRECTORIES_STREAM} message ${m.seq} (${id}): ${parsed.error.issues[0]?.message ?? 'invalid change record'}`,
    );
  return parsed.data;
}

/**
 * Directories stored in JetStream (DONDOC_DIRECTORIES, subject `dondoc.directories.<id>`): the same sealed change
 * records as the file store, so an API or worker on any host sees the same directories and their history. An append
 * is conditional on the directory's last stored message (expected last subject sequence): two writers never fork a
 * chain; the loser re-reads and applies its change to the new state.
 */
export class NatsDirectoryStore implements DirectoryHistoryStore {
  readonly location = `nats ${DIRECTORIES_STREAM}`;
  constructor(
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
  ) {}

  /** Ensures the stream and returns a store on it. */
  static async open(nats: Pick<NatsHandles, 'js' | 'jsm'>, replicas = 1): Promise<NatsDirectoryStore> {
    await ensureDirectoriesStream(nats.jsm, replicas);
    return new NatsDirectoryStore(nats.js, nats.jsm);
  }

  async ids(): Promise<string[]> {
    const info = await this.jsm.streams.info(DIRECTORIES_STREAM, {
      subjects_filter: `${DIRECTORIES_SUBJECT_PREFIX}.>`,
    });
    return Object.keys(info.state.subjects ?? {})
      .map((s) => s.slice(DIRECTORIES_SUBJECT_PREFIX.length + 1))
      .sort();
  }

  /** The stream sequence of a directory's last message (0 when it has none). */
  private async lastStreamSeq(id: string): Promise<number> {
    try {
      const last = await this.jsm.streams.getMessage(DIRECTORIES_STREAM, { last_by_subj: directorySubject(id) });
      return last?.seq ?? 0;
    } catch (err) {
      if (isNotFound(err)) return 0;
      throw err;
    }
  }

  /** Every change of a directory, oldest first, with the stream sequence of the last one. */
  private async read(id: string): Promise<{ records: DirectoryChangeRecord[]; lastSeq: number }> {
    const lastSeq = await this.lastStreamSeq(id);
    if (lastSeq === 0) return { records: [], lastSeq };
    const consumer = await this.js.consumers.get(DIRECTORIES_STREAM, { filter_subjects: [directorySubject(id)] });
    const records: DirectoryChangeRecord[] = [];
    try {
      for (let done = false; !done;) {
        const batch = await consumer.fetch({ max_messages: 500, expires: 2000 });
        let got = 0;
        for await (const m of batch as AsyncIterable<JsMsg>) {
          got++;
          if (m.seq <= lastSeq) records.push(decode(id, m));
          if (m.seq >= lastSeq || m.info.pending === 0) {
            done = true;
            break;
          }
        }
        if (got === 0) done = true;
      }
    } finally {
      await consumer.delete().catch(() => undefined);
    }
    return { records, lastSeq };
  }

  async history(id: string): Promise<DirectoryChangeRecord[]> {
    return (await this.read(id)).records;
  }

  async current(id: string): Promise<DirectoryData | null> {
    return replayHistory(await this.history(id));
  }

  async verify(id: string): Promise<{ seq: number; problem: string } | null> {
    return verifyHistory(await this.history(id));
  }

  async append(
    id: string,
    change: DirectoryChange,
    actor: string,
    now = DateTime.now().setZone('Asia/Ho_Chi_Minh'),
  ): Promise<{ record: DirectoryChangeRecord; document: DirectoryData }> {
    const subject = directorySubject(id);
    for (let attempt = 1; ; attempt++) {
      const { records, lastSeq } = await this.read(id);
      const document = applyChange(replayHistory(records), change);
      if (document.id !== id) throw new Error(`the document's id is ${document.id}, not ${id}`);
      const record = sealChange(id, records.at(-1) ?? null, change, now.toISO() ?? '', actor);
      try {
        const ack = await this.js.publish(subject, JSON.stringify(record), {
          msgID: `${id}:${record.seq}`,
          expect: { lastSubjectSequence: lastSeq },
        });
        if (ack.duplicate) {
          // Someone stored a record with this seq within the duplicate window: ours only if it is the same one.
          const stored = await this.jsm.streams.getMessage(DIRECTORIES_STREAM, { seq: ack.seq });
          if (!stored || decode(id, stored).hash !== record.hash) throw new ConflictSignal();
        }
        registerDirectory(document);
        return { record, document };
      } catch (err) {
        const conflict = err instanceof ConflictSignal || /wrong last sequence/i.test((err as Error)?.message ?? '');
        if (!conflict) throw err;
        if (attempt >= 5)
          throw new DirectoryConflictError(`directory ${id} kept changing while ${actor} wrote to it; try again`);
      }
    }
  }

  async registerAll(): Promise<string[]> {
    const loaded: string[] = [];
    for (const id of await this.ids()) {
      const doc = await this.current(id);
      if (doc) {
        registerDirectory(doc);
        loaded.push(id);
      }
    }
    return loaded;
  }
}

class ConflictSignal extends Error {}
