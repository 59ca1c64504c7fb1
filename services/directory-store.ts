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
    const history = this.history(id);
    const before = replayHistory(history);
    const document = applyChange(before, change);
    if (document.id !== id) throw new Error(`the document's id is ${document.id}, not ${id}`);
    const record = sealChange(id, history.at(-1) ?? null, change, now.toISO() ?? '', actor);
    fs.mkdirSync(this.root, { recursive: true });
    fs.appendFileSync(this.file(id), JSON.stringify(record) + '\n');
    registerDirectory(document);
    return { record, document };
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
