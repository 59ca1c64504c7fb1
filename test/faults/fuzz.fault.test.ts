import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../api/server';
import { REPO_ROOT } from '../../config/settings';
import { createCalendar } from '../../domain/calendar';
import { interpretDeadline, parseDeadline, ResolvedDeadlineSchema } from '../../domain/deadlines';
import { importPlan } from '../../domain/plans/import';
import { PlanSchema } from '../../domain/plans/model';
import { openProjectionStore, type ProjectionStore } from '../../projections/store';
import { PlanRegistry } from '../../services/plans';
import { TokenStore } from '../../services/tokens';
import { log, startFaultStack, type FaultStack } from './support';

// light-my-request (app.inject) requires cookie@2, which is ESM-only; these requests send no cookies.
jest.mock('cookie', () => ({
  stringifySetCookie: () => '',
  parseSetCookie: () => ({}),
  parse: () => ({}),
  serialize: () => '',
}));

jest.setTimeout(10 * 60_000);

const SEED = Number(process.env.DONDOC_FUZZ_SEED ?? 20261122);
const API_REQUESTS = Number(process.env.DONDOC_FUZZ_REQUESTS ?? 3000);
const SHARED_DIR = process.env.DONDOC_SHARED_DIR ?? path.resolve(REPO_ROOT, 'test', 'fixtures', 'shared');
const SEEDS_DIR = path.join(SHARED_DIR, 'seeds');

/** A small deterministic PRNG (mulberry32), so a failure is reproduced with DONDOC_FUZZ_SEED. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)]!;
  const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => int(0, 255)));
  const UNICODE = [
    'ư',
    'Đ',
    'ệ',
    '\u0301',
    '😀',
    '\u200b',
    '\uFEFF',
    '\uFFFD',
    '\u0000',
    '\t',
    '\n',
    '\r\n',
    '"',
    '\\',
    '%',
    '/',
    '..',
    '\uD800',
  ];
  const text = (max: number) => {
    const n = int(0, max);
    let s = '';
    for (let i = 0; i < n; i++) s += next() < 0.7 ? String.fromCharCode(int(32, 126)) : pick(UNICODE);
    return s;
  };
  return { next, int, pick, bytes, text };
}
type Rng = ReturnType<typeof rng>;

/** Percent-encodes every UTF-8 byte outside [A-Za-z0-9-_.~] (lone surrogates become U+FFFD, unlike encodeURIComponent). */
const enc = (s: string) =>
  [...Buffer.from(s, 'utf8')]
    .map((b) =>
      /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');

function seedFiles(): { name: string; text: string }[] {
  return fs
    .readdirSync(SEEDS_DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((name) => ({ name, text: fs.readFileSync(path.join(SEEDS_DIR, name), 'utf8') }));
}

/** Mangled variants of a document: truncations (also mid-UTF-8), dropped/duplicated/shuffled lines, flipped bytes. */
function mangle(r: Rng, text: string): string {
  const lines = text.split('\n');
  switch (r.int(0, 8)) {
    case 0:
      return text.slice(0, r.int(0, text.length));
    case 1: {
      const buf = Buffer.from(text, 'utf8');
      return buf.subarray(0, r.int(0, buf.length)).toString('utf8');
    }
    case 2: {
      const buf = Buffer.from(text, 'utf8');
      for (let i = 0, n = r.int(1, 50); i < n; i++) buf[r.int(0, buf.length - 1)] = r.int(0, 255);
      return buf.toString('utf8');
    }
    case 3:
      return lines.filter(() => r.next() > 0.3).join('\n');
    case 4: {
      const out = [...lines];
      for (let i = out.length - 1; i > 0; i--) {
        const j = r.int(0, i);
        [out[i], out[j]] = [out[j]!, out[i]!];
      }
      return out.join('\n');
    }
    case 5:
      return lines.map((l) => (r.next() < 0.2 ? l.replace(/\t/g, r.pick(['', '  ', '|', ',', '\t\t'])) : l)).join('\n');
    case 6:
      return lines.flatMap((l) => (r.next() < 0.1 ? [l, l] : [l])).join(r.pick(['\n', '\r\n', '\r']));
    case 7: {
      const at = r.int(0, text.length);
      return text.slice(0, at) + r.text(200) + text.slice(at);
    }
    default:
      return (
        r.pick(['\uFEFF', '', '   \n\n', '{', '---\nplan:\n', 'ref,title,lead\n']) + text.slice(r.int(0, text.length))
      );
  }
}

describe('fault: fuzzing malformed input (deadline parser, plan importer, HTTP API)', () => {
  const calendar = createCalendar();

  it('parseDeadline / interpretDeadline never throw, always answer the contract, and stay fast', () => {
    const r = rng(SEED);
    const phrases = (
      JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'deadline-phrases.json'), 'utf8')) as {
        phrases: { phrase: string }[];
      }
    ).phrases.map((p) => p.phrase);
    const started = Date.now();
    let slowest = { ms: 0, text: '' };
    const RUNS = 20_000;
    for (let i = 0; i < RUNS; i++) {
      const base = r.pick(phrases);
      const text =
        i % 4 === 0
          ? r.text(60)
          : i % 4 === 1
            ? mangle(r, base)
            : i % 4 === 2
              ? base + r.text(10) + r.pick(phrases)
              : i % 50 === 3
                ? r.pick(phrases).repeat(r.int(50, 400))
                : r.bytes(r.int(0, 80)).toString('latin1');
      const ctx = r.pick([
        { issued: '2025-11-19', until: '2027-12-31' },
        { issued: '2020-12-31', until: '2021-12-31', from: '2021-01-01' },
        { issued: '2026-02-29', until: '2025-01-01' },
        { issued: 'not a date', until: '' },
      ]);
      const t0 = performance.now();
      const parsed = parseDeadline(text);
      expect(parsed.notes.some((n) => n.startsWith('internal parser error'))).toBe(false);
      const resolved = interpretDeadline(text, ctx, calendar);
      const ms = performance.now() - t0;
      if (ms > slowest.ms) slowest = { ms, text: text.slice(0, 80) };
      const ok = ResolvedDeadlineSchema.safeParse(resolved);
      if (!ok.success) throw new Error(`contract broken for ${JSON.stringify(text)}: ${ok.error.message}`);
    }
    log(`deadlines: ${RUNS} inputs in ${Date.now() - started} ms; slowest ${slowest.ms.toFixed(1)} ms`);
    expect(slowest.ms).toBeLessThan(2_000);
  });

  it('importPlan never throws on mangled seeds and random bytes: {ok:false} with file/line/expected, or a valid plan', () => {
    const r = rng(SEED + 1);
    const seeds = seedFiles();
    expect(seeds.length).toBeGreaterThan(0);
    const started = Date.now();
    let ok = 0;
    let failed = 0;
    let slowest = 0;
    const RUNS = 600;
    for (let i = 0; i < RUNS; i++) {
      const seed = r.pick(seeds);
      const fileName = r.pick([seed.name, 'plan.json', 'plan.csv', 'plan.yaml', 'plan.tsv', 'kế hoạch.md', 'x']);
      const text =
        i % 10 === 0
          ? r.bytes(r.int(0, 4000)).toString(r.pick(['utf8', 'latin1'] as const))
          : i % 10 === 1
            ? mangle(r, mangle(r, seed.text))
            : mangle(r, seed.text);
      const t0 = performance.now();
      let result: ReturnType<typeof importPlan>;
      try {
        result = importPlan(text, fileName, r.next() < 0.5 ? {} : { year: r.pick([2025, 2040, 1900, 9999]) });
      } catch (err) {
        throw new Error(
          `importPlan threw on a mangled ${seed.name} as ${fileName} (run ${i}, seed ${SEED}): ${String(err)}`,
        );
      }
      slowest = Math.max(slowest, performance.now() - t0);
      if (result.ok) {
        ok++;
        expect(PlanSchema.safeParse(result.plan).success).toBe(true);
        expect(result.plan.tasks.length).toBeGreaterThan(0);
      } else {
        failed++;
        const e = result.error;
        expect(e.file).toBe(fileName);
        expect(e.line === null || (Number.isInteger(e.line) && e.line >= 1)).toBe(true);
        expect(typeof e.expected).toBe('string');
        expect(e.expected.length).toBeGreaterThan(0);
        expect(e.message).toContain(fileName);
      }
    }
    log(
      `importer: ${RUNS} documents in ${Date.now() - started} ms (${ok} plans, ${failed} refusals); slowest ${slowest.toFixed(0)} ms`,
    );
    expect(slowest).toBeLessThan(10_000);
  });

  describe('the HTTP API', () => {
    let stack: FaultStack;
    let app: FastifyInstance;
    let store: ProjectionStore;
    const tok: Record<'admin' | 'monitor' | 'unit', string> = { admin: '', monitor: '', unit: '' };
    const BOOTSTRAP = `bootstrap-admin-token-${process.pid}-0123456789`;

    beforeAll(async () => {
      stack = await startFaultStack('fuzz', { worker: false });
      const { nc, js } = stack.handles;
      store = await openProjectionStore(nc);
      const tokens = await TokenStore.open(nc, { bootstrapToken: BOOTSTRAP });
      tok.admin = (await tokens.create({ role: 'admin', name: 'fuzz admin' })).token;
      tok.monitor = (await tokens.create({ role: 'monitor', name: 'fuzz monitor' })).token;
      tok.unit = (await tokens.create({ role: 'unit', unitId: 'hcm.q1.phong-noi-vu', name: 'fuzz unit' })).token;
      app = await buildApp({
        client: stack.client,
        plans: await PlanRegistry.open(nc),
        store,
        js,
        tokens,
        calendar,
        taskQueue: stack.taskQueue,
        bodyLimit: 256 * 1024,
        rateLimit: { max: 1_000_000, windowMs: 60_000 },
        logError: () => undefined,
      });
    }, 180_000);

    afterAll(async () => {
      await app?.close();
      await store?.close();
      await stack?.close();
    });

    const ROUTES = [
      '/health',
      '/openapi.json',
      '/docs',
      '/plans',
      '/plans/:id',
      '/plans/:id/clone',
      '/plans/:id/start',
      '/plans/import',
      '/tasks',
      '/tasks/:wf',
      '/tasks/:wf/history',
      '/tasks/:wf/actions/:action',
      '/units',
      '/units/:id/scorecard',
      '/calendar/:year',
      '/calendar/add-working-days',
      '/deadlines/parse',
      '/dashboard/agenda',
      '/dashboard/session',
      '/',
    ];
    const ACTIONS = [
      'submit',
      'approve',
      'reject',
      'progress',
      'request-extension',
      'grant-extension',
      'set-due-date',
      'reassign',
      'cancel',
      'trigger',
      '',
      '..',
      'x',
    ];

    function param(r: Rng): string {
      return r.pick([
        () => 'assignment:kh-17:1.1:hcm.q1.phong-noi-vu',
        () => enc('assignment:' + r.text(30) + ':1:x'),
        () => enc(r.text(40)),
        () => 'a'.repeat(r.int(100, 6000)),
        () => '%E0%A4%A',
        () => '%00',
        () => '..%2F..%2Fetc%2Fpasswd',
        () => String(r.int(-5, 100_000)),
        () => r.pick(['1e3', '2025', 'NaN', '-1', '0x10', 'null', 'undefined', '__proto__', 'constructor']),
        () => '%F0%9F%98%80',
      ])();
    }
    function url(r: Rng): string {
      let p =
        r.next() < 0.9
          ? r
              .pick(ROUTES)
              .replace(':action', r.pick(ACTIONS))
              .replace(/:[a-z]+/g, () => param(r))
          : '/' + Array.from({ length: r.int(0, 5) }, () => enc(r.text(12))).join('/');
      if (r.next() < 0.1) p = p.replace(/\//g, r.pick(['//', '/./', '\\']));
      if (r.next() < 0.5) {
        const keys = [
          'status',
          'planId',
          'unitId',
          'year',
          'date',
          'n',
          'dryRun',
          'fileName',
          'limit',
          'cursor',
          'text',
          'x[]',
          '__proto__',
        ];
        const q = Array.from({ length: r.int(1, 4) }, () => {
          const k = r.pick(keys);
          const v = r.pick([
            () => enc(r.text(20)),
            () => String(r.int(-1e6, 1e6)),
            () => r.pick(['overdue', 'true', 'maybe', '', '2025-01-01', '2025-13-45', '1e999']),
            () => '%ZZ',
          ])();
          return r.next() < 0.1 ? k : `${k}=${v}`;
        });
        p += '?' + q.join('&');
      }
      return p;
    }
    function jsonValue(r: Rng, depth = 0): unknown {
      const kind = r.int(0, depth > 2 ? 4 : 6);
      switch (kind) {
        case 0:
          return null;
        case 1:
          return r.pick([0, -1, 1.5, 1e308, -0, 2 ** 53 + 1]);
        case 2:
          return r.text(30);
        case 3:
          return r.next() < 0.5;
        case 4:
          return r.pick(['2025-06-30', 'hcm.q1', 'Bearer x', '']);
        case 5:
          return Array.from({ length: r.int(0, 4) }, () => jsonValue(r, depth + 1));
        default: {
          const keys = [
            'fileName',
            'content',
            'text',
            'percent',
            'note',
            'due',
            'requestedDue',
            'reason',
            'lead',
            'head',
            'year',
            'title',
            'id',
            'issued',
            'until',
            'unitId',
            'occurredOn',
            'command',
            '__proto__',
            'constructor',
          ];
          return Object.fromEntries(Array.from({ length: r.int(0, 5) }, () => [r.pick(keys), jsonValue(r, depth + 1)]));
        }
      }
    }
    function body(r: Rng): { payload?: string | Buffer; contentType?: string } {
      switch (r.int(0, 9)) {
        case 0:
          return {};
        case 1:
          return { payload: JSON.stringify(jsonValue(r)), contentType: 'application/json' };
        case 2:
          return { payload: JSON.stringify(jsonValue(r)).slice(0, r.int(0, 40)), contentType: 'application/json' };
        case 3:
          return {
            payload: r.text(300),
            contentType: r.pick(['text/plain', 'text/csv', 'text/markdown; charset=utf-8']),
          };
        case 4:
          return {
            payload: r.bytes(r.int(0, 2000)),
            contentType: r.pick(['application/octet-stream', 'application/json', 'text/plain']),
          };
        case 5:
          return {
            payload: r.pick(['x', '{"a":'.repeat(2000), '['.repeat(5000), '"' + 'ư'.repeat(1000)]).repeat(r.int(1, 3)),
            contentType: 'application/json',
          };
        case 6:
          return {
            payload: 'x'.repeat(r.int(200, 400) * 1024),
            contentType: r.pick(['text/plain', 'application/json']),
          };
        case 7:
          return {
            payload: r.text(100),
            contentType: r.pick([
              'application/x-www-form-urlencoded',
              'multipart/form-data; boundary=x',
              'image/png',
              'application/json; charset=utf-7',
              ';;;',
              '',
            ]),
          };
        case 8:
          return {
            payload: JSON.stringify({
              fileName: r.pick(['a.txt', 42, null, '']),
              content: r.pick([r.text(200), [], 7]),
            }),
            contentType: 'application/json',
          };
        default:
          return { payload: JSON.stringify(jsonValue(r)), contentType: r.pick(['application/json', 'text/plain']) };
      }
    }
    function auth(r: Rng): Record<string, string> {
      const v = r.pick([
        () => null,
        () => `Bearer ${tok.admin}`,
        () => `Bearer ${tok.monitor}`,
        () => `Bearer ${tok.unit}`,
        () => `Bearer ${BOOTSTRAP}`,
        () => `Bearer ${tok.admin.slice(0, -1)}`,
        () => 'Bearer',
        () => 'Bearer ',
        () => `Basic ${Buffer.from('a:b').toString('base64')}`,
        () =>
          `bearer ${r
            .bytes(20)
            .toString('latin1')
            .replace(/[\r\n\0]/g, '')}`,
        () => `Bearer ${'x'.repeat(r.int(1, 9000))}`,
      ])();
      return v === null ? {} : { authorization: v };
    }

    it(`answers ${API_REQUESTS} random requests without a single 5xx`, async () => {
      const r = rng(SEED + 2);
      const started = Date.now();
      const statuses = new Map<number, number>();
      const failures: string[] = [];
      for (let i = 0; i < API_REQUESTS; i++) {
        const method = r.pick(['GET', 'GET', 'POST', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'] as const);
        const u = url(r);
        if (/^\/+events\/stream/.test(u)) continue; // SSE never ends by design
        const b = method === 'GET' || method === 'HEAD' ? {} : body(r);
        const headers: Record<string, string> = {
          ...auth(r),
          ...(b.contentType !== undefined ? { 'content-type': b.contentType } : {}),
        };
        if (r.next() < 0.05) headers['accept-language'] = r.pick(['vi', 'en', '*', 'xx-YY;q=abc']);
        let status: number;
        try {
          const res = await Promise.race([
            app.inject({ method, url: u, headers, ...(b.payload !== undefined ? { payload: b.payload } : {}) }),
            new Promise<never>((_, reject) =>
              setTimeout(() => reject(new Error('no answer within 20 s')), 20_000).unref(),
            ),
          ]);
          status = res.statusCode;
          if (status >= 500) failures.push(`${method} ${u.slice(0, 120)} → ${status} ${res.body.slice(0, 200)}`);
        } catch (err) {
          status = -1;
          failures.push(`${method} ${u.slice(0, 120)} → ${err instanceof Error ? err.message : String(err)}`);
        }
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
      log(
        `api: ${API_REQUESTS} requests in ${Date.now() - started} ms; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}`,
      );
      expect(failures.slice(0, 20)).toEqual([]);
    });

    it('answers malformed HTTP on a real socket with 4xx, never 5xx', async () => {
      await app.listen({ host: '127.0.0.1', port: 0 });
      const address = app.server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      const raw = [
        'GET / HTTP/1.1\r\nHost: x\r\n\r\n',
        'GARBAGE\r\n\r\n',
        'GET /health HTTP/9.9\r\n\r\n',
        'POST /plans/import HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
        'POST /plans/import HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5\r\n\r\n{"a"',
        `GET /${'a'.repeat(100_000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
        'GET /tasks HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \u00ff\u00fe\r\n\r\n',
        'GET /tasks HTTP/1.1\r\nHost: x\r\nX: ' + 'y'.repeat(20_000) + '\r\n\r\n',
        `POST /deadlines/parse HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${tok.admin}\r\nContent-Type: application/json\r\nContent-Length: 3\r\n\r\n\u00ff\u00fe\u00fd`,
      ];
      for (const req of raw) {
        const answer = await new Promise<string>((resolve) => {
          const socket = net.connect({ host: '127.0.0.1', port });
          let data = '';
          socket.setTimeout(10_000, () => socket.destroy());
          socket.on('data', (c: Buffer) => {
            data += c.toString('latin1');
            if (data.includes('\r\n\r\n')) socket.end();
          });
          socket.on('close', () => resolve(data));
          socket.on('error', () => resolve(data));
          socket.write(Buffer.from(req, 'latin1'));
        });
        const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(answer)?.[1] ?? 0);
        expect({ req: req.slice(0, 60), fiveXX: status >= 500 }).toEqual({ req: req.slice(0, 60), fiveXX: false });
      }
    });
  });
});
