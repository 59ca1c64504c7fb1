import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../api/server';
import { DirectoryStore } from '../../services/directory-store';
import { PlanRegistry } from '../../services/plans';
import { TokenStore } from '../../services/tokens';
import { calendar } from '../support/servers';
import { startTestStack, type TestStack } from '../support/stack';

jest.mock('cookie', () => ({
  stringifySetCookie: () => '',
  parseSetCookie: () => ({}),
  parse: () => ({}),
  serialize: () => '',
}));

describe('directory API on real NATS and Temporal', () => {
  let stack: TestStack;
  let app: FastifyInstance;
  let dir = '';
  const tok = { monitor: '', unit: '' };
  let unitA = '';
  let unitB = '';

  beforeAll(async () => {
    stack = await startTestStack('api-dir-test', `api-dir-${process.pid}`);
    dir = mkdtempSync(path.join(os.tmpdir(), 'dondoc-dir-api-'));
    const tokens = await TokenStore.open(stack.nats.nc);
    tok.monitor = (await tokens.create({ role: 'monitor', name: 'Phòng Nội vụ' })).token;
    app = await buildApp({
      client: stack.env.client,
      plans: await PlanRegistry.open(stack.nats.nc),
      store: stack.store,
      js: stack.nats.js,
      tokens,
      calendar,
      directories: new DirectoryStore(dir),
      rateLimit: { max: 100_000, windowMs: 60_000 },
      logError: () => undefined,
    });
    const list = (await call('GET', '/directories/hcm/units?kind=so&asOf=2026-12-05', tok.monitor)).json();
    [unitA, unitB] = list.units.map((u: { id: string }) => u.id);
    tok.unit = (await tokens.create({ role: 'unit', unitId: unitA! })).token;
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await stack?.store.close();
    await stack?.projector.stop();
    stack?.worker.shutdown();
    await stack?.running;
    await stack?.nats.nc.drain();
    await stack?.env.teardown();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const call = (method: 'GET' | 'POST' | 'PUT', url: string, token: string, payload?: unknown, type?: string) =>
    app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}`, ...(type ? { 'content-type': type } : {}) },
      ...(payload === undefined ? {} : { payload: payload as string }),
    });

  it('lists, searches, renames, merges, retires and keeps the history', async () => {
    expect(
      (await call('GET', '/directories', tok.monitor)).json().directories.map((d: { id: string }) => d.id),
    ).toEqual(expect.arrayContaining(['hcm', 'hcm-q1']));
    const ren = await call('POST', `/directories/hcm/units/${unitA}/rename`, tok.monitor, {
      name: 'Phường Thử Nghiệm',
    });
    expect(ren.statusCode).toBe(200);
    expect(ren.json().affects.summary).toMatch(/open assignment/);
    const found = (
      await call('GET', `/directories/hcm/units?q=${encodeURIComponent('thu nghiem')}`, tok.monitor)
    ).json();
    expect(found.units.map((u: { id: string }) => u.id)).toEqual([unitA]);
    const head = await call('PUT', `/directories/hcm/units/${unitA}/head`, tok.monitor, {
      headName: 'Nguyễn Văn B',
    });
    expect(head.json().units[0].headName).toBe('Nguyễn Văn B');
    const merge = await call('POST', '/directories/hcm/merge', tok.monitor, {
      into: unitA,
      from: [unitB],
      lastDay: '2026-12-01',
    });
    expect(merge.statusCode).toBe(200);
    const hist = (await call('GET', `/directories/hcm/units/${unitA}/history`, tok.monitor)).json();
    expect(hist.history.map((h: { change: { type: string } }) => h.change.type)).toEqual([
      'DirectoryImported',
      'UnitRenamed',
      'HeadChanged',
      'UnitsMerged',
    ]);
    expect(hist.history[1].actor).toMatch(/^Phòng Nội vụ \[/);
    expect(hist.chain).toEqual({ ok: true });
    expect((await call('POST', `/directories/hcm/units/${unitB}/retire`, tok.monitor, {})).statusCode).toBe(200);
    expect((await call('GET', '/directories/hcm/export?format=xlsx', tok.monitor)).statusCode).toBe(200);
  }, 60_000);

  it('limits a unit token to its own record and refuses bad input with 4xx', async () => {
    const own = (await call('GET', '/directories/hcm', tok.unit)).json();
    expect(own.units.map((u: { id: string }) => u.id)).toEqual([unitA]);
    expect((await call('GET', `/directories/hcm/units/${unitB}`, tok.unit)).statusCode).toBe(403);
    expect((await call('POST', `/directories/hcm/units/${unitA}/rename`, tok.unit, { name: 'x' })).statusCode).toBe(
      403,
    );
    expect((await call('POST', '/directories/hcm/units/no.such/rename', tok.monitor, { name: 'x' })).statusCode).toBe(
      404,
    );
    const bad = await call(
      'POST',
      '/directories/upload?fileName=bad.csv',
      tok.monitor,
      'id,name\nx',
      'application/octet-stream',
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/^bad\.csv/);
  }, 60_000);
});
