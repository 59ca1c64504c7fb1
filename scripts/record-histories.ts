/**
 * Records workflow histories for the replay tests (test/replay): runs a few assignment scenarios on the Java
 * time-skipping server and saves each history as JSON under test/histories/. Run it when the workflow changes
 * in a way that is meant to be replay-incompatible, behind a patch (see workflows/README.md):
 *   npx tsx scripts/record-histories.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DateTime } from 'luxon';
import { REPO_ROOT } from '../config/settings';
import { createCalendar } from '../domain/calendar';
import { ZONE } from '../domain/calendar/types';
import { interpretDeadline } from '../domain/deadlines';
import type { ResolvedDeadline } from '../domain/deadlines/types';
import type { Actor } from '../domain/events/schemas';
import { executeAction } from '../services/actions';
import { ensureTools } from '../stack/tools';
import { createDondocWorker } from '../worker/worker';
import { assignmentWorkflow } from '../workflows';
import { assignmentInput, fixedDeadline } from '../test/support/assignments';

const DAY = 24 * 60 * 60 * 1000;
const unit: Actor = { kind: 'user', id: 'recorder', role: 'unit', unitId: 'hcm.q1.phong-noi-vu' };
const monitor: Actor = { kind: 'user', id: 'recorder', role: 'monitor', unitId: null };

/** Proto3 JSON of a history, the form `historyFromJSON` and the Temporal CLI read. */
function toJson(history: Parameters<typeof historyToJSON>[0]): string {
  return JSON.stringify(JSON.parse(historyToJSON(history)), null, 1) + '\n';
}

async function main(): Promise<void> {
  const calendar = createCalendar();
  const tools = ensureTools(['test-server']);
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: tools.testServer } },
  });
  const outDir = path.join(REPO_ROOT, 'test', 'histories');
  fs.mkdirSync(outDir, { recursive: true });
  const worker = await createDondocWorker({
    connection: env.nativeConnection,
    namespace: 'default',
    taskQueue: 'record',
    calendar,
    publish: async (events) =>
      events.map((e) => ({ eventId: e.metadata.eventId, seq: e.metadata.seq, duplicate: false })),
  });
  const dateAfter = async (days: number) =>
    calendar.rollForward(
      DateTime.fromMillis(await env.currentTimeMs(), { zone: ZONE })
        .plus({ days })
        .toISODate() as string,
    );
  const start = async (name: string, deadline: ResolvedDeadline, period?: { from: string; to: string }) =>
    env.client.workflow.start(assignmentWorkflow, {
      taskQueue: 'record',
      workflowId: `record-${name}`,
      args: [assignmentInput(`record-${name}`, deadline, period ? { period } : {})],
    });
  const save = async (name: string, workflowId: string) => {
    const history = await env.client.workflow.getHandle(workflowId).fetchHistory();
    fs.writeFileSync(path.join(outDir, `${name}.json`), toJson(history));
    process.stdout.write(`saved test/histories/${name}.json (${history.events?.length ?? 0} events)\n`);
  };

  await worker.runUntil(async () => {
    // 1. Missed: reminders, miss, both escalation levels.
    const missed = await start('missed', fixedDeadline(await dateAfter(10)));
    await env.sleep(25 * DAY);
    await missed.terminate('recorded');
    await save('missed', missed.workflowId);

    // 2. Completed on time, with an extension request granted, and refused actions on the way.
    const done = await start('extended-completed', fixedDeadline(await dateAfter(12)));
    await env.sleep(DAY);
    await executeAction(done, { type: 'ApproveCompletion' }, monitor).catch(() => undefined);
    await executeAction(
      done,
      { type: 'RequestExtension', requestedDue: await dateAfter(30), reason: 'Chờ ý kiến' },
      unit,
    );
    await executeAction(done, { type: 'DecideExtension', approve: true }, monitor);
    await env.sleep(15 * DAY);
    await executeAction(done, { type: 'SubmitResult', note: 'Xong' }, unit);
    await executeAction(done, { type: 'ApproveCompletion' }, monitor);
    await done.result();
    await save('extended-completed', done.workflowId);

    // 3. Recurring monthly: the first run ends in continue-as-new after its first occurrence.
    const year = Number((await dateAfter(0)).slice(0, 4)) + 1;
    const period = { from: `${year}-01-01`, to: `${year}-03-31` };
    const monthly = await start(
      'recurring-first-run',
      interpretDeadline('Định kỳ hằng tháng', { issued: period.from, until: period.to }, calendar),
      period,
    );
    await env.sleep(DateTime.fromISO(`${year}-02-10`, { zone: ZONE }).toMillis() - (await env.currentTimeMs()));
    const firstRun = env.client.workflow.getHandle(monthly.workflowId, monthly.firstExecutionRunId);
    fs.writeFileSync(path.join(outDir, 'recurring-first-run.json'), toJson(await firstRun.fetchHistory()));
    process.stdout.write('saved test/histories/recurring-first-run.json\n');
    await monthly.terminate('recorded');
  });
  await env.teardown();
}

main().catch((err) => {
  process.stderr.write(`record-histories: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
