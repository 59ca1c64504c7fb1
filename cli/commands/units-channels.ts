import type { Command } from 'commander';
import { loadSettings } from '../../config/settings';
import { describeChange, DirectoryChangeError, DirectoryDocumentError } from '../../domain/units';
import { loadChannels } from '../../notifications/channels';
import { importChannels } from '../../notifications/directory-channels';
import { openDirectoryStoreForCommand } from '../../services/directory-backend';
import { CliError, printJson } from '../output';
import { operatorPrincipal } from './cli-support';

/**
 * `dondoc units channels import <file>`: a channels file (JSON or YAML, the format of notifications/channels.ts) is
 * one more import format of the directory: each unit's channels are written into its directory record as an
 * audited ChannelsChanged change, which is what the notifier reads.
 */
export function registerUnitsChannelsCommands(units: Command): void {
  const channels = units.command('channels').description('where units receive reminders and escalations');
  channels
    .command('import')
    .description("write a channels file's e-mails and webhooks into the directory records (audited changes)")
    .argument('<file>', 'channels file (.json, .yaml)')
    .option('--directory <id>', 'the directory holding the units (repeatable; default: every stored one)', collect)
    .option('--json', 'print JSON')
    .action(async (file: string, o: { directory?: string[]; json?: boolean }) => {
      const config = (() => {
        try {
          return loadChannels(file, { requireSmtp: false });
        } catch (err) {
          throw new CliError((err as Error).message);
        }
      })();
      const { store, close } = await openDirectoryStoreForCommand(loadSettings());
      try {
        const done = await importChannels(store, config, operatorPrincipal().name, {
          source: file,
          ...(o.directory ? { directoryIds: o.directory } : {}),
        });
        if (o.json) return printJson({ store: store.location, ...done });
        for (const c of done.changes) process.stderr.write(`${c.directoryId}: ${describeChange(c.change)}\n`);
        process.stdout.write(
          `${done.changes.length} units' channels written to ${store.location}; ${done.unchanged.length} unchanged\n`,
        );
      } catch (err) {
        if (err instanceof DirectoryDocumentError || err instanceof DirectoryChangeError || err instanceof Error)
          throw new CliError(err.message);
        throw err;
      } finally {
        await close();
      }
    });
}

const collect = (v: string, prev: string[] = []) => [...prev, v];
