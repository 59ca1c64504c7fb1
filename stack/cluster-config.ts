import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from '../config/settings';

/**
 * The production topology on one machine (`dondoc up --cluster`) takes its settings from docker-compose.yml and
 * its NATS node configs from deploy/nats/, the files the compose stack mounts, so the two cannot drift: only
 * addresses, ports and data directories are rewritten for loopback. test/unit/deploy/cluster.unit.test.ts checks
 * that nothing else changes.
 */

interface ComposeService {
  command?: string[];
  environment?: Record<string, string>;
  deploy?: { replicas?: number };
  volumes?: string[];
}
interface ComposeFile {
  services: Record<string, ComposeService>;
}

/** Compose's `${VAR}`, `${VAR:-default}`, `${VAR:?error}` interpolation, from `env`. */
export function interpolate(value: string, env: Record<string, string | undefined>): string {
  return value.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}/g,
    (m, name: string | undefined, op: string | undefined, arg: string | undefined) => {
      if (m === '$$') return '$';
      const v = env[name!];
      const unset = v === undefined || (op?.startsWith(':') && v === '');
      if (!op || !unset) return v ?? '';
      if (op.endsWith('?')) throw new Error(`docker-compose.yml needs ${name}: ${arg}`);
      return arg ?? '';
    },
  );
}

export function readCompose(file = path.join(REPO_ROOT, 'docker-compose.yml')): ComposeFile {
  const compose = parse(fs.readFileSync(file, 'utf8'), { merge: true }) as ComposeFile;
  if (!compose?.services) throw new Error(`${file}: expected a compose file with services`);
  return compose;
}

function service(compose: ComposeFile, name: string): ComposeService {
  const s = compose.services[name];
  if (!s) throw new Error(`docker-compose.yml has no service '${name}'`);
  return s;
}

/** Loopback addresses of the one-machine cluster. */
export interface ClusterPorts {
  postgres: number;
  /** Temporal frontend gRPC; the other roles use fixed offsets from it (scripts/temporal-postgres.sh). */
  temporal: number;
  /** Client, monitoring and route ports of the three NATS nodes. */
  nats: { client: number; monitor: number; cluster: number }[];
  api: number;
}

/** The ports scripts/temporal-postgres.sh derives from the frontend port; all must be free. */
export function temporalPortsFrom(frontend: number): number[] {
  return [0, 1, 2, 6, 10, -300, -299, -298, -294].map((d) => frontend + d);
}

export const DEFAULT_CLUSTER_PORTS: ClusterPorts = {
  postgres: 5433,
  temporal: 7233,
  nats: [0, 1, 2].map((i) => ({ client: 4222 + i, monitor: 8222 + i, cluster: 6222 + i })),
  api: 8080,
};

export interface ClusterPlan {
  /** Environment of each worker replica and of the API: compose's, with loopback addresses. */
  workerEnv: Record<string, string>;
  apiEnv: Record<string, string>;
  workerReplicas: number;
  /** Options for postgres (compose's `-c key=value` command). */
  postgresOptions: string[];
  shards: number;
  namespace: string;
  namespaceRetention: string;
  /** nats-server config text per node. */
  natsConfigs: string[];
  natsUrl: string;
}

/** Compose's environment keys that name addresses or paths inside containers: the cluster sets them itself. */
export const LOCAL_OVERRIDES = [
  'TEMPORAL_ADDRESS',
  'NATS_URL',
  'DONDOC_DATA_DIR',
  'DONDOC_WORKFLOW_BUNDLE',
  'API_HOST',
  'API_PORT',
] as const;

/** Everything the one-machine cluster runs, derived from docker-compose.yml and deploy/nats/. */
export function planCluster(opts: {
  ports: ClusterPorts;
  dataDir: string;
  compose?: ComposeFile;
  natsConfigText?: (node: string) => string;
  env?: Record<string, string | undefined>;
}): ClusterPlan {
  const compose = opts.compose ?? readCompose();
  // The database password is not used by the one-machine cluster (the script keeps its own, loopback only).
  const env = { TEMPORAL_DB_PASSWORD: 'unused-locally', ...(opts.env ?? {}) };
  const envOf = (name: string) =>
    Object.fromEntries(
      Object.entries(service(compose, name).environment ?? {}).map(([k, v]) => [k, interpolate(String(v), env)]),
    );
  const natsUrl = opts.ports.nats.map((n) => `nats://127.0.0.1:${n.client}`).join(',');
  const local = {
    TEMPORAL_ADDRESS: `127.0.0.1:${opts.ports.temporal}`,
    NATS_URL: natsUrl,
    DONDOC_DATA_DIR: path.join(opts.dataDir, 'dondoc'),
  };
  // The image's prebuilt bundle path means nothing here; startCluster passes a bundle of its own, if any.
  const workerEnv: Record<string, string> = { ...envOf('worker'), ...local };
  delete workerEnv.DONDOC_WORKFLOW_BUNDLE;
  const apiEnv = { ...envOf('api'), ...local, API_HOST: '127.0.0.1', API_PORT: String(opts.ports.api) };

  const pgCommand = service(compose, 'postgresql').command ?? [];
  const postgresOptions: string[] = [];
  for (let i = 0; i < pgCommand.length; i++)
    if (pgCommand[i] === '-c' && pgCommand[i + 1]) postgresOptions.push(`-c ${pgCommand[++i]}`);

  const history = envOf('temporal-history');
  const ns = envOf('temporal-namespace');
  const readNode = opts.natsConfigText ?? ((node: string) => fs.readFileSync(natsConfFile(compose, node), 'utf8'));
  const nodes = opts.ports.nats.map((_, i) => `nats-${i + 1}`);
  const natsConfigs = nodes.map((node, i) =>
    localNatsConfig(readNode(node), {
      ports: opts.ports.nats[i]!,
      storeDir: path.join(opts.dataDir, node, 'jetstream'),
      routes: opts.ports.nats.map((n) => `nats://127.0.0.1:${n.cluster}`),
    }),
  );
  return {
    workerEnv,
    apiEnv,
    workerReplicas: service(compose, 'worker').deploy?.replicas ?? 1,
    postgresOptions,
    shards: Number(history.NUM_HISTORY_SHARDS ?? 512),
    namespace: ns.TEMPORAL_NAMESPACE ?? 'dondoc',
    namespaceRetention: ns.TEMPORAL_NAMESPACE_RETENTION ?? '30d',
    natsConfigs,
    natsUrl,
  };
}

function natsConfFile(compose: ComposeFile, node: string): string {
  const mount = (service(compose, node).volumes ?? []).find((v) => v.endsWith(':/etc/nats/nats.conf:ro'));
  if (!mount) throw new Error(`docker-compose.yml: ${node} mounts no /etc/nats/nats.conf`);
  return path.join(REPO_ROOT, mount.split(':')[0]!);
}

/**
 * A deploy/nats/nats-N.conf rewritten for loopback: the client, monitoring and cluster listen addresses, the store
 * directory and the routes. Every other line (sync_interval, lame duck, limits, cluster name) stays as it is.
 */
export function localNatsConfig(
  text: string,
  opts: { ports: { client: number; monitor: number; cluster: number }; storeDir: string; routes: string[] },
): string {
  const out: string[] = [];
  let section: string[] = [];
  let inRoutes = false;
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (inRoutes) {
      if (trimmed.startsWith(']')) {
        inRoutes = false;
        out.push(...opts.routes.map((r) => `    ${r}`), line);
      }
      continue;
    }
    const open = /^(\w+)\s*\{\s*$/.exec(trimmed);
    if (open) section.push(open[1]!);
    if (trimmed === '}') section = section.slice(0, -1);
    const where = section.join('.');
    if (where === '' && /^listen:/.test(trimmed)) out.push(`listen: 127.0.0.1:${opts.ports.client}`);
    else if (where === '' && /^http:/.test(trimmed)) out.push(`http: 127.0.0.1:${opts.ports.monitor}`);
    else if (where === 'jetstream' && /^store_dir:/.test(trimmed))
      out.push(`  store_dir: ${JSON.stringify(opts.storeDir)}`);
    else if (where === 'cluster' && /^listen:/.test(trimmed)) out.push(`  listen: 127.0.0.1:${opts.ports.cluster}`);
    else if (where === 'cluster' && /^routes:\s*\[\s*$/.test(trimmed)) {
      out.push(line);
      inRoutes = true;
    } else out.push(line);
  }
  return out.join('\n');
}
