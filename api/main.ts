import { loadSettings } from '../config/settings';
import { startApi } from './server';

/** The API process: HTTP on API_HOST:API_PORT, against the configured Temporal and NATS. */
async function main(): Promise<void> {
  const settings = loadSettings();
  const api = await startApi(settings);
  process.stdout.write(`api: listening on ${api.url}\n`);
  const stop = async () => {
    await api.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((err) => {
  process.stderr.write(`api: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
