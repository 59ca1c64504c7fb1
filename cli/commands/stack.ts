import type { Command } from 'commander';

/** Mirrors stack/demo-plan.ts's default without loading the stack for every command. */
const DEMO_SECONDS_PER_DAY = 8;

/** `dondoc up`: the local stack (Temporal dev server, nats-server, worker, API). */
export function registerStackCommands(program: Command): void {
  program
    .command('up')
    .description(
      'start the local stack on embedded defaults: Temporal dev server, nats-server (JetStream), worker and API',
    )
    .option('--no-sample', 'do not import and start the sample plan')
    .option('--sample <file>', 'the plan to load at start', 'examples/sample-plan.yaml')
    .option('--demo', 'also run a demo plan on a fast clock, with demo actors that submit and approve through the API')
    .option('--demo-plan <file>', 'the demo plan', 'examples/demo-plan.yaml')
    .option('--demo-actors <file>', 'who acts in the demo, and when', 'examples/demo-actors.yaml')
    .option('--demo-speed <seconds>', 'real seconds per day of the demo plan', String(DEMO_SECONDS_PER_DAY))
    .option(
      '--cluster',
      "docker-compose.yml's production topology without Docker: PostgreSQL, Temporal on it, NATS x3 (R3), 2 workers, API",
    )
    .option('--cluster-dir <dir>', 'data directory of --cluster', '.dondoc/cluster')
    .action(
      async (opts: {
        sample: string | false;
        demo?: boolean;
        demoPlan: string;
        demoActors: string;
        demoSpeed: string;
        cluster?: boolean;
        clusterDir: string;
      }) => {
        if (opts.cluster) {
          // eslint-disable-next-line @typescript-eslint/no-require-imports
          const { runCluster } = require('../../stack/cluster') as typeof import('../../stack/cluster');
          await runCluster({ dir: opts.clusterDir });
          return;
        }
        const secondsPerDay = Number(opts.demoSpeed);
        if (!Number.isFinite(secondsPerDay) || secondsPerDay < 0.1 || secondsPerDay > 86_400) {
          process.stderr.write(
            `dondoc up: --demo-speed expects seconds per day between 0.1 and 86400, got ${opts.demoSpeed}\n`,
          );
          process.exitCode = 2;
          return;
        }
        // Loaded on demand (and with require: tsx's CJS hook does not serve dynamic import()) so other commands start fast.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { runStack } = require('../../stack/up') as typeof import('../../stack/up');
        await runStack({
          sample: opts.sample === false ? null : opts.sample,
          demo: opts.demo ? { plan: opts.demoPlan, actors: opts.demoActors, secondsPerDay } : null,
        });
      },
    );
}
