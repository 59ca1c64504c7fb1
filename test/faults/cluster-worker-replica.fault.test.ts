import { CLUSTER_CHILDREN } from '../../stack/cluster';
import { burstThroughFault, startClusterFaultStack, type ClusterFaultStack } from './cluster-support';
import { log } from './support';

const N = Number(process.env.DONDOC_FAULT_BURST_CLUSTER ?? 100);

jest.setTimeout(20 * 60_000);

describe('fault (cluster): kill -9 of one worker replica during a reminder burst', () => {
  let stack: ClusterFaultStack;
  beforeAll(async () => {
    stack = await startClusterFaultStack('worker-replica');
  });
  afterAll(async () => {
    await stack?.close();
  });

  it(`delivers each of ${N} reminders exactly once, the other replica taking over`, async () => {
    const victim = CLUSTER_CHILDREN.worker(0);
    await burstThroughFault(stack, {
      planId: `cluster-worker-${Date.now().toString(36)}`,
      n: N,
      faultAt: (stored) => stored >= Math.max(1, Math.floor(N / 10)),
      // Held down until every reminder is in: the remaining replica does all the rest.
      fault: async () => {
        await stack.cluster.supervisor.hold(victim, 'SIGKILL');
        log(`killed ${victim} (SIGKILL); ${CLUSTER_CHILDREN.worker(1)} carries on alone`);
      },
    });
    expect(stack.cluster.supervisor.process(CLUSTER_CHILDREN.worker(1))?.child.exitCode).toBeNull();
    await stack.cluster.supervisor.release(victim);
  });
});
