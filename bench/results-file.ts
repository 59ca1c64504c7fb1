import fs from 'node:fs';
import os from 'node:os';

const round2 = (v: number) => Math.round(v * 100) / 100;

/** What a results file needs from the machine: the time and the load average (injected by tests). */
export interface ResultsClock {
  now: () => Date;
  loadAverage: () => number[];
}

const machineClock: ResultsClock = { now: () => new Date(), loadAverage: () => os.loadavg().map(round2) };

/**
 * A benchmark's results file, rewritten after every phase (and as a long phase progresses), so that a run that is
 * cut short still leaves the figures of what it did. `incomplete` stays true on the file until `end()` without an
 * error, and on a phase until that phase is written as finished. Each phase records the machine's load average
 * when it was written: on a shared machine, figures mean little without it.
 */
export class ResultsFile {
  private readonly data: {
    incomplete: boolean;
    error?: string;
    phases: Record<string, Record<string, unknown>>;
    machine: Record<string, unknown>;
    [k: string]: unknown;
  };
  constructor(
    readonly file: string,
    header: Record<string, unknown>,
    private readonly clock: ResultsClock = machineClock,
  ) {
    this.data = {
      ...header,
      incomplete: true,
      phases: {},
      machine: {
        cpus: os.cpus().length,
        memGb: Math.round(os.totalmem() / 1024 ** 3),
        node: process.version,
        cpuModel: os.cpus()[0]?.model ?? null,
        started: clock.now().toISOString(),
        ended: null,
        loadAverageAtStart: clock.loadAverage(),
        loadAverageAtEnd: null,
      },
    };
    this.write();
  }
  /** Records (replaces) a phase; `finished: false` marks it `incomplete` (a progress report). */
  phase(name: string, values: Record<string, unknown>, finished = true): void {
    this.data.phases[name] = {
      ...(finished ? {} : { incomplete: true }),
      ...values,
      loadAverage: this.clock.loadAverage(),
      at: this.clock.now().toISOString(),
    };
    this.write();
  }
  get(name: string): Record<string, unknown> | undefined {
    return this.data.phases[name];
  }
  /** Sets top-level fields (a comparison between runs, for instance). */
  set(values: Record<string, unknown>): void {
    Object.assign(this.data, values);
    this.write();
  }
  /**
   * Ends the run: complete, or with `error` (why it stopped early; the file then stays incomplete). A file already
   * ended is left as it is, so that a later failure does not mark a finished run as broken.
   */
  end(error?: string): void {
    if (!this.data.incomplete || this.data.error !== undefined) return;
    if (error !== undefined) this.data.error = error;
    else this.data.incomplete = false;
    Object.assign(this.data.machine, {
      ended: this.clock.now().toISOString(),
      loadAverageAtEnd: this.clock.loadAverage(),
    });
    this.write();
  }
  private write(): void {
    fs.writeFileSync(this.file, JSON.stringify(this.data, null, 2) + '\n');
  }
}
