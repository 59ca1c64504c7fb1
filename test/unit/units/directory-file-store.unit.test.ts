import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, existsSync, utimesSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { loadDirectory, registerDirectory, SHIPPED_DIRECTORIES } from '../../../domain/units';
import { followDirectories } from '../../../services/directory-backend';
import { shippedDocument } from '../../../services/directory-edits';
import { DirectoryStore, LOCK_STALE_MS, withFileLock } from '../../../services/directory-store';

const NOW = DateTime.fromISO('2026-12-06T09:00:00', { zone: 'Asia/Ho_Chi_Minh' });
const q1 = SHIPPED_DIRECTORIES.find((d) => d.id === 'hcm-q1')!;

const waitFor = async (check: () => boolean, ms = 3_000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
  return true;
};

describe('the file directory store shared by several processes', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'dondoc-dirfiles-'));
  });
  afterEach(() => {
    registerDirectory(q1); // what other tests expect of hcm-q1
    rmSync(dir, { recursive: true, force: true });
  });

  it('followDirectories reloads a directory another writer changed on disk', async () => {
    const store = new DirectoryStore(dir);
    await store.append('hcm-q1', { type: 'DirectoryImported', document: shippedDocument('hcm-q1')! }, 'test', NOW);
    const followed = await followDirectories(store, null);
    try {
      expect(followed.loaded).toEqual(['hcm-q1']);
      const unit = loadDirectory('hcm-q1')
        .list()
        .find((u) => u.kind !== 'ubnd')!;
      // Another writer (a second store on the same files stands for another process) renames the unit...
      await new DirectoryStore(dir).append(
        'hcm-q1',
        { type: 'UnitRenamed', unitId: unit.id, name: 'Tên khác' },
        't',
        NOW,
      );
      // ...and this process forgets it, as a process that did not write it would not know it.
      registerDirectory(q1);
      expect(loadDirectory('hcm-q1').get(unit.id)!.name).toBe(unit.name);
      const reloaded = await waitFor(() => loadDirectory('hcm-q1').get(unit.id)!.name === 'Tên khác');
      expect(reloaded).toBe(true);
    } finally {
      followed.stop();
    }
  });

  it('a damaged line written by someone else is reported, and the loaded directory stays', async () => {
    const store = new DirectoryStore(dir);
    await store.append('hcm-q1', { type: 'DirectoryImported', document: shippedDocument('hcm-q1')! }, 'test', NOW);
    const errors: string[] = [];
    const followed = await followDirectories(store, null, (err) => errors.push((err as Error).message));
    try {
      writeFileSync(path.join(dir, 'hcm-q1.jsonl'), '{not json\n', { flag: 'a' });
      expect(await waitFor(() => errors.length > 0)).toBe(true);
      expect(errors[0]).toMatch(/hcm-q1\.jsonl:2: expected a JSON change record/);
      expect(loadDirectory('hcm-q1').list().length).toBeGreaterThan(0);
    } finally {
      followed.stop();
    }
  });

  it('an append waits for another holder of the lock, and gives up with a message naming the lock', () => {
    const lock = path.join(dir, 'x.lock');
    // Held by this (live) process: not stale.
    writeFileSync(lock, String(process.pid));
    expect(() => withFileLock(lock, () => 1, 100)).toThrow(/x\.lock: another process is changing this directory/);
    expect(existsSync(lock)).toBe(true);
    rmSync(lock);
    expect(withFileLock(lock, () => 2, 100)).toBe(2);
    expect(existsSync(lock)).toBe(false);
  });

  it('takes over a lock left by a process that is gone, or one older than the stale limit', () => {
    const lock = path.join(dir, 'y.lock');
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    writeFileSync(lock, dead);
    expect(withFileLock(lock, () => 'dead owner', 100)).toBe('dead owner');
    writeFileSync(lock, String(process.pid));
    const old = (Date.now() - LOCK_STALE_MS - 1_000) / 1000;
    utimesSync(lock, old, old);
    expect(withFileLock(lock, () => 'stale', 100)).toBe('stale');
  });

  it('two writers interleaving appends keep one unbroken hash chain', async () => {
    const a = new DirectoryStore(dir);
    const b = new DirectoryStore(dir);
    await a.append('hcm-q1', { type: 'DirectoryImported', document: shippedDocument('hcm-q1')! }, 'test', NOW);
    const unit = loadDirectory('hcm-q1')
      .list()
      .find((u) => u.kind !== 'ubnd')!;
    for (let i = 0; i < 6; i++)
      await (i % 2 ? a : b).append('hcm-q1', { type: 'UnitRenamed', unitId: unit.id, name: `Tên ${i}` }, 't', NOW);
    expect(a.verify('hcm-q1')).toBeNull();
    expect(b.history('hcm-q1').map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('two processes appending at the same time keep one unbroken hash chain (the lock)', async () => {
    const store = new DirectoryStore(dir);
    await store.append('hcm-q1', { type: 'DirectoryImported', document: shippedDocument('hcm-q1')! }, 'test', NOW);
    const unit = loadDirectory('hcm-q1')
      .list()
      .find((u) => u.kind !== 'ubnd')!;
    const driver = path.join(__dirname, 'directory-append-driver.ts');
    const run = (tag: string) =>
      new Promise<number>((resolve) => {
        const child = spawn('npx', ['tsx', driver, dir, unit.id, tag, '25'], { stdio: 'inherit' });
        child.on('exit', (code) => resolve(code ?? -1));
      });
    expect(await Promise.all([run('A'), run('B')])).toEqual([0, 0]);
    const history = store.history('hcm-q1');
    expect(history).toHaveLength(51);
    expect(history.map((r) => r.seq)).toEqual(Array.from({ length: 51 }, (_, i) => i + 1));
    expect(store.verify('hcm-q1')).toBeNull();
  }, 60_000);
});
