import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { headers as natsHeaders, type NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { Transporter } from 'nodemailer';
import type { WorkingCalendar } from '../domain/calendar/types';
import type { Plan } from '../domain/plans/model';
import { parsePeriod } from '../domain/reports/period';
import {
  ReportGeneratedSchema,
  scopeToken,
  type ReportDelivery,
  type ReportFileRef,
  type ReportGenerated,
  type ReportScope,
} from '../domain/reports/schedule';
import { loadDirectory } from '../domain/units';
import type { ChannelsConfig } from '../notifications/channels';
import { postWebhook, smtpTransport } from '../notifications/deliver';
import { DeliveryStore, type DeliveryRecord } from '../notifications/delivery-store';
import { reportsSubject, ensureReportsStream, REPORTS_STREAM } from '../reports/generated-stream';
import { PlanRegistry } from '../services/plans';
import { reportFile, reportFrom, ReportService } from '../services/reports';

/** What the period-report activities need: NATS (plans, events, deliveries), the data dir, the channels. */
export interface PeriodReportDeps {
  nc: NatsConnection;
  calendar: WorkingCalendar;
  /** Files are written under `<dataDir>/reports/<scope>/<period>/`. */
  dataDir: string;
  /** The channels file's contents; null: reports are built and recorded but sent nowhere (said in the event). */
  channels: ChannelsConfig | null;
  /** An SMTP transport instead of one built from `channels.smtp.url` (tests). */
  transport?: Transporter;
  replicas?: number;
}

/** Attempts of the delivery activity before a channel that still refuses is recorded as failed. */
export const DELIVERY_ATTEMPTS = 5;

const sameIssuer = (a: string, b: string) =>
  a.normalize('NFC').trim().toLocaleLowerCase('vi') === b.normalize('NFC').trim().toLocaleLowerCase('vi');

async function writeAtomically(file: string, body: Buffer): Promise<void> {
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await fs.promises.writeFile(tmp, body);
  await fs.promises.rename(tmp, file);
}

/** The activities of the scheduled period report (workflows/period-report.ts). */
export function createPeriodReportActivities(deps: PeriodReportDeps | undefined) {
  let opened: Promise<{ jsm: JetStreamManager; plans: PlanRegistry; deliveries: DeliveryStore }> | undefined;
  const open = () => {
    if (!deps)
      throw ApplicationFailure.nonRetryable(
        'this worker was started without report settings (NATS connection, data dir): it cannot run period reports',
        'ReportsNotConfigured',
      );
    opened ??= (async () => {
      const jsm = await jetstreamManager(deps.nc);
      await ensureReportsStream(jsm, deps.replicas ?? 1);
      const plans = await PlanRegistry.open(deps.nc, deps.replicas ?? 1);
      const deliveries = await DeliveryStore.open(deps.nc, { replicas: deps.replicas ?? 1 });
      return { jsm, plans, deliveries };
    })().catch((err: unknown) => {
      opened = undefined;
      throw err;
    });
    return opened;
  };

  async function plansOf(scope: ReportScope, registry: PlanRegistry): Promise<Plan[]> {
    const ids =
      'plans' in scope
        ? scope.plans
        : (await registry.list()).filter((p) => sameIssuer(p.issuer, scope.issuer)).map((p) => p.id);
    const plans: Plan[] = [];
    for (const id of ids) {
      const plan = await registry.get(id);
      if (!plan) throw ApplicationFailure.nonRetryable(`plan ${id} is not in the plan registry`, 'UnknownPlan');
      plans.push(plan);
    }
    if (plans.length === 0)
      throw ApplicationFailure.nonRetryable(
        `no plan in the registry was issued by "${'issuer' in scope ? scope.issuer : ''}"`,
        'UnknownPlan',
      );
    return plans;
  }

  return {
    /** The ReportGenerated already on DONDOC_REPORTS for this scope and period, if any (a firing that already ran). */
    async findReportGenerated(args: { scope: ReportScope; period: string }): Promise<{ seq: number } | null> {
      const { jsm } = await open();
      const msg = await jsm.streams
        .getMessage(REPORTS_STREAM, { last_by_subj: reportsSubject(args.scope, args.period) })
        .catch(() => null);
      return msg ? { seq: msg.seq } : null;
    },

    /**
     * Builds the period's report from the plans and their events as of the period's last day, writes the .xlsx
     * ledger and the .docx report under the data dir, and names the plans' monitoring units.
     */
    async buildPeriodReport(args: { scope: ReportScope; period: string }): Promise<{
      plans: string[];
      lines: number;
      asOf: string;
      files: ReportFileRef[];
      monitoringUnits: string[];
      title: string;
    }> {
      const { plans: registry } = await open();
      const plans = await plansOf(args.scope, registry);
      const period = parsePeriod(args.period);
      const service = new ReportService({ js: jetstream(deps!.nc), plans: registry, calendar: deps!.calendar });
      const events = await service.eventsOf(plans.map((p) => p.plan.id));
      const report = reportFrom(plans, events, { period: period.key, asOf: period.to }, deps!.calendar, new Date());
      const dir = path.join(deps!.dataDir, 'reports', scopeToken(args.scope), period.key);
      const files: ReportFileRef[] = [];
      for (const format of ['xlsx', 'docx'] as const) {
        const f = await reportFile(report, format);
        const file = path.join(dir, f.filename);
        await writeAtomically(file, f.body);
        files.push({
          format,
          name: f.filename,
          bytes: f.body.length,
          sha256: createHash('sha256').update(f.body).digest('hex'),
          path: file,
        });
      }
      const monitoringUnits = [
        ...new Set(plans.flatMap((p) => (p.plan.directory ? [loadDirectory(p.plan.directory).monitoringUnit.id] : []))),
      ];
      return {
        plans: plans.map((p) => p.plan.id),
        lines: report.lines.length,
        asOf: report.asOf,
        files,
        monitoringUnits,
        title: `Báo cáo ${period.label.charAt(0).toLowerCase()}${period.label.slice(1)} (${report.heading.reporter})`,
      };
    },

    /**
     * Sends the files to each recipient unit's webhooks (HMAC-signed JSON with the files in base64) and e-mail
     * addresses (as attachments). Each delivery is recorded in `dondoc_deliveries` under the report's id, so a retry
     * sends only what was not delivered; after DELIVERY_ATTEMPTS a channel that still fails is returned as failed.
     */
    async deliverPeriodReport(args: {
      reportId: string;
      recipients: string[];
      title: string;
      period: string;
      plans: string[];
      files: ReportFileRef[];
    }): Promise<ReportDelivery[]> {
      const { deliveries } = await open();
      const channels = deps!.channels;
      if (!channels) return [];
      const attempt = Context.current().info.attempt;
      const bodies = await Promise.all(args.files.map((f) => fs.promises.readFile(f.path)));
      const out: ReportDelivery[] = [];
      let retry = false;
      for (const unitId of args.recipients) {
        const cfg = channels.units[unitId];
        if (!cfg) continue;
        const targets = [
          ...cfg.webhooks.map((w) => ({
            channel: 'webhook' as const,
            target: w.url,
            send: (id: string) =>
              postWebhook(
                w,
                JSON.stringify({
                  deliveryId: id,
                  type: 'ReportGenerated',
                  reportId: args.reportId,
                  recipient: unitId,
                  title: args.title,
                  period: args.period,
                  plans: args.plans,
                  files: args.files.map((f, i) => ({
                    format: f.format,
                    name: f.name,
                    bytes: f.bytes,
                    sha256: f.sha256,
                    contentBase64: bodies[i]!.toString('base64'),
                  })),
                  sentAt: new Date().toISOString(),
                }),
                id,
                30_000,
              ),
          })),
          ...cfg.emails.map((to) => ({
            channel: 'email' as const,
            target: to,
            send: async (id: string) => {
              if (!channels.smtp) throw new Error('no smtp server configured');
              const transport = deps!.transport ?? smtpTransport(channels.smtp.url);
              await transport.sendMail({
                from: channels.smtp.from,
                to,
                subject: `[Đôn đốc] ${args.title}`,
                text: `${args.title}\nKế hoạch: ${args.plans.join(', ')}.\nMã báo cáo: ${args.reportId}\n`,
                headers: { 'X-Dondoc-Delivery': id },
                attachments: args.files.map((f, i) => ({ filename: f.name, content: bodies[i]! })),
              });
            },
          })),
        ];
        for (const t of targets) {
          const stored = await deliveries.read({
            eventId: `report:${args.reportId}`,
            unitId,
            channel: `${t.channel}:${t.target}`,
          });
          const key = stored.deliveryId;
          if (stored.record?.status === 'delivered') {
            out.push({ unitId, channel: t.channel, target: t.target, status: 'already-delivered', error: null });
            continue;
          }
          let error: string | null = null;
          try {
            await t.send(key);
          } catch (err) {
            error = err instanceof Error ? err.message : String(err);
          }
          const status = error === null ? 'delivered' : attempt >= DELIVERY_ATTEMPTS ? 'failed' : 'retrying';
          const record: DeliveryRecord = {
            deliveryId: key,
            eventId: `report:${args.reportId}`,
            eventType: 'ReportGenerated',
            unitId,
            channel: t.channel,
            target: t.target,
            status,
            attempts: attempt,
            lastError: error,
            updatedAt: new Date().toISOString(),
            deliveredAt: error === null ? new Date().toISOString() : null,
          };
          await deliveries.replace(record);
          if (status === 'retrying') retry = true;
          out.push({
            unitId,
            channel: t.channel,
            target: t.target,
            status: status === 'retrying' ? 'failed' : status,
            error,
          });
        }
      }
      if (retry) {
        const failed = out.filter((d) => d.error !== null).map((d) => `${d.channel} ${d.target}: ${d.error}`);
        throw new Error(`report ${args.reportId}: delivery to retry (attempt ${attempt}): ${failed.join('; ')}`);
      }
      return out;
    },

    /** Publishes ReportGenerated with msgID = schedule + period; a retry or a second firing is deduplicated. */
    async publishReportGenerated(args: {
      msgId: string;
      event: Omit<ReportGenerated, 'at'>;
    }): Promise<{ seq: number; duplicate: boolean }> {
      const { jsm } = await open();
      const subject = reportsSubject(args.event.scope, args.event.period.key);
      const stored = await jsm.streams.getMessage(REPORTS_STREAM, { last_by_subj: subject }).catch(() => null);
      if (stored) return { seq: stored.seq, duplicate: true };
      const event = ReportGeneratedSchema.parse({ ...args.event, at: new Date().toISOString() });
      const h = natsHeaders();
      h.set('Dondoc-Event-Type', 'ReportGenerated');
      const ack = await jetstream(deps!.nc).publish(subject, JSON.stringify(event), { msgID: args.msgId, headers: h });
      return { seq: ack.seq, duplicate: ack.duplicate };
    },
  };
}

export type PeriodReportActivities = ReturnType<typeof createPeriodReportActivities>;
