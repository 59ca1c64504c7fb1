import type { Command } from 'commander';
import { loadSettings } from '../../config/settings';
import { TASK_STATUSES } from '../../domain/events/constants';
import type { TaskStatus } from '../../projections/store';
import { withRuntime } from '../../services/runtime';
import { ActionNameSchema } from '../../services/tasks';
import { CliError, formatTable, printJson } from '../output';
import { asCli, operatorPrincipal } from './cli-support';

const STATUSES: readonly string[] = TASK_STATUSES;

function parseStatuses(value: string | undefined): TaskStatus[] | undefined {
  if (value === undefined) return undefined;
  const list = value.split(',');
  const bad = list.find((s) => !STATUSES.includes(s));
  if (bad !== undefined) throw new CliError(`--status: expected one or more of ${STATUSES.join(', ')}, got "${bad}"`);
  return list as TaskStatus[];
}

/** `dondoc task list|show|act`: tasks from the projection, a task's live state, and actions as workflow updates. */
export function registerTaskCommands(program: Command): void {
  const task = program.command('task').description('list, show and act on tasks (assignments)');

  task
    .command('list')
    .description('tasks from the projection, by next due date')
    .option('--plan <id>', 'only this plan')
    .option('--unit <id>', 'only tasks this unit leads')
    .option('--status <list>', `comma-separated statuses: ${STATUSES.join(', ')}`)
    .option('--limit <n>', 'at most n rows', '200')
    .option('--json', 'print JSON')
    .action((opts: { plan?: string; unit?: string; status?: string; limit: string; json?: boolean }) =>
      asCli(async () => {
        const limit = Number(opts.limit);
        if (!Number.isInteger(limit) || limit < 1)
          throw new CliError(`--limit: expected a positive integer, got "${opts.limit}"`);
        const status = parseStatuses(opts.status);
        const tasks = await withRuntime(loadSettings(), async (rt) =>
          (await rt.tasks()).list(operatorPrincipal(), {
            ...(opts.plan ? { planId: opts.plan } : {}),
            ...(opts.unit ? { unitId: opts.unit } : {}),
            ...(status ? { status } : {}),
          }),
        );
        if (opts.json) return printJson({ total: tasks.length, tasks: tasks.slice(0, limit) });
        process.stdout.write(
          formatTable(
            ['workflow', 'status', 'next due', 'esc', 'title'],
            tasks
              .slice(0, limit)
              .map((t) => [t.workflowId, t.status, t.nextDue, t.escalationLevel, t.title.slice(0, 50)]),
          ) + `\n${tasks.length} task(s)${tasks.length > limit ? `, first ${limit} shown` : ''}\n`,
        );
      }),
    );

  task
    .command('show')
    .description("a task's state and schedule (live from the workflow, else the projection)")
    .argument('<workflowId>')
    .option('--json', 'print JSON')
    .action((workflowId: string, opts: { json?: boolean }) =>
      asCli(async () => {
        const t = await withRuntime(loadSettings(), async (rt) =>
          (await rt.tasks()).get(operatorPrincipal(), workflowId),
        );
        if (opts.json) return printJson(t);
        const milestones = t.state?.milestones ?? t.projection?.milestones ?? [];
        process.stdout.write(
          [
            `${t.workflowId} (${t.source})`,
            t.title,
            `status ${t.status}; lead ${t.unitId}; next due ${t.nextDue ?? '-'}; escalation level ${t.escalationLevel}`,
            `deadline (${t.deadlineKind}): ${t.deadlineText || '(none)'}`,
            '',
            formatTable(
              ['#', 'label', 'kind', 'nominal', 'due', 'extended'],
              milestones.map((m) => [m.index, m.label, m.kind, m.nominal, m.due, m.extendedDue]),
            ),
          ].join('\n') + '\n',
        );
      }),
    );

  task
    .command('act')
    .description(`act on a task: ${ActionNameSchema.options.join(', ')}`)
    .argument('<workflowId>')
    .argument('<action>')
    .option('--json-body <json>', 'the action body as JSON, e.g. \'{"percent":50,"note":"…"}\'', '{}')
    .option('--json', 'print JSON')
    .action((workflowId: string, actionArg: string, opts: { jsonBody: string; json?: boolean }) =>
      asCli(async () => {
        const action = ActionNameSchema.safeParse(actionArg);
        if (!action.success)
          throw new CliError(`action: expected one of ${ActionNameSchema.options.join(', ')}, got "${actionArg}"`);
        let body: unknown;
        try {
          body = JSON.parse(opts.jsonBody);
        } catch (err) {
          throw new CliError(`--json-body: not valid JSON (${(err as Error).message})`);
        }
        const result = await withRuntime(loadSettings(), async (rt) =>
          (await rt.tasks()).act(operatorPrincipal(), workflowId, action.data, body),
        );
        if (opts.json) printJson(result);
        else
          process.stdout.write(
            `${action.data}: accepted; status ${result.status}; events ${result.events.map((e) => e.type).join(', ')}\n`,
          );
      }),
    );
}
