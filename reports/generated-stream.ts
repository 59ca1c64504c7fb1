import {
  DiscardPolicy,
  RetentionPolicy,
  StorageType,
  type JetStreamClient,
  type JetStreamManager,
  type StreamConfig,
} from '@nats-io/jetstream';
import { subjectToken } from '../domain/events/subjects';
import { ReportGeneratedSchema, scopeToken, type ReportGenerated, type ReportScope } from '../domain/reports/schedule';
import { isNotFound } from '../nats/streams';

/** The stream of scheduled reports: one `ReportGenerated` per scope and period. */
export const REPORTS_STREAM = 'DONDOC_REPORTS';
export const REPORTS_SUBJECT_PREFIX = 'dondoc.reports';

const DAY_NS = 24 * 60 * 60 * 1e9;

/** `dondoc.reports.<scope>.<period>`: the last message on it says the period's report was generated. */
export function reportsSubject(scope: ReportScope, periodKey: string): string {
  return `${REPORTS_SUBJECT_PREFIX}.${subjectToken(scopeToken(scope))}.${subjectToken(periodKey)}`;
}

/**
 * Creates DONDOC_REPORTS if missing (file storage, kept for ever, a day's duplicate window for the msgID
 * `<scheduleId>:<period>`). Kept apart from DONDOC_EVENTS: a report is not an assignment's event and has no place in
 * a task's hash chain.
 */
export async function ensureReportsStream(jsm: JetStreamManager, replicas = 1): Promise<void> {
  const config: Partial<StreamConfig> & { name: string } = {
    name: REPORTS_STREAM,
    description: 'dondoc scheduled period reports (ReportGenerated), one per scope and period',
    subjects: [`${REPORTS_SUBJECT_PREFIX}.>`],
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    discard: DiscardPolicy.New,
    max_age: 0,
    duplicate_window: DAY_NS,
    num_replicas: replicas,
    allow_direct: true,
  };
  try {
    await jsm.streams.info(REPORTS_STREAM);
  } catch (err) {
    if (!isNotFound(err)) throw err;
    await jsm.streams.add(config).catch(async (e: unknown) => {
      // Another worker created it meanwhile.
      await jsm.streams.info(REPORTS_STREAM).catch(() => {
        throw e;
      });
    });
  }
}

/** Every ReportGenerated on the stream (optionally of one scope), in order. */
export async function readReportsGenerated(
  js: JetStreamClient,
  jsm: JetStreamManager,
  scope?: ReportScope,
): Promise<{ seq: number; event: ReportGenerated | null; error: string | null }[]> {
  await ensureReportsStream(jsm);
  const filter = scope
    ? `${REPORTS_SUBJECT_PREFIX}.${subjectToken(scopeToken(scope))}.>`
    : `${REPORTS_SUBJECT_PREFIX}.>`;
  const info = await jsm.streams.info(REPORTS_STREAM);
  const out: { seq: number; event: ReportGenerated | null; error: string | null }[] = [];
  if (info.state.messages === 0) return out;
  const consumer = await js.consumers.get(REPORTS_STREAM, { filter_subjects: [filter] });
  for (;;) {
    const m = await consumer.next({ expires: 1000 });
    if (!m) break;
    let parsed;
    try {
      parsed = ReportGeneratedSchema.safeParse(m.json());
    } catch {
      parsed = null;
    }
    out.push(
      parsed?.success
        ? { seq: m.seq, event: parsed.data, error: null }
        : { seq: m.seq, event: null, error: parsed ? parsed.error.message : 'not JSON' },
    );
    if (m.info.pending === 0) break;
  }
  await consumer.delete().catch(() => undefined);
  return out;
}
