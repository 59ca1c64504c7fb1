import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DateTime } from 'luxon';
import { subjectToken } from '../../domain/events/subjects';
import { publishEvents } from '../../nats/publisher';
import { EVENTS_STREAM } from '../../nats/streams';
import { startNotifier } from '../../notifications/notifier';
import { assigned, chain, milestone, scheduled } from '../support/events';
import { DirectoryDataSchema, SHIPPED_DIRECTORIES, sealChange } from '../../domain/units';
import type { NatsHandles } from '../../nats/streams';
import { directoryChannels, importChannels } from '../../notifications/directory-channels';
import { parseChannels } from '../../notifications/channels';
import { directorySubject, NatsDirectoryStore } from '../../services/directory-nats';
import { connectTestNats, uniquePlanId } from '../support/servers';

const shipped = DirectoryDataSchema.parse(SHIPPED_DIRECTORIES.find((d) => d.id === 'hcm-q1'));

describe('unit directories in NATS JetStream (DONDOC_DIRECTORIES)', () => {
  let nats: NatsHandles;
  beforeAll(async () => {
    nats = await connectTestNats();
  });
  afterAll(async () => {
    await nats?.nc.drain();
  });

  it('loads, edits with who/when/what, merges, verifies the chain and detects a forged record', async () => {
    const store = await NatsDirectoryStore.open(nats);
    const id = `t${Date.now().toString(36)}`;
    const doc = { ...shipped, id };
    const at = DateTime.fromISO('2026-12-05T09:00:00', { zone: 'Asia/Ho_Chi_Minh' });
    await store.append(id, { type: 'DirectoryImported', document: doc }, 'alice', at);
    const [a, b] = doc.units.filter((u) => u.kind === 'phong');
    await store.append(id, { type: 'UnitRenamed', unitId: a!.id, name: 'Phòng Mới' }, 'bob', at);
    await store.append(id, { type: 'UnitsMerged', from: [b!.id], into: a!.id, lastDay: '2024-12-31' }, 'carol', at);
    expect(await store.ids()).toContain(id);
    const history = await store.history(id);
    expect(history.map((r) => [r.seq, r.actor, r.change.type])).toEqual([
      [1, 'alice', 'DirectoryImported'],
      [2, 'bob', 'UnitRenamed'],
      [3, 'carol', 'UnitsMerged'],
    ]);
    expect(history[1]!.at).toBe('2026-12-05T09:00:00.000+07:00');
    expect(await store.verify(id)).toBeNull();
    const current = await store.current(id);
    expect(current!.units.find((u) => u.id === a!.id)).toMatchObject({ name: 'Phòng Mới', mergedFrom: [b!.id] });
    expect(current!.units.find((u) => u.id === b!.id)).toMatchObject({ mergedInto: a!.id, validTo: '2024-12-31' });

    // A record published around the store with altered content is detected.
    const forged = {
      ...sealChange(
        id,
        history[2]!,
        { type: 'UnitRetired', unitId: a!.id, lastDay: '2026-12-31' },
        at.toISO()!,
        'mallory',
      ),
      actor: 'someone-else',
    };
    await nats.js.publish(directorySubject(id), JSON.stringify(forged));
    expect(await store.verify(id)).toEqual({ seq: 4, problem: 'content altered after it was sealed' });
  });

  it('imports a channels file as audited changes that the notifier lookup reads', async () => {
    const store = await NatsDirectoryStore.open(nats);
    const id = `c${Date.now().toString(36)}`;
    await store.append(id, { type: 'DirectoryImported', document: { ...shipped, id } }, 'alice');
    const unit = shipped.units.find((u) => u.kind === 'phong')!;
    const config = parseChannels(
      {
        units: { [unit.id]: { webhooks: [{ url: 'http://127.0.0.1:9/hook', secret: 'a-very-long-webhook-secret' }] } },
      },
      'channels.yaml',
      { requireSmtp: false },
    );
    const done = await importChannels(store, config, 'bob', { directoryIds: [id] });
    expect(done.changes).toHaveLength(1);
    const last = (await store.history(id)).at(-1)!;
    expect(last).toMatchObject({ actor: 'bob', change: { type: 'ChannelsChanged', unitId: unit.id } });
    expect((await importChannels(store, config, 'bob', { directoryIds: [id] })).unchanged).toEqual([unit.id]);
    await expect(
      importChannels(store, parseChannels({ units: { 'x.nowhere': {} } }, 'c.yaml'), 'bob', { directoryIds: [id] }),
    ).rejects.toThrow(/units not in directory .*x\.nowhere/);
    const lookup = directoryChannels(store);
    expect((await lookup.channelsOf(unit.id))?.webhooks.map((w) => w.url)).toEqual(['http://127.0.0.1:9/hook']);
  });

  it('delivers a reminder to the webhook recorded in the stored directory', async () => {
    const received: string[] = [];
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        received.push(`${req.url} ${body}`);
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const hook = `http://127.0.0.1:${(server.address() as AddressInfo).port}/from-directory`;
    const store = await NatsDirectoryStore.open(nats);
    const id = `d${Date.now().toString(36)}`;
    const unit = { ...shipped.units.find((u) => u.kind === 'phong')!, id: `${id}.phong-a` };
    await store.append(
      id,
      { type: 'DirectoryImported', document: { ...shipped, id, units: [...shipped.units, unit] } },
      'a',
    );
    await store.append(
      id,
      {
        type: 'ChannelsChanged',
        unitId: unit.id,
        channels: { emails: [], webhooks: [{ url: hook, secret: 'a-very-long-webhook-secret' }] },
      },
      'b',
    );
    const planId = uniquePlanId('dirnotify');
    const durableName = `t-dirnotify-${subjectToken(planId)}`;
    const lookup = directoryChannels(store);
    const notifier = await startNotifier({
      ...nats,
      channelsOf: (u) => lookup.channelsOf(u),
      durableName,
      planToken: subjectToken(planId),
    });
    try {
      const m0 = milestone('2026-12-31');
      await publishEvents(
        nats.js,
        chain(planId, '1', unit.id, [
          assigned(unit.id, 'Báo cáo'),
          scheduled(m0),
          {
            type: 'ReminderSent',
            data: { milestone: m0, workingDaysBefore: 3, to: [{ unitId: unit.id, title: unit.headTitle }] },
          },
        ]),
      );
      const deadline = Date.now() + 15_000;
      while (received.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(received).toHaveLength(1);
      expect(received[0]).toMatch(new RegExp(`^/from-directory .*"recipient":"${unit.id.replace(/\./g, '\\.')}"`));
    } finally {
      await notifier.stop();
      await nats.jsm.consumers.delete(EVENTS_STREAM, durableName).catch(() => undefined);
      await new Promise((r) => server.close(r));
    }
  });
});
