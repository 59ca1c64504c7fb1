/**
 * `dondoc up` keeps the worker running: kill -9 the worker it started, the supervisor restarts it, and a
 * reminder due about a minute later still reaches the audit stream, exactly once. The stack is the real one
 * (`node bin/dondoc.js up`): its own Temporal dev server, nats-server, worker and API on free loopback ports.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { REPO_ROOT } from '../../config/settings';
import type { DondocEvent } from '../../domain/events/schemas';
import { assignmentWorkflowId, subjectToken } from '../../domain/events/subjects';
import { DEFAULT_POLICY } from '../../domain/policy/policy';
import { readEvents } from '../../nats/read';
import { connectNats, type NatsHandles } from '../../nats/streams';
import { freePort } from '../../stack/processes';
import { assignmentWorkflow } from '../../workflows';
import { reminderMoment, until } from '../faults/support';
import { assignmentInput, fixedDeadline } from '../support/assignments';

jest.setTimeout(10 * 60_000);

let dir: string;
let up: ChildProcess | null = null;
let output = '';
let handles: NatsHandles | null = null;
let connection: Connection | null = null;

afterAll(async () => {
  await handles?.nc.close().catch(() => undefined);
  await connection?.close().catch(() => undefined);
  if (up && up.exitCode === null) {
    up.kill('SIGINT');
    await new Promise((r) => up?.once('exit', r));
  }
  if (dir && !process.env.DONDOC_KEEP_TEST_DIR) fs.rmSync(dir, { recursive: true, force: true });
});

describe('dondoc up supervises its children', () => {
  it('restarts a worker killed with SIGKILL, and the reminder due a minute later arrives once', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dondoc-up-'));
    const [tPort, uiPort, nPort, apiPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
    const taskQueue = `up-supervision-${process.pid}`;
    const env = {
      ...process.env,
      TEMPORAL_ADDRESS: `127.0.0.1:${tPort}`,
      TEMPORAL_UI_PORT: String(uiPort),
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: taskQueue,
      NATS_URL: `nats://127.0.0.1:${nPort}`,
      NATS_REPLICAS: '1',
      API_HOST: '127.0.0.1',
      API_PORT: String(apiPort),
      DONDOC_DATA_DIR: dir,
    };
    up = spawn(process.execPath, [path.join(REPO_ROOT, 'bin', 'dondoc.js'), 'up', '--no-sample'], {
      cwd: REPO_ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    up.stdout?.on('data', (c: Buffer) => (output += c.toString()));
    up.stderr?.on('data', (c: Buffer) => (output += c.toString()));
    const exited = new Promise<number | null>((resolve) => up!.once('exit', (code) => resolve(code)));
    let upExit: number | null | undefined;
    void exited.then((code) => (upExit = code));

    await until(
      '`dondoc up` to be ready',
      async () => {
        if (upExit !== undefined) throw new Error(`dondoc up exited with ${String(upExit)}:\n${output}`);
        return output.includes('ready.');
      },
      240_000,
      250,
    );
    const workerPid = Number(/^worker\s+pid (\d+)$/m.exec(output)?.[1]);
    expect(workerPid).toBeGreaterThan(0);

    connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
    const client = new Client({ connection, namespace: 'default' });
    handles = await connectNats(env.NATS_URL, 'up-supervision-test');
    const planId = `up-supervision-${Date.now().toString(36)}`;
    const at = reminderMoment(60_000);
    const input = assignmentInput(planId, fixedDeadline(at.date), {
      policy: { ...DEFAULT_POLICY, remindWorkingDaysBefore: [0], reminderTime: at.time },
    });
    const workflowId = assignmentWorkflowId(planId, input.taskRef, input.unitId);
    await client.workflow.start(assignmentWorkflow, { taskQueue, workflowId, args: [input] });
    const planEvents = async (): Promise<DondocEvent[]> =>
      (await readEvents(handles!.js, `dondoc.events.${subjectToken(planId)}.>`)).flatMap((s) =>
        s.event ? [s.event] : [],
      );
    await until(
      'the deadline to be scheduled',
      async () => (await planEvents()).some((e) => e.type === 'DeadlineScheduled'),
      60_000,
    );

    // kill -9 the worker, well before the reminder is due.
    const killedAt = Date.now();
    expect(at.ms - killedAt).toBeGreaterThan(20_000);
    process.kill(workerPid, 'SIGKILL');
    await until(
      'the supervisor to restart the worker',
      async () => /supervisor: worker restarted \(pid \d+\)/.test(output),
      30_000,
      200,
    );
    expect(output).toMatch(
      new RegExp(`supervisor: worker \\(pid ${workerPid}\\) was killed by SIGKILL after .*; restarting in 1 s`),
    );
    const newPid = Number(/supervisor: worker restarted \(pid (\d+)\)/.exec(output)?.[1]);
    expect(newPid).not.toBe(workerPid);
    expect(() => process.kill(newPid, 0)).not.toThrow();

    const reminded = await until(
      'the reminder',
      async () => {
        const sent = (await planEvents()).filter((e) => e.type === 'ReminderSent');
        return sent.length > 0 ? sent : null;
      },
      at.ms - Date.now() + 120_000,
    );
    // Give a duplicate the chance to show up before counting.
    await new Promise((r) => setTimeout(r, 5_000));
    const events = await planEvents();
    expect(events.filter((e) => e.type === 'ReminderSent')).toHaveLength(1);
    expect(new Set(events.map((e) => e.metadata.eventId)).size).toBe(events.length);
    expect(Date.parse(reminded[0]!.metadata.at)).toBeGreaterThanOrEqual(at.ms);
    expect(upExit).toBeUndefined();

    up.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(output).toContain('stopped.');
  });
});
