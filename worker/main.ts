import { NativeConnection } from '@temporalio/worker';
import { loadSettings } from '../config/settings';
import { loadCalendarFile } from '../config/calendar';
import { connectNats, ensureStreams } from '../nats/streams';
import { startEventConsumers } from '../consumers';
import { loadChannels } from '../notifications/channels';
import { createDondocWorker } from './worker';
import { workerTuning } from './tuning';
import { logger } from '../config/logger';

const log = logger('worker');

/** The worker process: connects to Temporal and NATS, ensures the streams, and runs until SIGINT/SIGTERM. */
export async function runWorker(): Promise<void> {
  const settings = loadSettings();
  const nats = await connectNats(settings.NATS_URL, 'dondoc-worker');
  for (const w of await ensureStreams(nats.jsm, settings.NATS_REPLICAS, settings.NATS_EVENTS_MAX_BYTES)) log.warn(w);
  const consumers = await startEventConsumers({ ...nats, settings });
  const connection = await NativeConnection.connect({ address: settings.TEMPORAL_ADDRESS });
  const calendar = loadCalendarFile(settings.DONDOC_CALENDAR_FILE);
  const channelsFile = settings.DONDOC_CHANNELS_FILE;
  const worker = await createDondocWorker({
    connection,
    namespace: settings.TEMPORAL_NAMESPACE,
    taskQueue: settings.TEMPORAL_TASK_QUEUE,
    js: nats.js,
    calendar,
    tuning: workerTuning(settings),
    reports: {
      nc: nats.nc,
      calendar,
      dataDir: settings.DONDOC_DATA_DIR,
      channels: channelsFile ? loadChannels(channelsFile) : null,
      replicas: settings.NATS_REPLICAS,
    },
  });
  process.stdout.write(
    `worker: polling task queue '${settings.TEMPORAL_TASK_QUEUE}' on ${settings.TEMPORAL_ADDRESS} (namespace ${settings.TEMPORAL_NAMESPACE}); events to ${settings.NATS_URL}\n`,
  );
  await worker.run();
  await consumers.stop();
  await connection.close();
  await nats.nc.drain();
}

if (require.main === module) {
  runWorker().catch((err) => {
    log.fatal({ err }, 'stopped');
    process.exit(1);
  });
}
