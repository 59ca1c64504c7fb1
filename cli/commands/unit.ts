import type { Command } from 'commander';
import { loadSettings } from '../../config/settings';
import type { PeriodRate } from '../../projections/store';
import { withRuntime } from '../../services/runtime';
import { formatTable, printJson } from '../output';
import { asCli } from './cli-support';

const pct = (r: number | null) => (r === null ? '-' : `${Math.round(r * 1000) / 10}%`);
const periodRows = (periods: Record<string, PeriodRate>) =>
  Object.entries(periods)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, p]) => [k, p.closed, p.onTime, pct(p.onTimeRate), pct(p.onTimeRateOriginal)]);

/** `dondoc unit scorecard <unitId>`: on-time rates per quarter and year, and the overdue list. */
export function registerUnitCommands(program: Command): void {
  const unit = program.command('unit').description('unit scorecards');
  unit
    .command('scorecard')
    .description('on-time rate per quarter and per year, and the tasks overdue now')
    .argument('<unitId>')
    .option('--json', 'print JSON')
    .action((unitId: string, opts: { json?: boolean }) =>
      asCli(async () => {
        const { scorecard, overdue } = await withRuntime(loadSettings(), async (rt) => {
          const store = await rt.store();
          return { scorecard: store.unitScorecard(unitId), overdue: store.listTasks({ unitId, overdue: true }) };
        });
        if (opts.json) return printJson({ scorecard, overdue });
        const head = ['period', 'closed', 'on time', 'rate', 'rate (original due)'];
        process.stdout.write(
          [
            `${unitId}: ${scorecard.assigned} assigned, ${scorecard.doneOnTime} on time, ${scorecard.doneLate} late, ${scorecard.overdue} overdue; on-time ${pct(scorecard.onTimeRate)}`,
            '',
            formatTable(head, periodRows(scorecard.byYear)),
            '',
            formatTable(head, periodRows(scorecard.byQuarter)),
            '',
            `overdue (${overdue.length}):`,
            formatTable(
              ['workflow', 'due', 'esc', 'title'],
              overdue.map((t) => [t.workflowId, t.nextDue, t.escalationLevel, t.title.slice(0, 50)]),
            ),
          ].join('\n') + '\n',
        );
      }),
    );
}
