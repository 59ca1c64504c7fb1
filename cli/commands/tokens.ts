import type { Command } from 'commander';
import { loadSettings } from '../../config/settings';
import { notFound } from '../../services/errors';
import { withRuntime } from '../../services/runtime';
import { checkBinding, RoleSchema } from '../../services/tokens';
import { CliError, formatTable, printJson } from '../output';
import { asCli } from './cli-support';

/** `dondoc tokens create|list|revoke`: API tokens, stored hashed in NATS KV, printed once at creation. */
export function registerTokenCommands(program: Command): void {
  const tokens = program.command('tokens').description('API tokens (admin, monitor, or unit bound to one unit)');

  tokens
    .command('create')
    .description('create a token and print it once (only its hash is stored)')
    .requiredOption('--role <role>', 'admin, monitor or unit')
    .option('--unit <unitId>', 'the unit a unit token acts for')
    .option('--name <label>', 'a label shown in the audit trail')
    .option('--json', 'print JSON')
    .action((opts: { role: string; unit?: string; name?: string; json?: boolean }) =>
      asCli(async () => {
        const role = RoleSchema.safeParse(opts.role);
        if (!role.success) throw new CliError(`--role: expected admin, monitor or unit, got "${opts.role}"`);
        checkBinding(role.data, opts.unit); // refuse a bad role/unit pair before connecting
        const { token, info } = await withRuntime(loadSettings(), async (rt) =>
          (await rt.tokens()).create({
            role: role.data,
            unitId: opts.unit ?? null,
            ...(opts.name ? { name: opts.name } : {}),
          }),
        );
        if (opts.json) return printJson({ token, ...info });
        process.stdout.write(`${token}\n`);
        process.stderr.write(
          `token ${info.id} (${info.role}${info.unitId ? ` ${info.unitId}` : ''}, "${info.name}"): shown once, store it now\n`,
        );
      }),
    );

  tokens
    .command('list')
    .description('every token (never the secret)')
    .option('--json', 'print JSON')
    .action((opts: { json?: boolean }) =>
      asCli(async () => {
        const list = await withRuntime(loadSettings(), async (rt) => (await rt.tokens()).list());
        if (opts.json) return printJson({ tokens: list });
        process.stdout.write(
          formatTable(
            ['id', 'role', 'unit', 'name', 'created', 'revoked'],
            list.map((t) => [t.id, t.role, t.unitId, t.name, t.createdAt, t.revokedAt]),
          ) + '\n',
        );
      }),
    );

  tokens
    .command('revoke')
    .description('revoke a token (takes effect within 2 seconds)')
    .argument('<id>', 'token id (the 12 hex characters after dd_)')
    .action((id: string) =>
      asCli(async () => {
        const info = await withRuntime(loadSettings(), async (rt) => (await rt.tokens()).revoke(id));
        if (!info) throw notFound(`token ${id}`);
        process.stdout.write(
          `revoked ${info.id} (${info.role}${info.unitId ? ` ${info.unitId}` : ''}) at ${info.revokedAt}\n`,
        );
      }),
    );
}
