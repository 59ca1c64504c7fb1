import type { Command } from 'commander';

/** `dondoc up`: the local stack (Temporal dev server, nats-server, worker, API). */
export function registerStackCommands(program: Command): void {
  program
    .command('up')
    .description(
      'start the local stack on embedded defaults: Temporal dev server, nats-server (JetStream), worker and API',
    )
    .option('--no-sample', 'do not import and start the sample plan')
    .option('--sample <file>', 'the plan to load at start', 'examples/sample-plan.yaml')
    .option(
      '--cluster',
      "docker-compose.yml's production topology without Docker: PostgreSQL, Temporal on it, NATS x3 (R3), 2 workers, API",
    )
    .option('--cluster-dir <dir>', 'data directory of --cluster', '.dondoc/cluster')
    .action(async (opts: { sample: string | false; cluster?: boolean; clusterDir: string }) => {
      if (opts.cluster) {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { runCluster } = require('../../stack/cluster') as typeof import('../../stack/cluster');
        await runCluster({ dir: opts.clusterDir });
        return;
      }
      // Loaded on demand (and with require: tsx's CJS hook does not serve dynamic import()) so other commands start fast.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { runStack } = require('../../stack/up') as typeof import('../../stack/up');
      await runStack({ sample: opts.sample === false ? null : opts.sample });
    });
}
