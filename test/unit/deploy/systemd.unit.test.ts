/**
 * deploy/systemd/ is the one-machine install under systemd. Its restart numbers must be those of `dondoc up`'s
 * supervisor (stack/restart-policy.ts), its tool paths the pinned versions, and its NATS config the one
 * stack/nats-config.ts writes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { natsConfigText } from '../../../stack/nats-config';
import { DEFAULT_RESTART_POLICY } from '../../../stack/restart-policy';
import { TEMPORAL_DEV_DYNAMIC_CONFIG } from '../../../stack/temporal-flags';
import { loadSettings } from '../../../config/settings';
import { WORKER_NODE_FLAGS } from '../../../worker/tuning';

const ROOT = path.resolve(__dirname, '../../..');
const DIR = path.join(ROOT, 'deploy/systemd');
const read = (rel: string) => fs.readFileSync(path.join(ROOT, rel), 'utf8');

type Unit = Record<string, Record<string, string>>;
/** systemd's unit syntax: [Section], Key=Value, # comments. A repeated key keeps its last value. */
function parseUnit(text: string): Unit {
  const unit: Unit = {};
  let section = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const head = /^\[(\w+)\]$/.exec(line);
    if (head) {
      section = head[1]!;
      unit[section] = {};
      continue;
    }
    const i = line.indexOf('=');
    if (i < 0 || !section) throw new Error(`not a unit line: ${line}`);
    unit[section]![line.slice(0, i)] = line.slice(i + 1);
  }
  return unit;
}
const seconds = (v: string | undefined) => {
  const m = /^(\d+)(s|min)?$/.exec(v ?? '');
  if (!m) throw new Error(`not a systemd time span: ${v}`);
  return Number(m[1]) * (m[2] === 'min' ? 60 : 1);
};

const SERVICES = ['dondoc-temporal', 'dondoc-nats', 'dondoc-worker', 'dondoc-api'];

describe('deploy/systemd', () => {
  const units = Object.fromEntries(SERVICES.map((s) => [s, parseUnit(read(`deploy/systemd/${s}.service`))]));

  it.each(SERVICES)('%s restarts with the supervisor policy of `dondoc up`', (name) => {
    const u = units[name]!;
    const p = DEFAULT_RESTART_POLICY;
    expect(u.Service!.Restart).toBe('on-failure');
    expect(seconds(u.Service!.RestartSec) * 1000).toBe(p.initialDelayMs);
    expect(seconds(u.Service!.RestartMaxDelaySec) * 1000).toBe(p.maxDelayMs);
    // systemd grows the delay over RestartSteps steps from RestartSec to RestartMaxDelaySec; the supervisor
    // doubles it: 1 s → 30 s is five doublings (1, 2, 4, 8, 16, capped 30).
    expect(Number(u.Service!.RestartSteps)).toBe(Math.ceil(Math.log2(p.maxDelayMs / p.initialDelayMs)));
    // systemd counts starts (the first one too) within the interval; the supervisor gives up at the
    // maxCrashes-th crash, when the next start would be start number maxCrashes + 1.
    expect(seconds(u.Unit!.StartLimitIntervalSec) * 1000).toBe(p.windowMs);
    expect(Number(u.Unit!.StartLimitBurst)).toBe(p.maxCrashes);
    expect(u.Unit!.PartOf).toBe('dondoc.target');
    expect(u.Install!.WantedBy).toBe('dondoc.target');
    expect(u.Service!.User).toBe('dondoc');
  });

  it('the target wants every service, and the worker and API start after the servers', () => {
    const target = parseUnit(read('deploy/systemd/dondoc.target'));
    expect(target.Unit!.Wants!.split(/\s+/).sort()).toEqual(SERVICES.map((s) => `${s}.service`).sort());
    for (const name of ['dondoc-worker', 'dondoc-api'])
      expect(units[name]!.Unit!.After!.split(/\s+/).sort()).toEqual(['dondoc-nats.service', 'dondoc-temporal.service']);
  });

  it('runs the pinned tools with the flags `dondoc up` gives them, and the worker with its V8 limit', () => {
    const tools = read('scripts/tools.sh');
    const cli = /^TEMPORAL_CLI_VERSION=(\S+)/m.exec(tools)![1]!;
    const nats = /^NATS_SERVER_VERSION=(\S+)/m.exec(tools)![1]!;
    const temporal = units['dondoc-temporal']!.Service!.ExecStart!;
    expect(temporal).toContain(`/temporal-${cli}/temporal server start-dev`);
    expect(temporal).toContain(TEMPORAL_DEV_DYNAMIC_CONFIG.join(' '));
    expect(units['dondoc-nats']!.Service!.ExecStart).toContain(
      `/nats-server-${nats}/nats-server -c /etc/dondoc/nats-server.conf`,
    );
    expect(units['dondoc-worker']!.Service!.ExecStart).toBe(
      `/usr/bin/node ${WORKER_NODE_FLAGS.join(' ')} dist/worker/main.js`,
    );
    expect(units['dondoc-api']!.Service!.ExecStart).toBe('/usr/bin/node dist/api/main.js');
  });

  it('ships an environment file that passes the settings schema and a NATS config as stack/nats-config.ts writes it', () => {
    const env = Object.fromEntries(
      read('deploy/systemd/dondoc.env')
        .split('\n')
        .filter((l) => l && !l.startsWith('#'))
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
    const settings = loadSettings(env);
    expect(settings).toMatchObject({ TEMPORAL_ADDRESS: '127.0.0.1:7233', NATS_URL: 'nats://127.0.0.1:4222' });
    const conf = read('deploy/systemd/nats-server.conf')
      .split('\n')
      .filter((l) => !l.startsWith('#'))
      .join('\n');
    expect(conf).toBe(natsConfigText({ dir: '/var/lib/dondoc/nats', port: 4222, host: '127.0.0.1' }));
    expect(fs.readdirSync(DIR)).toEqual(expect.arrayContaining(['README.md']));
  });
});
