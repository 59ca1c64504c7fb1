import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ResultsFile, type ResultsClock } from '../../../bench/results-file';

describe('ResultsFile (a benchmark that is cut short still leaves its figures)', () => {
  let dir: string;
  let file: string;
  let t: number;
  let load: number[];
  const clock: ResultsClock = { now: () => new Date(t), loadAverage: () => load };
  interface Written {
    incomplete: boolean;
    phases: Record<string, Record<string, unknown>>;
    [k: string]: unknown;
  }
  const read = () => JSON.parse(fs.readFileSync(file, 'utf8')) as Written;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'results-file-'));
    file = path.join(dir, 'results.json');
    t = Date.parse('2026-12-05T20:00:00Z');
    load = [1, 2, 3];
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is on disk, incomplete, from the moment it is opened', () => {
    new ResultsFile(file, { scale: 0.25 }, clock);
    expect(read()).toMatchObject({
      scale: 0.25,
      incomplete: true,
      phases: {},
      machine: { started: '2026-12-05T20:00:00.000Z', loadAverageAtStart: [1, 2, 3], ended: null },
    });
  });

  it('rewrites the file after every phase, with the load average of that moment', () => {
    const r = new ResultsFile(file, {}, clock);
    load = [15, 12, 9];
    t += 60_000;
    r.phase('noopStarts', { perSec: 120 });
    expect(read().phases.noopStarts).toEqual({
      perSec: 120,
      loadAverage: [15, 12, 9],
      at: '2026-12-05T20:01:00.000Z',
    });
    expect(read().incomplete).toBe(true);
  });

  it('marks a phase in progress as incomplete, and replaces it when it finishes', () => {
    const r = new ResultsFile(file, {}, clock);
    r.phase('storm', { received: 10 }, false);
    expect(read().phases.storm).toMatchObject({ incomplete: true, received: 10 });
    r.phase('storm', { received: 2500, drainSeconds: 115 });
    expect(read().phases.storm).not.toHaveProperty('incomplete');
    expect(read().phases.storm).toMatchObject({ received: 2500, drainSeconds: 115 });
  });

  it('is complete only after end() without an error', () => {
    const r = new ResultsFile(file, {}, clock);
    load = [4, 5, 6];
    r.end();
    expect(read()).toMatchObject({ incomplete: false, machine: { loadAverageAtEnd: [4, 5, 6] } });
    expect(read()).not.toHaveProperty('error');
  });

  it('keeps a run stopped early incomplete, says why, and never turns a finished run into a broken one', () => {
    const cut = new ResultsFile(file, {}, clock);
    cut.phase('provinceStarts', { started: 5000 }, false);
    cut.end('interrupted by SIGTERM');
    cut.end();
    expect(read()).toMatchObject({ incomplete: true, error: 'interrupted by SIGTERM' });
    expect(read().phases.provinceStarts).toMatchObject({ started: 5000 });

    const done = new ResultsFile(file, {}, clock);
    done.end();
    done.end('a later failure');
    expect(read()).toMatchObject({ incomplete: false });
    expect(read()).not.toHaveProperty('error');
  });
});
