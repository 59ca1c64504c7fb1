/**
 * `dondoc up --cluster` runs docker-compose.yml's topology on one machine. It reads the compose file and the NATS
 * node configs the compose stack mounts, and rewrites only addresses, ports and paths: this test holds it to that.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { loadSettings } from '../../../config/settings';
import {
  DEFAULT_CLUSTER_PORTS,
  LOCAL_OVERRIDES,
  localNatsConfig,
  planCluster,
  temporalPortsFrom,
} from '../../../stack/cluster-config';

const ROOT = path.resolve(__dirname, '../../..');
type Service = { environment?: Record<string, string>; command?: string[]; deploy?: { replicas?: number } };
const compose = parse(fs.readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
};
const svc = (n: string) => compose.services[n]!;
const withoutLocal = (env: Record<string, string>) =>
  Object.fromEntries(Object.entries(env).filter(([k]) => !(LOCAL_OVERRIDES as readonly string[]).includes(k)));

const ports = {
  postgres: 15433,
  temporal: 27233,
  nats: [0, 1, 2].map((i) => ({ client: 14222 + i, monitor: 18222 + i, cluster: 16222 + i })),
  api: 18080,
};
const plan = planCluster({ ports, dataDir: '/srv/dondoc-cluster' });

describe('the one-machine cluster follows docker-compose.yml', () => {
  it.each([
    ['worker', () => plan.workerEnv],
    ['api', () => plan.apiEnv],
  ] as const)('gives the %s the compose environment, with only addresses and paths made local', (name, env) => {
    const composeEnv = svc(name).environment!;
    expect(withoutLocal(env())).toEqual(withoutLocal(composeEnv));
    expect(withoutLocal(composeEnv)).toMatchObject({ NATS_REPLICAS: '3', TEMPORAL_NAMESPACE: 'dondoc' });
    const settings = loadSettings(env());
    expect(settings).toMatchObject({
      TEMPORAL_ADDRESS: `127.0.0.1:${ports.temporal}`,
      NATS_URL: 'nats://127.0.0.1:14222,nats://127.0.0.1:14223,nats://127.0.0.1:14224',
      NATS_REPLICAS: 3,
      DONDOC_DATA_DIR: '/srv/dondoc-cluster/dondoc',
    });
    expect(env().DONDOC_WORKFLOW_BUNDLE).toBeUndefined();
  });

  it('runs as many worker replicas as compose, the API on its own port, PostgreSQL with compose options', () => {
    expect(plan.workerReplicas).toBe(svc('worker').deploy!.replicas);
    expect(plan.workerReplicas).toBe(2);
    expect(plan.apiEnv).toMatchObject({ API_HOST: '127.0.0.1', API_PORT: '18080' });
    const cmd = svc('postgresql').command!;
    const options = cmd.flatMap((a, i) => (cmd[i - 1] === '-c' ? [`-c ${a}`] : []));
    expect(plan.postgresOptions).toEqual(options);
    expect(plan.postgresOptions).toEqual(
      expect.arrayContaining(['-c max_connections=400', '-c synchronous_commit=on']),
    );
  });

  it('sets up Temporal with the shards, namespace and retention of compose', () => {
    expect(String(plan.shards)).toBe(svc('temporal-history').environment!.NUM_HISTORY_SHARDS);
    expect(plan.namespace).toBe(svc('temporal-namespace').environment!.TEMPORAL_NAMESPACE);
    expect(plan.namespaceRetention).toBe(svc('temporal-namespace').environment!.TEMPORAL_NAMESPACE_RETENTION);
    // The Temporal server's dynamic config is the same file compose mounts.
    expect(fs.readFileSync(path.join(ROOT, 'scripts/temporal-postgres.sh'), 'utf8')).toContain(
      'deploy/temporal/dynamicconfig/production.yaml',
    );
    expect(svc('temporal').environment!.DYNAMIC_CONFIG_FILE_PATH).toBe('/etc/temporal/dynamicconfig/production.yaml');
    expect(temporalPortsFrom(7233)).toEqual([7233, 7234, 7235, 7239, 7243, 6933, 6934, 6935, 6939]);
  });

  it.each([1, 2, 3])(
    'runs NATS node %i on its deploy/nats file, changing only listen addresses, store and routes',
    (n) => {
      const original = fs.readFileSync(path.join(ROOT, `deploy/nats/nats-${n}.conf`), 'utf8');
      const local = plan.natsConfigs[n - 1]!;
      const changed = /^\s*(listen|http|store_dir):|^\s*nats:\/\//;
      const keep = (text: string) => text.split('\n').filter((l) => !changed.test(l));
      expect(keep(local)).toEqual(keep(original));
      const p = ports.nats[n - 1]!;
      expect(local).toContain(`\nlisten: 127.0.0.1:${p.client}\n`);
      expect(local).toContain(`\nhttp: 127.0.0.1:${p.monitor}\n`);
      expect(local).toContain(`  listen: 127.0.0.1:${p.cluster}\n`);
      expect(local).toContain(`  store_dir: "/srv/dondoc-cluster/nats-${n}/jetstream"\n`);
      for (const q of ports.nats) expect(local).toContain(`    nats://127.0.0.1:${q.cluster}\n`);
      expect(local).toMatch(/^\s*sync_interval: always$/m);
      expect(local).toMatch(new RegExp(`^server_name: nats-${n}$`, 'm'));
    },
  );

  it('rewrites a node config whatever its comments and the order of its blocks', () => {
    const text =
      'cluster {\n  routes: [\n    nats://a:6222\n  ]\n  listen: 0.0.0.0:6222\n}\nlisten: 0.0.0.0:4222\njetstream {\n  store_dir: /data\n}\n';
    expect(
      localNatsConfig(text, { ports: { client: 1, monitor: 2, cluster: 3 }, storeDir: '/s', routes: ['nats://x:3'] }),
    ).toBe(
      'cluster {\n  routes: [\n    nats://x:3\n  ]\n  listen: 127.0.0.1:3\n}\nlisten: 127.0.0.1:1\njetstream {\n  store_dir: "/s"\n}\n',
    );
    expect(DEFAULT_CLUSTER_PORTS.nats.map((p) => p.client)).toEqual([4222, 4223, 4224]);
  });
});
