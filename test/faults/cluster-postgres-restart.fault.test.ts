import { CLUSTER_CHILDREN } from '../../stack/cluster';
import { burstThroughFault, startClusterFaultStack, type ClusterFaultStack } from './cluster-support';
import { log, sleep } from './support';

const N = Number(process.env.DONDOC_FAULT_BURST_CLUSTER ?? 100);
/** How long PostgreSQL stays down. */
const DOWN_MS = Number(process.env.DONDOC_FAULT_PG_DOWN_MS ?? 20_000);

jest.setTimeout(20 * 60_000);

describe('fault (cluster): PostgreSQL restarted during a reminder burst', () => {
  let stack: ClusterFaultStack;
  beforeAll(async () => {
    stack = await startClusterFaultStack('postgres-restart');
  });
  afterAll(async () => {
    await stack?.close();
  });

  it(`delivers each of ${N} reminders exactly once after the database comes back`, async () => {
    await burstThroughFault(stack, {
      planId: `cluster-pg-${Date.now().toString(36)}`,
      n: N,
      faultAt: (stored) => stored >= Math.max(1, Math.floor(N / 10)),
      fault: async () => {
        // SIGINT: PostgreSQL's fast shutdown (open transactions are rolled back, connections cut).
        await stack.cluster.supervisor.hold(CLUSTER_CHILDREN.postgres, 'SIGINT');
        log(`stopped PostgreSQL (fast shutdown); down for ${DOWN_MS / 1000} s`);
        await sleep(DOWN_MS);
        await stack.cluster.supervisor.release(CLUSTER_CHILDREN.postgres);
        log('PostgreSQL started again');
      },
    });
    // The Temporal server rode it out (or was restarted by the supervisor, which said so).
    expect(stack.cluster.supervisor.process(CLUSTER_CHILDREN.temporal)?.child.exitCode).toBeNull();
  });
});
