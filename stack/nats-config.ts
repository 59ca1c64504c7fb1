import fs from 'node:fs';
import path from 'node:path';

export interface NatsConfigOptions {
  /** Directory holding the config file and the JetStream store. */
  dir: string;
  port: number;
  host?: string;
  monitorPort?: number;
  /** JetStream file-store limit, e.g. '10GB'; unset, nats-server takes 75% of the free disk. */
  maxFileStore?: string;
}

/**
 * Writes a nats-server config for a single local node and returns its path.
 * `sync_interval: always` makes JetStream fsync every write: the audit stream is the tamper-evident
 * record users rely on, and a local node has no replicas to cover a lost page cache (see README).
 */
export function writeNatsConfig(opts: NatsConfigOptions): string {
  fs.mkdirSync(path.join(opts.dir, 'jetstream'), { recursive: true });
  const file = path.join(opts.dir, 'nats-server.conf');
  fs.writeFileSync(file, natsConfigText(opts));
  return file;
}

/** The text of that single-node config (deploy/systemd/nats-server.conf is the same, checked by a unit test). */
export function natsConfigText(opts: NatsConfigOptions): string {
  const lines = [
    `host: ${JSON.stringify(opts.host ?? '127.0.0.1')}`,
    `port: ${opts.port}`,
    ...(opts.monitorPort ? [`http_port: ${opts.monitorPort}`] : []),
    'jetstream {',
    `  store_dir: ${JSON.stringify(path.join(opts.dir, 'jetstream'))}`,
    '  sync_interval: always',
    ...(opts.maxFileStore ? [`  max_file_store: ${opts.maxFileStore}`] : []),
    '}',
  ];
  return lines.join('\n') + '\n';
}
