import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { subjectToken } from '../../domain/events/subjects';
import { EVENTS_STREAM, type NatsHandles } from '../../nats/streams';
import { publishEvents } from '../../nats/publisher';
import { parseChannels, type ChannelsConfig } from '../../notifications/channels';
import { DeliveryStore, deliveryKey } from '../../notifications/delivery-store';
import { startNotifier } from '../../notifications/notifier';
import { assigned, chain, milestone, scheduled } from '../support/events';
import { connectTestNats, uniquePlanId } from '../support/servers';

const SECRET = 'a-very-long-webhook-secret';
const m0 = milestone('2025-06-30');

interface Received {
  path: string;
  body: string;
  headers: http.IncomingHttpHeaders;
}

async function until<T>(
  what: string,
  f: () => Promise<T | null | false> | T | null | false,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('notifier: reminders and escalations to webhooks and e-mail', () => {
  let nats: NatsHandles;
  let server: http.Server;
  let smtp: SMTPServer;
  let hookUrl: string;
  let smtpPort: number;
  const received: Received[] = [];
  const mails: { to: string; raw: string }[] = [];
  let failFirst = 1;

  beforeAll(async () => {
    nats = await connectTestNats();
    server = http.createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (body += c));
      req.on('end', () => {
        if (req.url === '/broken') {
          res.writeHead(503).end();
          return;
        }
        if (req.url === '/flaky' && failFirst-- > 0) {
          res.writeHead(500).end();
          return;
        }
        received.push({ path: req.url ?? '', body, headers: req.headers });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    hookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, cb) {
        let raw = '';
        stream.on('data', (c: Buffer) => (raw += c.toString('utf8')));
        stream.on('end', () => {
          for (const to of session.envelope.rcptTo) mails.push({ to: to.address, raw });
          cb();
        });
      },
    });
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
    smtpPort = (smtp.server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await new Promise((r) => smtp.close(() => r(undefined)));
    await nats?.nc.drain();
  });

  it('rejects a bad channels file with the path of each problem', () => {
    expect(() =>
      parseChannels(
        { units: { u1: { webhooks: [{ url: 'ftp://x', secret: 'short' }], emails: ['nope'] } } },
        'channels.yaml',
      ),
    ).toThrow(
      /channels\.yaml: invalid channels configuration: units\.u1\.emails\.0: expected an e-mail address; units\.u1\.webhooks\.0\.url: .*units\.u1\.webhooks\.0\.secret: a webhook secret has at least 16 characters/,
    );
  });

  it('delivers signed webhooks and e-mails once per recipient and channel, retries failures and records what failed', async () => {
    const planId = uniquePlanId('notify');
    const channels: ChannelsConfig = parseChannels({
      smtp: { url: `smtp://127.0.0.1:${smtpPort}`, from: 'dondoc@example.gov.vn' },
      units: {
        u1: { webhooks: [{ url: `${hookUrl}/u1`, secret: SECRET }], emails: ['vanthu@u1.example.gov.vn'] },
        u2: {
          webhooks: [
            { url: `${hookUrl}/flaky`, secret: SECRET },
            { url: `${hookUrl}/broken`, secret: SECRET },
          ],
        },
      },
    });
    const events = chain(planId, '1', 'u1', [
      assigned('u1', 'Tổng kết công tác'),
      scheduled(m0),
      { type: 'ReminderSent', data: { milestone: m0, workingDaysBefore: 3, to: [{ unitId: 'u1', title: 'Phòng 1' }] } },
      {
        type: 'TaskEscalated',
        data: {
          milestone: m0,
          level: 1,
          workingDaysAfter: 1,
          to: [
            { unitId: 'u1', title: 'Phòng 1' },
            { unitId: 'u2', title: 'Lãnh đạo' },
          ],
        },
      },
    ]);
    const durableName = `t-notify-${subjectToken(planId)}`;
    const start = () =>
      startNotifier({
        ...nats,
        channelsOf: (unitId) => channels.units[unitId],
        smtp: channels.smtp,
        durableName,
        planToken: subjectToken(planId),
        maxAttempts: 3,
        retryBaseMs: 100,
      });
    let notifier = await start();
    try {
      await publishEvents(nats.js, events);
      const deliveries = await DeliveryStore.open(nats.nc);
      const record = (eventIndex: number, unit: string, channel: string) =>
        deliveries.get({ eventId: events[eventIndex]!.metadata.eventId, unitId: unit, channel });

      const broken = await until('the broken webhook to be recorded as failed', async () => {
        const r = await record(3, 'u2', `webhook:${hookUrl}/broken`);
        return r?.status === 'failed' && r;
      });
      expect(broken).toMatchObject({ attempts: 3, lastError: expect.stringMatching(/503/) });
      const flaky = await record(3, 'u2', `webhook:${hookUrl}/flaky`);
      expect(flaky).toMatchObject({ status: 'delivered', attempts: 2 });
      expect(await record(2, 'u1', `email:vanthu@u1.example.gov.vn`)).toMatchObject({
        status: 'delivered',
        attempts: 1,
      });

      // Webhooks: one per (event, recipient, channel), each with a valid signature over the raw body.
      const paths = received.map((r) => `${r.path}:${(JSON.parse(r.body) as { type: string }).type}`).sort();
      expect(paths).toEqual(['/flaky:TaskEscalated', '/u1:ReminderSent', '/u1:TaskEscalated']);
      for (const r of received) {
        const expected = `sha256=${createHmac('sha256', SECRET).update(r.body).digest('hex')}`;
        expect(r.headers['x-dondoc-signature']).toBe(expected);
        expect(Number(r.headers['x-dondoc-timestamp'])).toBeGreaterThan(1_700_000_000);
      }
      const reminder = JSON.parse(received.find((r) => r.path === '/u1' && r.body.includes('ReminderSent'))!.body);
      expect(reminder).toMatchObject({
        eventId: events[2]!.metadata.eventId,
        recipient: 'u1',
        workingDaysBefore: 3,
        planId,
      });

      // E-mail: the reminder and the escalation reached the SMTP receiver.
      await until('two e-mails', () => mails.length >= 2);
      expect(mails.map((m) => m.to)).toEqual(['vanthu@u1.example.gov.vn', 'vanthu@u1.example.gov.vn']);
      const escalationKey = deliveryKey(events[3]!.metadata.eventId, 'u1', 'email:vanthu@u1.example.gov.vn');
      expect(
        mails.some((m) => m.raw.replace(/\r?\n[ \t]+/g, ' ').includes(`X-Dondoc-Delivery: ${escalationKey}`)),
      ).toBe(true);

      // Redelivery of everything (a new consumer from the start) sends nothing twice.
      await notifier.stop();
      await nats.jsm.consumers.delete(EVENTS_STREAM, durableName);
      const before = { hooks: received.length, mails: mails.length };
      notifier = await start();
      await until('the replay to be acked', async () => {
        const info = await nats.jsm.consumers.info(EVENTS_STREAM, durableName);
        return info.num_pending === 0 && info.num_ack_pending === 0;
      });
      expect({ hooks: received.length, mails: mails.length }).toEqual(before);
    } finally {
      await notifier.stop();
      await nats.jsm.consumers.delete(EVENTS_STREAM, durableName).catch(() => undefined);
    }
  });

  it('tells the late unit and its head of an explanation request, the asking unit of the answer, and the lead unit of a manual reminder', async () => {
    const planId = uniquePlanId('explain-notice');
    const channels: ChannelsConfig = parseChannels({
      smtp: { url: `smtp://127.0.0.1:${smtpPort}`, from: 'dondoc@example.gov.vn' },
      units: {
        lead: { webhooks: [{ url: `${hookUrl}/lead`, secret: SECRET }], emails: ['vanthu@lead.example.gov.vn'] },
        head: { webhooks: [{ url: `${hookUrl}/head`, secret: SECRET }] },
        monitor: { webhooks: [{ url: `${hookUrl}/monitor`, secret: SECRET }], emails: ['theodoi@example.gov.vn'] },
      },
    });
    const late = milestone('2025-02-20');
    const events = chain(planId, '2', 'lead', [
      assigned('lead', 'Báo cáo chuyển đổi số'),
      scheduled(late),
      {
        type: 'ExplanationRequested',
        data: {
          milestone: late,
          by: 'monitor',
          reason: 'Quá hạn 5 ngày làm việc chưa có báo cáo',
          dueBy: '2025-03-07',
          workingDaysLate: 5,
          to: [
            { unitId: 'lead', title: 'Phòng Văn hóa' },
            { unitId: 'head', title: 'Chủ tịch UBND' },
          ],
        },
      },
      {
        type: 'ExplanationSubmitted',
        data: {
          milestone: late,
          by: 'lead',
          text: 'Chờ số liệu của Sở, sẽ gửi trước 15/3.',
          attachments: ['cv-123.pdf'],
          onTime: true,
        },
      },
      {
        type: 'ManualReminderSent',
        data: { milestone: late, note: 'Đề nghị gửi báo cáo', to: [{ unitId: 'lead', title: 'Phòng Văn hóa' }] },
      },
    ]);
    const durableName = `t-notify-${subjectToken(planId)}`;
    const mailsBefore = mails.length;
    const notifier = await startNotifier({
      ...nats,
      channelsOf: (unitId) => channels.units[unitId],
      smtp: channels.smtp,
      durableName,
      planToken: subjectToken(planId),
      maxAttempts: 3,
      retryBaseMs: 100,
    });
    try {
      await publishEvents(nats.js, events);
      const mine = () =>
        received
          .map((r) => ({ path: r.path, body: JSON.parse(r.body) as Record<string, unknown> }))
          .filter((r) => r.body.planId === planId);
      await until('four webhooks', () => mine().length >= 4);
      await until('the e-mails', () => mails.length - mailsBefore >= 3);
      await until('the consumer to be drained', async () => {
        const info = await nats.jsm.consumers.info(EVENTS_STREAM, durableName);
        return info.num_pending === 0 && info.num_ack_pending === 0;
      });
      const hooks = mine();
      expect(hooks.map((h) => `${h.path}:${String(h.body.type)}`).sort()).toEqual([
        '/head:ExplanationRequested',
        '/lead:ExplanationRequested',
        '/lead:ManualReminderSent',
        '/monitor:ExplanationSubmitted',
      ]);
      expect(hooks.find((h) => h.path === '/lead' && h.body.type === 'ExplanationRequested')!.body).toMatchObject({
        recipient: 'lead',
        requestedBy: 'monitor',
        dueBy: '2025-03-07',
        workingDaysLate: 5,
      });
      expect(hooks.find((h) => h.path === '/monitor')!.body).toMatchObject({
        recipient: 'monitor',
        explainedBy: 'lead',
        text: 'Chờ số liệu của Sở, sẽ gửi trước 15/3.',
        attachments: ['cv-123.pdf'],
        onTime: true,
      });
      expect(hooks.find((h) => h.body.type === 'ManualReminderSent')!.body).toMatchObject({
        note: 'Đề nghị gửi báo cáo',
      });
      // E-mails, in Vietnamese (subjects are RFC 2047-encoded; the recipients tell who got what).
      const newMails = mails.slice(mailsBefore);
      expect(newMails.map((m) => m.to).sort()).toEqual([
        'theodoi@example.gov.vn',
        'vanthu@lead.example.gov.vn',
        'vanthu@lead.example.gov.vn',
      ]);
      const deliveries = await DeliveryStore.open(nats.nc);
      const answer = await deliveries.get({
        eventId: events[3]!.metadata.eventId,
        unitId: 'monitor',
        channel: 'email:theodoi@example.gov.vn',
      });
      expect(answer).toMatchObject({ eventType: 'ExplanationSubmitted', status: 'delivered' });
    } finally {
      await notifier.stop();
      await nats.jsm.consumers.delete(EVENTS_STREAM, durableName).catch(() => undefined);
    }
  });
});
