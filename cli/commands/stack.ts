import type { Command } from 'commander';

/** `dondoc up`: the local stack (Temporal dev server, nats-server, worker, API). */
export function registerStackCommands(program: Command): void {
  program
    .command('up')
    .description('start the local stack on embedded defaults: Temporal dev server, nats-server (JetStream), worker and API')
    .option('--no-sample', 'do not import and start the sample plan')
    .option('--sample <file>', 'the plan to load at start', 'examples/sample-plan.yaml')
    .action(async (opts: { sample: string | false }) => {
      const { runStack } = await import('../../stack/up');
      await runStack({ sample: opts.sample === false ? null : opts.sample });
    });
}
