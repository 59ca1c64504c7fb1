import {
  burstThroughFault,
  eventsStreamLeader,
  startClusterFaultStack,
  type ClusterFaultStack,
} from './cluster-support';
import { log, sleep } from './support';

/** Workflows in the burst: half reminded in one minute, half in the next. Modest: the machine is shared. */
const N = Number(process.env.DONDOC_FAULT_BURST_CLUSTER ?? 100);

jest.setTimeout(20 * 60_000);

describe('fault (cluster): kill -9 of the NATS node that leads the audit stream during a reminder burst', () => {
  let stack: ClusterFaultStack;
  beforeAll(async () => {
    stack = await startClusterFaultStack('nats-node');
  });
  afterAll(async () => {
    await stack?.close();
  });

  it(`delivers each of ${N} reminders exactly once while the R3 stream loses its leader, and after it rejoins`, async () => {
    await burstThroughFault(stack, {
      planId: `cluster-nats-${Date.now().toString(36)}`,
      n: N,
      faultAt: (stored) => stored >= Math.max(1, Math.floor(N / 10)),
      fault: async () => {
        const leader = await eventsStreamLeader(stack.handles);
        await stack.cluster.supervisor.hold(leader, 'SIGKILL');
        log(`killed ${leader} (SIGKILL), the audit stream's leader`);
        // Down for the rest of the first burst and into the second; then back on its own store.
        await sleep(45_000);
        const now = await eventsStreamLeader(stack.handles);
        expect(now).not.toBe(leader);
        await stack.cluster.supervisor.release(leader);
        log(`${leader} restarted; the stream is now led by ${now}`);
      },
    });
  });
});
