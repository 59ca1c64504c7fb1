import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { parse as parseYaml } from 'yaml';
import { importPlan } from '../../domain/plans/import';
import { CliError, formatTable, printJson } from '../output';
import { loadCalendar } from './calendar';

/** `dondoc simulate <plan> --until DATE [--scenario file] [--json]`: a plan's reminders and escalations, ahead of time. */
export function registerSimulateCommand(program: Command): void {
  program
    .command('simulate')
    .description(
      "run a plan's assignments from its issue date to --until, with scripted actions, and print every reminder, miss and escalation",
    )
    .argument('<plan>', 'plan document (any layout dondoc imports)')
    .requiredOption('--until <date>', 'last day to simulate, YYYY-MM-DD')
    .option(
      '--scenario <file>',
      'YAML/JSON of scripted actions, e.g. { actions: [{ task: "1.2", unit: "hcm.q1.p-ben-nghe", on: 2022-09-20, do: complete }] }',
    )
    .option('--year <year>', 're-anchor the plan to another year first')
    .option('--calendar <file>', 'calendar overrides file')
    .option(
      '--engine <engine>',
      "process: the workflows' own process definition on a virtual clock (fast); temporal: the real workflows on the time-skipping test server (slow, for checking)",
      'process',
    )
    .option('--json', 'print { events: [...] } as JSON')
    .action(
      async (
        file: string,
        opts: {
          until: string;
          scenario?: string;
          year?: string;
          calendar?: string;
          engine: string;
          json?: boolean;
        },
      ) => {
        const { simulatePlan, ScenarioSchema } =
          // eslint-disable-next-line @typescript-eslint/no-require-imports
          require('../../services/simulate') as typeof import('../../services/simulate');
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { ensureTools } = require('../../stack/tools') as typeof import('../../stack/tools');
        if (opts.engine !== 'process' && opts.engine !== 'temporal')
          throw new CliError(`--engine: expected process or temporal, got "${opts.engine}"`);
        if (!/^\d{4}-\d{2}-\d{2}$/.test(opts.until))
          throw new CliError(`--until: expected YYYY-MM-DD, got "${opts.until}"`);
        const year = opts.year === undefined ? undefined : Number(opts.year);
        if (year !== undefined && !(Number.isInteger(year) && year >= 1990 && year <= 2100))
          throw new CliError(`--year: expected a year such as 2026, got "${opts.year}"`);
        let text: string;
        try {
          text = fs.readFileSync(file, 'utf8');
        } catch (err) {
          throw new CliError(`${file}: cannot read: ${(err as Error).message}`);
        }
        const imported = importPlan(text, path.basename(file), year === undefined ? {} : { year });
        if (!imported.ok)
          throw new CliError(
            `${imported.error.file}${imported.error.line ? `:${imported.error.line}` : ''}: ${imported.error.message}`,
          );
        let scenario;
        if (opts.scenario) {
          let raw: unknown;
          try {
            const s = fs.readFileSync(opts.scenario, 'utf8');
            raw = opts.scenario.endsWith('.json') ? JSON.parse(s) : parseYaml(s);
          } catch (err) {
            throw new CliError(`${opts.scenario}: cannot read the scenario: ${(err as Error).message}`);
          }
          const parsed = ScenarioSchema.safeParse(raw);
          if (!parsed.success) {
            throw new CliError(
              `${opts.scenario}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'scenario'}: ${i.message}`).join('; ')}`,
            );
          }
          scenario = parsed.data;
        }
        const calendar = loadCalendar(opts.calendar);
        const testServer = opts.engine === 'temporal' ? ensureTools(['test-server']).testServer : undefined;
        let result;
        try {
          result = await simulatePlan(imported.plan, {
            until: opts.until,
            scenario,
            calendar,
            engine: opts.engine as 'process' | 'temporal',
            testServer,
            onProgress: (m) => process.stderr.write(`simulate: ${m}\n`),
          });
        } catch (err) {
          throw new CliError(`simulate: ${(err as Error).message}`, 1);
        }
        for (const r of result.rejected) process.stderr.write(`simulate: action refused: ${r}\n`);
        if (opts.json) {
          printJson({ events: result.events });
          return;
        }
        process.stdout.write(
          formatTable(
            ['at', 'task', 'unit', 'event', 'level', 'milestone', 'due'],
            result.events.map((e) => [
              e.at.replace('T', ' ').slice(0, 16),
              e.taskRef,
              e.unit,
              e.type,
              e.level,
              e.milestone?.label ?? '',
              e.milestone?.due ?? '',
            ]),
          ) + '\n',
        );
        const count = (t: string) => result.events.filter((e) => e.type === t).length;
        process.stdout.write(
          `\n${result.events.length} events: ${count('ReminderSent')} reminders, ${count('DeadlineMissed')} missed, ${count('TaskEscalated')} escalations, ${count('TaskCompleted')} completed\n`,
        );
      },
    );
}
