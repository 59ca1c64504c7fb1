/**
 * docker-compose.yml is never run in CI (no Docker engine): this test parses it the way Compose does (YAML 1.1
 * merge keys, `${VAR:?msg}` interpolation) and checks the production topology, so a broken edit fails here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { loadSettings } from '../../../config/settings';
import { WORKER_NODE_FLAGS } from '../../../worker/tuning';

const ROOT = path.resolve(__dirname, '../../..');
const read = (rel: string) => fs.readFileSync(path.join(ROOT, rel), 'utf8');

type Env = Record<string, string>;
interface Healthcheck {
  test: string[] | string;
  interval?: string;
  retries?: number;
}
interface Service {
  image?: string;
  build?: { context: string; target?: string };
  command?: string[];
  entrypoint?: string[];
  environment?: Env;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: Healthcheck;
  volumes?: string[];
  ports?: string[];
  deploy?: { replicas?: number };
  container_name?: string;
  restart?: string;
}
interface Compose {
  name?: string;
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

const TEXT = read('docker-compose.yml');
const compose = parse(TEXT, { merge: true, strict: true, uniqueKeys: true }) as Compose;
const services = compose.services;
const svc = (name: string): Service => {
  const s = services[name];
  if (!s) throw new Error(`docker-compose.yml has no service '${name}'`);
  return s;
};

const TEMPORAL_ROLES = ['temporal', 'temporal-history', 'temporal-matching', 'temporal-system-worker'];
const NATS_NODES = ['nats-1', 'nats-2', 'nats-3'];
const NATS_URL = 'nats://nats-1:4222,nats://nats-2:4222,nats://nats-3:4222';

/** Compose's interpolation: ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?err}, ${VAR?err}; $$ is a literal $. */
function interpolate(value: string, env: Env): string {
  return value.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (m, braced, op, arg, bare) => {
      if (m === '$$') return '$';
      const name = (braced ?? bare) as string;
      const v = env[name];
      const unset = v === undefined || (op?.startsWith(':') && v === '');
      if (!op || !unset) return v ?? '';
      if (op.endsWith('?')) throw new Error(`required variable ${name} is missing: ${arg}`);
      return arg as string;
    },
  );
}

/** Every string in the file, with its location, for interpolation checks. */
function strings(node: unknown, at = ''): Array<[string, string]> {
  if (typeof node === 'string') return [[at, node]];
  if (Array.isArray(node)) return node.flatMap((v, i) => strings(v, `${at}[${i}]`));
  if (node && typeof node === 'object') return Object.entries(node).flatMap(([k, v]) => strings(v, `${at}.${k}`));
  return [];
}

describe('docker-compose.yml', () => {
  it('parses as YAML with merge keys and declares a project name', () => {
    expect(compose.name).toBe('dondoc');
    expect(Object.keys(services).sort()).toEqual(
      [
        'postgresql',
        'temporal-schema',
        ...TEMPORAL_ROLES,
        'temporal-namespace',
        'temporal-ui',
        ...NATS_NODES,
        'worker',
        'api',
      ].sort(),
    );
  });

  it('uses only well-formed ${...} references, and requires the database password', () => {
    const env = { TEMPORAL_DB_PASSWORD: 'secret' };
    for (const [at, value] of strings(compose)) {
      // Any `$` that is not $$ or a complete reference would be a Compose error.
      expect({ at, rest: value.replace(/\$\$|\$\{[A-Za-z_][A-Za-z0-9_]*(?::?[-?][^}]*)?\}/g, '') }).toEqual({
        at,
        rest: expect.not.stringContaining('$'),
      });
      interpolate(value, env);
    }
    expect(() => interpolate(svc('postgresql').environment!.POSTGRES_PASSWORD!, {})).toThrow(/TEMPORAL_DB_PASSWORD/);
    expect(TEXT).not.toMatch(/PASSWORD:\s*['"]?[A-Za-z0-9]+['"]?\s*$/m);
  });

  it('pins every third-party image to a version tag', () => {
    for (const [name, s] of Object.entries(services)) {
      if (s.build) continue;
      expect({ name, image: s.image }).toEqual({ name, image: expect.stringMatching(/^[\w./-]+:\d[\w.-]*$/) });
    }
    expect(svc('postgresql').image).toMatch(/^postgres:16[.-]/);
    expect(svc('nats-1').image).toMatch(/^nats:2\.12\.\d+-alpine$/);
    const serverTag = svc('temporal').image!.split(':')[1]!;
    expect(svc('temporal-schema').image).toBe(`temporalio/admin-tools:${serverTag}-tctl-1.18.4-cli-1.5.0`);
    expect(svc('temporal-namespace').image).toBe(svc('temporal-schema').image);
    for (const role of TEMPORAL_ROLES) expect(svc(role).image).toBe(`temporalio/server:${serverTag}`);
  });

  it('depends only on services that exist, with no cycles, and waits on health where a healthcheck exists', () => {
    const edges = (n: string) => Object.keys(svc(n).depends_on ?? {});
    for (const [name, s] of Object.entries(services)) {
      for (const [dep, { condition }] of Object.entries(s.depends_on ?? {})) {
        expect(services[dep]).toBeDefined();
        if (condition === 'service_healthy')
          expect({ dep, healthcheck: !!svc(dep).healthcheck }).toEqual({ dep, healthcheck: true });
        if (condition === 'service_completed_successfully')
          expect({ dep, restart: svc(dep).restart }).toEqual({ dep, restart: 'no' });
        expect(['service_started', 'service_healthy', 'service_completed_successfully']).toContain(condition);
      }
      const seen = new Set<string>();
      const visit = (n: string, stack: string[]): void => {
        if (stack.includes(n)) throw new Error(`depends_on cycle: ${[...stack, n].join(' -> ')}`);
        if (seen.has(n)) return;
        seen.add(n);
        for (const d of edges(n)) visit(d, [...stack, n]);
      };
      visit(name, []);
    }
  });

  it('starts Temporal in order: database healthy -> schema job -> roles -> frontend healthy -> namespace job', () => {
    expect(svc('postgresql').healthcheck?.test).toEqual(
      expect.arrayContaining([expect.stringContaining('pg_isready')]),
    );
    expect(svc('postgresql').volumes).toEqual(
      expect.arrayContaining([expect.stringMatching(/^pg-data:\/var\/lib\/postgresql\/data$/)]),
    );
    expect(svc('temporal-schema').depends_on).toEqual({ postgresql: { condition: 'service_healthy' } });
    for (const role of TEMPORAL_ROLES.filter((r) => r !== 'temporal-system-worker')) {
      expect(svc(role).depends_on?.['temporal-schema']).toEqual({ condition: 'service_completed_successfully' });
    }
    expect(svc('temporal').healthcheck?.test).toEqual(
      expect.arrayContaining([expect.stringContaining('cluster health')]),
    );
    expect(svc('temporal-namespace').depends_on).toEqual({ temporal: { condition: 'service_healthy' } });
    expect(svc('temporal-namespace').environment).toMatchObject({
      TEMPORAL_NAMESPACE: 'dondoc',
      TEMPORAL_ADDRESS: 'temporal:7233',
    });
    expect(svc('temporal-namespace').environment?.TEMPORAL_NAMESPACE_RETENTION).toMatch(/^\d+[dh]$/);
  });

  it('configures every Temporal role for PostgreSQL with the same, explicit history shard count', () => {
    const roles = new Set<string>();
    for (const role of TEMPORAL_ROLES) {
      const env = svc(role).environment!;
      expect(env).toMatchObject({
        DB: 'postgres12',
        POSTGRES_SEEDS: 'postgresql',
        DBNAME: 'temporal',
        VISIBILITY_DBNAME: 'temporal_visibility',
      });
      // Shards are fixed at cluster creation: every role must agree, and the value must be explicit.
      expect(env.NUM_HISTORY_SHARDS).toBe('512');
      expect(env.DYNAMIC_CONFIG_FILE_PATH).toBe('/etc/temporal/dynamicconfig/production.yaml');
      roles.add(env.SERVICES!);
    }
    expect([...roles].sort()).toEqual(['frontend', 'history', 'matching', 'worker']);
    expect(read('deploy/temporal/dynamicconfig/production.yaml')).toMatch(/^limit\.maxIDLength:/m);
  });

  it('runs NATS as a 3-node JetStream cluster, one volume and config file per node, fsync always', () => {
    const volumes = new Set<string>();
    for (const node of NATS_NODES) {
      const s = svc(node);
      expect(s.healthcheck?.test).toEqual(expect.arrayContaining([expect.stringContaining('8222/healthz')]));
      const data = s.volumes!.find((v) => v.endsWith(':/data'))!;
      expect(data).toBe(`${node}-data:/data`);
      volumes.add(data);
      expect(compose.volumes).toHaveProperty(`${node}-data`);
      const conf = s.volumes!.find((v) => v.includes('/etc/nats/'))!.split(':')[0]!;
      expect(conf).toBe(`./deploy/nats/${node}.conf`);
      expect(s.command).toEqual(['nats-server', '--config', '/etc/nats/nats.conf']);
      const text = read(conf);
      expect(text).toMatch(new RegExp(`^server_name: ${node}$`, 'm'));
      expect(text).toMatch(/^\s*store_dir: \/data\/jetstream$/m);
      expect(text).toMatch(/^\s*sync_interval: always$/m);
      expect(text).toMatch(/^\s*name: dondoc$/m);
      for (const peer of NATS_NODES) expect(text).toContain(`nats://${peer}:6222`);
      expect(text).toMatch(/^http: 0\.0\.0\.0:8222$/m);
    }
    expect(volumes.size).toBe(3);
  });

  it('runs the worker with 2 replicas, scalable (no container_name, no host ports), on the prebuilt bundle', () => {
    const w = svc('worker');
    expect(w.deploy?.replicas).toBe(2);
    expect(w.container_name).toBeUndefined();
    expect(w.ports).toBeUndefined();
    expect(w.command).toEqual(['node', 'dist/worker/main.js']);
    expect(w.environment?.DONDOC_WORKFLOW_BUNDLE).toBe('/app/dist/workflow-bundle.js');
    // Spelled out in compose as the defaults of config/settings.ts; they must stay the same.
    const defaults = loadSettings({});
    expect(Number(w.environment?.DONDOC_MAX_CACHED_WORKFLOWS)).toBe(defaults.DONDOC_MAX_CACHED_WORKFLOWS);
    expect(Number(w.environment?.DONDOC_WORKFLOW_TASK_SLOTS)).toBe(defaults.DONDOC_WORKFLOW_TASK_SLOTS);
    expect(Number(w.environment?.DONDOC_WORKFLOW_TASK_POLLERS)).toBe(defaults.DONDOC_WORKFLOW_TASK_POLLERS);
    expect(Number(w.environment?.DONDOC_NON_STICKY_POLL_RATIO)).toBe(defaults.DONDOC_NON_STICKY_POLL_RATIO);
    // The worker's V8 limit, as `dondoc up` and the bench run it, and below the container's memory limit.
    expect(String(w.environment?.NODE_OPTIONS).split(' ')).toEqual(expect.arrayContaining(WORKER_NODE_FLAGS));
    expect(svc('api').command).toEqual(['node', 'dist/api/main.js']);
    expect(svc('api').ports).toEqual(['8080:8080']);
    expect(svc('api').healthcheck).toBeDefined();
  });

  it.each(['worker', 'api'])('gives the %s valid settings pointing at the cluster, after all dependencies', (name) => {
    const s = svc(name);
    expect(s.build).toEqual({ context: '.', target: 'runtime' });
    const settings = loadSettings(s.environment as NodeJS.ProcessEnv);
    expect(settings).toMatchObject({
      TEMPORAL_ADDRESS: 'temporal:7233',
      TEMPORAL_NAMESPACE: 'dondoc',
      NATS_URL,
      NATS_REPLICAS: 3,
    });
    expect(s.depends_on).toEqual({
      'temporal-namespace': { condition: 'service_completed_successfully' },
      'nats-1': { condition: 'service_healthy' },
      'nats-2': { condition: 'service_healthy' },
      'nats-3': { condition: 'service_healthy' },
    });
    if (name === 'api') expect(settings).toMatchObject({ API_HOST: '0.0.0.0', API_PORT: 8080 });
  });

  it('mounts only files that exist and declares every named volume', () => {
    for (const [name, s] of Object.entries(services)) {
      for (const v of s.volumes ?? []) {
        const source = v.split(':')[0]!;
        if (source.startsWith('./'))
          expect({ name, source, exists: fs.existsSync(path.join(ROOT, source)) }).toEqual({
            name,
            source,
            exists: true,
          });
        else expect(compose.volumes).toHaveProperty(source);
      }
    }
    for (const script of ['deploy/temporal/setup-schema.sh', 'deploy/temporal/create-namespace.sh']) {
      expect(read(script)).toMatch(/^#!\/bin\/sh\nset -eu|^#!\/bin\/sh[\s\S]*\nset -eu\n/);
    }
  });
});

describe('Dockerfile', () => {
  const docker = read('Dockerfile');

  it('builds in stages from node 20 bookworm-slim and runs as a non-root user', () => {
    expect(docker).toMatch(/^ARG NODE_IMAGE=node:20[\d.]*-bookworm-slim$/m);
    for (const stage of ['build', 'prod-deps', 'runtime'])
      expect(docker).toMatch(new RegExp(`^FROM \\$\\{NODE_IMAGE\\} AS ${stage}$`, 'm'));
    expect(docker).toMatch(/^RUN .*npm ci$/m);
    expect(docker).toMatch(/npm ci --omit=dev/);
    expect(docker).toMatch(/^RUN npm run build$/m);
    expect(docker).toMatch(/^USER node$/m);
    expect(docker).toMatch(/^CMD \["node", "dist\/worker\/main\.js"\]$/m);
  });

  it('prebuilds the workflow bundle where the worker expects it', () => {
    expect(docker).toContain('RUN node dist/scripts/bundle-workflows.js dist/workflow-bundle.js');
    expect(docker).toContain('DONDOC_WORKFLOW_BUNDLE=/app/dist/workflow-bundle.js');
    expect(fs.existsSync(path.join(ROOT, 'scripts/bundle-workflows.ts'))).toBe(true);
    const build = JSON.parse(read('tsconfig.build.json')) as { include: string[] };
    expect(build.include).toEqual(
      expect.arrayContaining(['worker', 'api', 'cli', 'workflows', 'scripts/bundle-workflows.ts']),
    );
    expect(build.include).not.toContain('test');
  });

  it('copies patches/ before each npm ci, so that the postinstall patch-package finds them', () => {
    const stages = docker.split(/^FROM /m);
    for (const stage of stages.filter((s) => /npm ci/.test(s))) {
      expect(stage.indexOf('COPY patches ./patches')).toBeGreaterThan(-1);
      expect(stage.indexOf('COPY patches ./patches')).toBeLessThan(stage.search(/npm ci/));
    }
    expect(read('.dockerignore').split('\n')).not.toContain('patches');
    const pkg = JSON.parse(read('package.json')) as {
      scripts: Record<string, string>;
      dependencies: Record<string, string>;
    };
    expect(pkg.scripts.postinstall).toMatch(/^patch-package/);
    // A dependency, not a dev dependency: `npm ci --omit=dev` runs the postinstall too.
    expect(pkg.dependencies['patch-package']).toBeDefined();
  });

  it('keeps local state and secrets out of the build context', () => {
    const ignored = read('.dockerignore').split('\n');
    for (const p of ['.git', 'node_modules', 'dist', '.dondoc', '.env']) expect(ignored).toContain(p);
  });
});
