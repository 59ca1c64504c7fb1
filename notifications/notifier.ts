import type { ConsumerMessages, JetStreamClient, JetStreamManager, JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Transporter } from 'nodemailer';
import { parseEvent, type DondocEvent } from '../domain/events/schemas';
import { EVENTS_SUBJECT_PREFIX, subjectToken } from '../domain/events/subjects';
import { backoffMs, ensureDurable } from '../consumers/durable';
import { deadLetter, openDeadLetters } from '../consumers/deadletter';
import { readEvents } from '../nats/read';
import { EVENTS_STREAM } from '../nats/streams';
import { taskKey } from '../projections/keys';
import { openProjectionsBucket } from '../projections/store';
import type { ChannelsConfig, UnitChannels } from './channels';
import { DELIVERIES_BUCKET, DeliveryStore, type DeliveryRecord } from './delivery-store';
import { postWebhook, sendEmail, smtpTransport } from './deliver';
import { isNotice, noticeFields, noticeMessage, noticeRecipients, NOTICE_TYPES, type Notice } from './notices';
import { logger } from '../config/logger';

export { DELIVERIES_BUCKET, deliveryKey, type DeliveryRecord, type DeliveryStatus } from './delivery-store';

/** The notifier's durable consumer on DONDOC_EVENTS. */
export const NOTIFIER_CONSUMER = 'dondoc-notifier';

export interface NotifierOptions {
  nc: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
  /**
   * Where a recipient unit receives notices: read from the stored directories (notifications/directory-channels.ts);
   * undefined or empty channels skip the unit with a warning.
   */
  channelsOf: (unitId: string) => Promise<UnitChannels | undefined> | UnitChannels | undefined;
  /** The SMTP server e-mails go through (DONDOC_SMTP_URL / DONDOC_SMTP_FROM); without it e-mails fail. */
  smtp?: ChannelsConfig['smtp'];
  durableName?: string;
  /** Subject filter prefix (default every plan); tests narrow it to one plan. */
  planToken?: string;
  /** Attempts per delivery before it is recorded as failed (default 6). */
  maxAttempts?: number;
  /** First retry delay; doubles per attempt up to 5 minutes (default 2 s). */
  retryBaseMs?: number;
  concurrency?: number;
  bucket?: string;
  replicas?: number;
  /** An SMTP transport to use instead of one built from `smtp.url` (tests). */
  transport?: Transporter;
}

export interface Notifier {
  readonly stats: { delivered: number; failed: number; retried: number; skipped: number };
  stop(): Promise<void>;
}

/**
 * Starts the notifier: a durable consumer (explicit acks) that delivers the notices (notices.ts: reminders,
 * escalations, manual reminders, explanation requests to the late unit and its answers to the unit that asked) to
 * each recipient unit's webhooks (HMAC-signed) and e-mail addresses. Each delivery is recorded in
 * `dondoc_deliveries`, deduplicated by event + recipient + channel, retried with backoff (nak with delay)
 * and recorded as failed after the last attempt.
 */
export async function startNotifier(o: NotifierOptions): Promise<Notifier> {
  const name = o.durableName ?? NOTIFIER_CONSUMER;
  const log = logger(name);
  const maxAttempts = o.maxAttempts ?? 6;
  const baseMs = o.retryBaseMs ?? 2000;
  const deliveries = await DeliveryStore.open(o.nc, {
    bucket: o.bucket ?? DELIVERIES_BUCKET,
    replicas: o.replicas ?? 1,
  });
  const projections = await openProjectionsBucket(o.nc, o.replicas ?? 1);
  const dlq = await openDeadLetters(o.nc, o.replicas ?? 1);
  const plan = o.planToken ?? '*';
  await ensureDurable(o.jsm, name, {
    filter_subjects: NOTICE_TYPES.map((t) => `${EVENTS_SUBJECT_PREFIX}.${plan}.*.*.${t}`),
    max_ack_pending: 256,
    // The notifier bounds attempts itself and records the outcome; this only stops a runaway loop.
    max_deliver: maxAttempts + 5,
  });
  const smtp = o.smtp;
  const transport = o.transport ?? (smtp ? smtpTransport(smtp.url) : null);
  const stats = { delivered: 0, failed: 0, retried: 0, skipped: 0 };

  async function titleOf(e: Notice): Promise<string> {
    const rec = await projections.get(taskKey(e.metadata.workflowId)).catch(() => null);
    const title = rec?.operation === 'PUT' ? (rec.json<{ title?: unknown }>().title as string | undefined) : undefined;
    return typeof title === 'string' ? title : `${e.metadata.planId} / ${e.metadata.taskRef}`;
  }

  /** The unit that asked for the explanation this answers: the `by` of the task's last earlier request. */
  async function requesterOf(e: Extract<Notice, { type: 'ExplanationSubmitted' }>): Promise<string | null> {
    const m = e.metadata;
    const filter = `${EVENTS_SUBJECT_PREFIX}.${subjectToken(m.planId)}.${subjectToken(m.taskRef)}.*.ExplanationRequested`;
    const requests = (await readEvents(o.js, filter))
      .map((s) => s.event)
      .filter(
        (x): x is Extract<DondocEvent, { type: 'ExplanationRequested' }> =>
          x?.type === 'ExplanationRequested' && x.metadata.workflowId === m.workflowId && x.metadata.seq < m.seq,
      );
    return requests.at(-1)?.data.by ?? null;
  }

  /** Attempts every pending delivery of one event; returns true when some should be retried later. */
  async function deliverAll(e: Notice): Promise<boolean> {
    const title = await titleOf(e);
    const { subject, text } = noticeMessage(e, title);
    let retry = false;
    const units = noticeRecipients(e, e.type === 'ExplanationSubmitted' ? await requesterOf(e) : null);
    if (units.length === 0) {
      stats.skipped++;
      log.warn(`no recipient for ${e.type} ${e.metadata.eventId}`);
    }
    for (const unitId of units) {
      const cfg = await o.channelsOf(unitId);
      if (!cfg || (cfg.webhooks.length === 0 && cfg.emails.length === 0)) {
        stats.skipped++;
        log.warn(`no channel configured for unit ${unitId} (${e.metadata.eventId})`);
        continue;
      }
      const targets = [
        ...cfg.webhooks.map((w) => ({
          channel: 'webhook' as const,
          target: w.url,
          send: (id: string) => postWebhook(w, JSON.stringify(payload(e, unitId, title, id)), id),
        })),
        ...cfg.emails.map((to) => ({
          channel: 'email' as const,
          target: to,
          send: async (id: string) => {
            if (!transport || !smtp) throw new Error('no smtp server configured (DONDOC_SMTP_URL, DONDOC_SMTP_FROM)');
            await sendEmail(transport, { from: smtp.from, to, subject, text, deliveryId: id });
          },
        })),
      ];
      for (const t of targets) {
        const stored = await deliveries.read({
          eventId: e.metadata.eventId,
          unitId,
          channel: `${t.channel}:${t.target}`,
        });
        const key = stored.deliveryId;
        const prev = stored.record;
        if (prev && prev.status !== 'retrying') continue; // delivered or finally failed: never again
        const attempts = (prev?.attempts ?? 0) + 1;
        const base: Omit<DeliveryRecord, 'status' | 'lastError' | 'deliveredAt'> = {
          deliveryId: key,
          eventId: e.metadata.eventId,
          eventType: e.type,
          workflowId: e.metadata.workflowId,
          unitId,
          channel: t.channel,
          target: t.target,
          attempts,
          updatedAt: new Date().toISOString(),
        };
        let record: DeliveryRecord;
        try {
          await t.send(key);
          record = { ...base, status: 'delivered', lastError: null, deliveredAt: base.updatedAt };
          stats.delivered++;
        } catch (err) {
          const lastError = err instanceof Error ? err.message : String(err);
          const final = attempts >= maxAttempts;
          record = { ...base, status: final ? 'failed' : 'retrying', lastError, deliveredAt: null };
          if (final) {
            stats.failed++;
            log.error(
              `delivery ${t.channel} ${t.target} of ${e.metadata.eventId} failed after ${attempts} attempts: ${lastError}`,
            );
          } else {
            stats.retried++;
            retry = true;
          }
        }
        // A concurrent notifier that already recorded this attempt wins; ours is redundant.
        await deliveries.save(stored, record);
      }
    }
    return retry;
  }

  function payload(e: Notice, unitId: string, title: string, deliveryId: string) {
    return {
      deliveryId,
      eventId: e.metadata.eventId,
      type: e.type,
      workflowId: e.metadata.workflowId,
      planId: e.metadata.planId,
      taskRef: e.metadata.taskRef,
      leadUnit: e.metadata.unitId,
      recipient: unitId,
      title,
      ...noticeFields(e),
      at: e.metadata.at,
      sentAt: new Date().toISOString(),
    };
  }

  async function handle(m: JsMsg): Promise<void> {
    let raw: unknown;
    try {
      raw = m.json();
    } catch {
      await deadLetter(dlq, name, m, 'not JSON');
      return;
    }
    const parsed = parseEvent(raw);
    if (!parsed.ok || !isNotice(parsed.event)) {
      await deadLetter(dlq, name, m, parsed.ok ? `unexpected ${parsed.event.type}` : parsed.error.message);
      return;
    }
    try {
      const retry = await deliverAll(parsed.event);
      if (retry) m.nak(backoffMs(m.info.deliveryCount, baseMs, 5 * 60_000));
      else m.ack();
    } catch (err) {
      // KV unreachable and the like: try the whole message again later.
      log.warn({ err }, `${parsed.event.metadata.eventId}: retrying later`);
      m.nak(backoffMs(m.info.deliveryCount, baseMs, 5 * 60_000));
    }
  }

  const consumer = await o.js.consumers.get(EVENTS_STREAM, name);
  const messages: ConsumerMessages = await consumer.consume({ max_messages: 64 });
  const limit = o.concurrency ?? 16;
  const inFlight = new Set<Promise<void>>();
  const loop = (async () => {
    for await (const m of messages) {
      const p = handle(m).catch(() => m.nak(baseMs));
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
      if (inFlight.size >= limit) await Promise.race(inFlight);
    }
  })();

  return {
    stats,
    async stop() {
      await messages.close().catch(() => undefined);
      await loop.catch(() => undefined);
      await Promise.all([...inFlight]);
      transport?.close();
    },
  };
}
