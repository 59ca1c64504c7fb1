import fs from 'node:fs';
import path from 'node:path';
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

/** A value or a promise of it: the file store answers at once, the NATS store asynchronously; callers `await` both. */
export type Awaitable<T> = T | Promise<T>;

/**
 * Where directories live, as their hash-chained change histories. Two backends share it: this file store (offline
 * CLI, no NATS configured) and the JetStream one (services/directory-nats.ts); services/directory-backend.ts picks
 * one from the settings. Write callers as `await store.append(…)` and they work with either.
 */
export interface DirectoryHistoryStore {
  /** Where the histories are kept, for messages ("file …/directories", "nats DONDOC_DIRECTORIES"). */
  readonly location: string;
  ids(): Awaitable<string[]>;
  history(id: string): Awaitable<DirectoryChangeRecord[]>;
  current(id: string): Awaitable<DirectoryData | null>;
  verify(id: string): Awaitable<{ seq: number; problem: string } | null>;
  append(
    id: string,
    change: DirectoryChange,
    actor: string,
    now?: DateTime,
  ): Awaitable<{ record: DirectoryChangeRecord; document: DirectoryData }>;
  registerAll(): Awaitable<string[]>;
}

/**
 * Directories stored as their change histories, one JSON line per sealed change (`<dataDir>/directories/<id>.jsonl`):
 * the current document is the replay of its history, so every change keeps who, when and what, hash-chained.
 */
export class DirectoryStore implements DirectoryHistoryStore {
  constructor(readonly root: string) {}

  get location(): string {
    return `file ${this.root}`;
  }

  static inDataDir(dataDir: string): DirectoryStore {
    return new DirectoryStore(path.join(dataDir, 'directories'));
  }

  private file(id: string): string {
    const parsed = DirectoryIdSchema.safeParse(id);
    if (!parsed.success) throw new Error(`"${id}": ${parsed.error.issues[0]?.message}`);
    return path.join(this.root, `${id}.jsonl`);
  }

  ids(): string[] {
    if (!fs.existsSync(this.root)) return [];
    return fs
      .readdirSync(this.root)
      .filter((f) => f.endsWith('.jsonl'))
      .map((f) => f.slice(0, -'.jsonl'.length))
      .sort();
  }

  /** Every change of a directory, oldest first; a damaged line is an error naming the file and line. */
  history(id: string): DirectoryChangeRecord[] {
    const file = this.file(id);
    if (!fs.existsSync(file)) return [];
    return fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .map((line, i) => ({ line, n: i + 1 }))
      .filter(({ line }) => line.trim() !== '')
      .map(({ line, n }) => {
        let json: unknown;
        try {
          json = JSON.parse(line);
        } catch {
          throw new Error(`${file}:${n}: expected a JSON change record`);
        }
        const parsed = DirectoryChangeRecordSchema.safeParse(json);
        if (!parsed.success)
          throw new Error(`${file}:${n}: ${parsed.error.issues[0]?.message ?? 'invalid change record'}`);
        return parsed.data;
      });
  }

  current(id: string): DirectoryData | null {
    return replayHistory(this.history(id));
  }

  /** Checks a stored history's hash chain. */
  verify(id: string): { seq: number; problem: string } | null {
    return verifyHistory(this.history(id));
  }

  /**
   * Applies a change (refused whole if the result is not a valid directory), appends its sealed record, and makes the
   * new document the one plans resolve against in this process.
   */
  append(
    id: string,
    change: DirectoryChange,
    actor: string,
    now = DateTime.now().setZone('Asia/Ho_Chi_Minh'),
  ): {
    record: DirectoryChangeRecord;
    document: DirectoryData;
  } {
    const file = this.file(id);
    fs.mkdirSync(this.root, { recursive: true });
    // Read, seal and append under the directory's lock: two processes (the CLI beside a running API, two CLI
    // commands) that both read seq n would otherwise both append an n+1 chained to it, and break the chain.
    const { record, document } = withFileLock(`${file}.lock`, () => {
      const history = this.history(id);
      const before = replayHistory(history);
      const document = applyChange(before, change);
      if (document.id !== id) throw new Error(`the document's id is ${document.id}, not ${id}`);
      const record = sealChange(id, history.at(-1) ?? null, change, now.toISO() ?? '', actor);
      fs.appendFileSync(file, JSON.stringify(record) + '\n');
      return { record, document };
    });
    registerDirectory(document);
    return { record, document };
  }

  /**
   * Calls `onChange(id)` whenever a directory's history file changes on disk, whichever process wrote it (the file
   * store's counterpart of the NATS store's change subjects). Events are coalesced per id for `debounceMs`.
   */
  watch(
    onChange: (id: string) => void,
    debounceMs = 50,
    onError: (err: unknown) => void = () => undefined,
  ): () => void {
    fs.mkdirSync(this.root, { recursive: true });
    const pending = new Map<string, NodeJS.Timeout>();
    const watcher = fs.watch(this.root, (_event, name) => {
      const f = name?.toString() ?? '';
      if (!f.endsWith('.jsonl')) return;
      const id = f.slice(0, -'.jsonl'.length);
      if (!DirectoryIdSchema.safeParse(id).success) return;
      clearTimeout(pending.get(id));
      pending.set(
        id,
        setTimeout(() => {
          pending.delete(id);
          onChange(id);
        }, debounceMs),
      );
    });
    // A watch that fails (the folder removed, the inotify limit reached) is reported, never thrown: an unhandled
    // 'error' event would take the API or the worker down with it.
    watcher.on('error', (err) =>
      onError(new Error(`${this.root}: stopped following directory changes: ${err.message}`)),
    );
    return () => {
      watcher.close();
      for (const t of pending.values()) clearTimeout(t);
      pending.clear();
    };
  }

  /** Registers every stored directory with domain/units, so imports and plan starts resolve against them. */
  registerAll(): string[] {
    const loaded: string[] = [];
    for (const id of this.ids()) {
      const doc = this.current(id);
      if (doc) {
        registerDirectory(doc);
        loaded.push(id);
      }
    }
    return loaded;
  }
}

/** How long an append waits for another process's lock, and when a lock left by a dead process is taken over. */
export const LOCK_WAIT_MS = 5_000;
export const LOCK_STALE_MS = 30_000;

/**
 * Runs `fn` holding an exclusive lock file (created with O_EXCL, holding the owner's pid). A lock older than
 * LOCK_STALE_MS, or whose owner process is gone, is taken over; one that stays held for LOCK_WAIT_MS is an error
 * that names the lock file, and nothing is written.
 */
export function withFileLock<T>(lockFile: string, fn: () => T, waitMs = LOCK_WAIT_MS): T {
  const deadline = Date.now() + waitMs;
  const nap = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      if (staleLock(lockFile)) {
        fs.rmSync(lockFile, { force: true });
        continue;
      }
      if (Date.now() >= deadline)
        throw new Error(
          `${lockFile}: another process is changing this directory (lock held for over ${waitMs} ms); try again`,
        );
      Atomics.wait(nap, 0, 0, 20);
    }
  }
  try {
    return fn();
  } finally {
    fs.rmSync(lockFile, { force: true });
  }
}

function staleLock(lockFile: string): boolean {
  try {
    const stat = fs.statSync(lockFile);
    if (Date.now() - stat.mtimeMs > LOCK_STALE_MS) return true;
    const pid = Number(fs.readFileSync(lockFile, 'utf8'));
    if (!Number.isInteger(pid) || pid <= 0) return false; // being written: wait for it
    try {
      process.kill(pid, 0);
      return false;
    } catch (err) {
      return (err as NodeJS.ErrnoException).code === 'ESRCH';
    }
  } catch {
    return false; // gone meanwhile: the next attempt takes it
  }
}
