import { loadSettings } from '../config/settings';
import { startApi } from './server';
import { logger } from '../config/logger';

const log = logger('api');

/** The API process: HTTP on API_HOST:API_PORT, against the configured Temporal and NATS. */
async function main(): Promise<void> {
  const settings = loadSettings();
  const api = await startApi(settings);
  process.stdout.write(`api: listening on ${api.url}\n`);
  // Ctrl-C in a terminal signals the whole process group: `dondoc up` forwards a SIGTERM on top of the
  // SIGINT the API got itself. Close once; a second signal waits for the same close.
  let closing: Promise<void> | undefined;
  const stop = async () => {
    closing ??= api.close();
    try {
      await closing;
      process.exit(0);
    } catch (err) {
      log.error({ err }, 'while closing');
      process.exit(1);
    }
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((err) => {
  log.fatal({ err }, 'stopped');
  process.exit(1);
});
