import { startProcess } from '../../../stack/processes';
import {
  decideRestart,
  DEFAULT_RESTART_POLICY,
  describeExit,
  formatDuration,
  RestartPolicySchema,
  type ChildExit,
  type RestartPolicy,
} from '../../../stack/restart-policy';
import { Supervisor } from '../../../stack/supervisor';

const policy: RestartPolicy = {
  initialDelayMs: 1_000,
  factor: 2,
  maxDelayMs: 10_000,
  maxCrashes: 5,
  windowMs: 60_000,
  stableAfterMs: 30_000,
};
const crash = (at: number, upMs: number, signal: string | null = 'SIGKILL'): ChildExit => ({
  at,
  upMs,
  code: signal ? null : 1,
  signal,
});

describe('decideRestart', () => {
  it.each([
    // given the exits (at, up) → the delay before the restart
    ['one crash after a long run', [crash(100_000, 100_000)], 1_000],
    ['two quick crashes in a row', [crash(100_000, 100_000), crash(102_000, 1_000)], 2_000],
    ['three quick crashes', [crash(100_000, 100_000), crash(102_000, 1_000), crash(105_000, 1_000)], 4_000],
    ['a stable run resets the delay', [crash(10_000, 500), crash(12_000, 500), crash(200_000, 40_000)], 1_000],
  ])('%s: restarts after the backoff delay', (_, exits, delayMs) => {
    expect(decideRestart('worker', exits, policy)).toMatchObject({ action: 'restart', delayMs });
  });

  it('caps the delay at maxDelayMs', () => {
    const exits = Array.from({ length: 4 }, (_, i) => crash(i * 100_000, 10));
    expect(decideRestart('worker', exits, { ...policy, maxDelayMs: 3_000, windowMs: 1_000 })).toMatchObject({
      action: 'restart',
      delayMs: 3_000,
    });
  });

  it('gives up at maxCrashes within the window and says why', () => {
    const exits = [0, 5_000, 10_000, 20_000, 40_000].map((at) => crash(at, 2_000, null));
    const d = decideRestart('worker', exits, policy);
    expect(d.action).toBe('give-up');
    expect(d.crashesInWindow).toBe(5);
    if (d.action === 'give-up') {
      expect(d.reason).toContain('worker exited with code 1');
      expect(d.reason).toContain('5th crash within 1 min');
      expect(d.reason).toContain('limit is 5');
    }
  });

  it('does not give up when the same number of crashes is spread wider than the window', () => {
    const exits = [0, 20_000, 40_000, 60_000, 80_000].map((at) => crash(at, 2_000));
    expect(decideRestart('api', exits, policy)).toMatchObject({ action: 'restart', crashesInWindow: 3 });
  });

  it('the default policy: 1, 2, 4, 8 s, then five crashes in five minutes stop it', () => {
    const exits: ChildExit[] = [];
    const delays: number[] = [];
    let t = 0;
    for (let i = 0; i < 5; i++) {
      t += 3_000;
      exits.push(crash(t, 2_000));
      const d = decideRestart('nats', exits, DEFAULT_RESTART_POLICY);
      if (d.action === 'restart') delays.push(d.delayMs);
      else delays.push(-1);
    }
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, -1]);
    expect(RestartPolicySchema.safeParse(DEFAULT_RESTART_POLICY).success).toBe(true);
    expect(RestartPolicySchema.safeParse({ ...DEFAULT_RESTART_POLICY, maxDelayMs: 10 }).success).toBe(false);
  });

  it('describes exits and durations for people', () => {
    expect(describeExit({ code: null, signal: 'SIGKILL' })).toBe('was killed by SIGKILL');
    expect(describeExit({ code: 3, signal: null })).toBe('exited with code 3');
    expect([850, 12_000, 200_000, 7_500_000].map(formatDuration)).toEqual([
      '850 ms',
      '12 s',
      '3 min 20 s',
      '2 h 5 min',
    ]);
  });
});

describe('Supervisor', () => {
  const node = (name: string, code: string) => () =>
    startProcess({ name, command: process.execPath, args: ['-e', code], logFile: '/dev/null' });

  it('restarts a child killed with SIGKILL, and stops it on stopAll without restarting', async () => {
    const lines: string[] = [];
    const sup = new Supervisor({ policy: { ...policy, initialDelayMs: 50 }, say: (l) => lines.push(l) });
    const first = await sup.start({ name: 'sleeper', spawn: node('sleeper', 'setInterval(() => {}, 1000)') });
    first.child.kill('SIGKILL');
    for (let i = 0; i < 100 && sup.process('sleeper') === first; i++) await new Promise((r) => setTimeout(r, 50));
    const second = sup.process('sleeper')!;
    expect(second.pid).not.toBe(first.pid);
    expect(lines[0]).toMatch(
      /^supervisor: sleeper \(pid \d+\) was killed by SIGKILL after \d+ ms; restarting in 50 ms/,
    );
    await sup.stopAll(2_000);
    expect(second.child.signalCode).toBe('SIGTERM');
    expect(sup.crashes('sleeper')).toBe(1);
  });

  it('gives up on a child that keeps crashing, with the reason', async () => {
    const lines: string[] = [];
    const sup = new Supervisor({
      policy: { ...policy, initialDelayMs: 10, maxDelayMs: 40, maxCrashes: 3 },
      say: (l) => lines.push(l),
    });
    await sup.start({ name: 'crasher', spawn: node('crasher', 'setTimeout(() => process.exit(2), 100)') });
    const reason = await sup.gaveUp;
    expect(reason).toMatch(/^crasher exited with code 2, its 3rd crash within 1 min \(the limit is 3\)/);
    expect(lines.filter((l) => l.includes('restarting in'))).toHaveLength(2);
    await sup.stopAll(1_000);
  });
});
