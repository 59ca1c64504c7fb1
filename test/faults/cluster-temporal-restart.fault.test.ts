import { CLUSTER_CHILDREN } from '../../stack/cluster';
import { burstThroughFault, startClusterFaultStack, type ClusterFaultStack } from './cluster-support';
import { log, sleep } from './support';

const N = Number(process.env.DONDOC_FAULT_BURST_CLUSTER ?? 100);

jest.setTimeout(20 * 60_000);

describe('fault (cluster): the Temporal server (on PostgreSQL) restarted across the reminder instant', () => {
  let stack: ClusterFaultStack;
  beforeAll(async () => {
    stack = await startClusterFaultStack('temporal-restart');
  });
  afterAll(async () => {
    await stack?.close();
  });

  it(`fires each of ${N} durable timers exactly once after the server comes back`, async () => {
    await burstThroughFault(stack, {
      planId: `cluster-temporal-${Date.now().toString(36)}`,
      n: N,
      // As soon as every workflow has its timer set, before the first reminder.
      faultAt: () => true,
      fault: async (_, first) => {
        await stack.cluster.supervisor.hold(CLUSTER_CHILDREN.temporal, 'SIGTERM');
        log('stopped the Temporal server (SIGTERM)');
        await sleep(Math.max(0, first.ms - Date.now()) + 20_000);
        await stack.cluster.supervisor.release(CLUSTER_CHILDREN.temporal);
        log('Temporal server started again, 20 s past the first reminder instant');
      },
    });
  });
});
