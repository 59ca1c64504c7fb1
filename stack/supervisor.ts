import type { ManagedProcess } from './processes';
import {
  decideRestart,
  DEFAULT_RESTART_POLICY,
  describeExit,
  formatDuration,
  type ChildExit,
  type RestartPolicy,
} from './restart-policy';
import { logger } from '../config/logger';

/** A child the supervisor keeps running. */
export interface ChildSpec {
  name: string;
  /** Spawns one run of the child. */
  spawn(): ManagedProcess;
  /** Resolves once the run serves (e.g. its port accepts connections); rejects when it does not. */
  ready?(proc: ManagedProcess): Promise<void>;
}

interface Child {
  spec: ChildSpec;
  proc: ManagedProcess;
  startedAt: number;
  exits: ChildExit[];
  restartTimer: NodeJS.Timeout | null;
  /** Stopped on purpose (`hold`): not restarted until `release`. */
  held: boolean;
}

/**
 * Keeps the children of `dondoc up` running: a child that exits on its own is restarted after the delay
 * `decideRestart` gives (exponential backoff), and every exit and restart is said in one line. When a child keeps
 * crashing the supervisor gives up: `gaveUp` resolves with the reason, and the caller stops the rest.
 */
export class Supervisor {
  private readonly children: Child[] = [];
  private stopping = false;
  private giveUp!: (reason: string) => void;
  /** Resolves with the reason once a child has crashed too often to be restarted again. */
  readonly gaveUp: Promise<string>;

  constructor(
    private readonly opts: {
      policy?: RestartPolicy;
      say?: (line: string) => void;
      now?: () => number;
    } = {},
  ) {
    this.gaveUp = new Promise((resolve) => (this.giveUp = resolve));
  }

  private get policy(): RestartPolicy {
    return this.opts.policy ?? DEFAULT_RESTART_POLICY;
  }
  private say(line: string): void {
    (this.opts.say ?? ((l: string) => logger('dondoc up').info(l)))(line);
  }
  private now(): number {
    return (this.opts.now ?? Date.now)();
  }

  /** Starts a child and waits until it is ready; a child that fails its first start is not retried (it throws). */
  async start(spec: ChildSpec): Promise<ManagedProcess> {
    if (this.children.some((c) => c.spec.name === spec.name)) throw new Error(`${spec.name} is already supervised`);
    const proc = spec.spawn();
    const child: Child = { spec, proc, startedAt: this.now(), exits: [], restartTimer: null, held: false };
    await spec.ready?.(proc).catch(async (err: unknown) => {
      await proc.stop(5_000);
      throw err;
    });
    this.children.push(child);
    this.watch(child, proc);
    return proc;
  }

  /** The current process of a child, by name. */
  process(name: string): ManagedProcess | undefined {
    return this.children.find((c) => c.spec.name === name)?.proc;
  }

  /** Crashes seen so far per child. */
  crashes(name: string): number {
    return this.children.find((c) => c.spec.name === name)?.exits.length ?? 0;
  }

  private watch(child: Child, proc: ManagedProcess): void {
    void proc.exited.then(
      (code) => this.onExit(child, proc, code, proc.child.signalCode),
      () => this.onExit(child, proc, null, null),
    );
  }

  private onExit(child: Child, proc: ManagedProcess, code: number | null, signal: string | null): void {
    if (this.stopping || child.held || child.proc !== proc) return;
    this.crashed(child, proc.pid, code, signal);
  }

  private crashed(child: Child, pid: number, code: number | null, signal: string | null): void {
    const at = this.now();
    child.exits.push({ at, upMs: at - child.startedAt, code, signal });
    const decision = decideRestart(child.spec.name, child.exits, this.policy);
    if (decision.action === 'give-up') {
      this.say(`supervisor: ${decision.reason}`);
      this.giveUp(decision.reason);
      return;
    }
    this.say(
      `supervisor: ${child.spec.name} (pid ${pid}) ${describeExit({ code, signal })} after ` +
        `${formatDuration(at - child.startedAt)}; restarting in ${formatDuration(decision.delayMs)} ` +
        `(crash ${decision.crashesInWindow} of ${this.policy.maxCrashes} allowed within ${formatDuration(this.policy.windowMs)})`,
    );
    child.restartTimer = setTimeout(() => void this.restart(child), decision.delayMs);
  }

  private async restart(child: Child): Promise<void> {
    child.restartTimer = null;
    if (this.stopping) return;
    let proc: ManagedProcess;
    try {
      proc = child.spec.spawn();
    } catch (err) {
      // Could not even spawn: a crash of a run that lasted no time.
      this.say(`supervisor: ${child.spec.name}: ${err instanceof Error ? err.message : String(err)}`);
      child.startedAt = this.now();
      this.crashed(child, -1, null, null);
      return;
    }
    child.proc = proc;
    child.startedAt = this.now();
    this.watch(child, proc);
    try {
      await child.spec.ready?.(proc);
      if (!this.stopping && child.proc === proc) this.say(`supervisor: ${child.spec.name} restarted (pid ${proc.pid})`);
    } catch (err) {
      if (this.stopping || child.proc !== proc) return;
      // A run that exited is handled by its exit; one that hangs without serving is killed, which counts as a crash.
      this.say(`supervisor: ${child.spec.name} did not come up: ${err instanceof Error ? err.message : String(err)}`);
      if (proc.child.exitCode === null && proc.child.signalCode === null) proc.child.kill('SIGKILL');
    }
  }

  /**
   * Stops a child on purpose, with `signal` (SIGKILL for a crash drill), and keeps it down until `release`: for
   * maintenance and for fault tests that need a node to stay down.
   */
  async hold(name: string, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child(name);
    child.held = true;
    if (child.restartTimer) clearTimeout(child.restartTimer);
    child.restartTimer = null;
    const proc = child.proc;
    if (proc.child.exitCode === null && proc.child.signalCode === null) proc.child.kill(signal);
    await proc.exited.catch(() => undefined);
    this.say(`supervisor: ${name} (pid ${proc.pid}) stopped with ${signal}; held down until released`);
  }

  /** Starts a held child again and waits until it is ready. */
  async release(name: string): Promise<ManagedProcess> {
    const child = this.child(name);
    if (!child.held) throw new Error(`${name} is not held`);
    const proc = child.spec.spawn();
    child.proc = proc;
    child.startedAt = this.now();
    child.held = false;
    this.watch(child, proc);
    await child.spec.ready?.(proc);
    this.say(`supervisor: ${name} released and running (pid ${proc.pid})`);
    return proc;
  }

  private child(name: string): Child {
    const child = this.children.find((c) => c.spec.name === name);
    if (!child) throw new Error(`no supervised child named ${name}`);
    return child;
  }

  /** Stops every child, the last started first; no restarts from now on. */
  async stopAll(graceMs = 15_000): Promise<void> {
    this.stopping = true;
    for (const child of [...this.children].reverse()) {
      if (child.restartTimer) clearTimeout(child.restartTimer);
      await child.proc.stop(graceMs);
    }
  }
}
