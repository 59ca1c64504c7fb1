import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Settings } from '../config/settings';
import { loadChannels } from '../notifications/channels';
import { directoryChannels, importChannels } from '../notifications/directory-channels';
import { startNotifier, type Notifier } from '../notifications/notifier';
import { startProjector, type Projector } from '../projections/projector';
import { followDirectories, openDirectoryStore } from '../services/directory-backend';
import { logger } from '../config/logger';

export interface EventConsumersOptions {
  nc: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
  settings: Pick<Settings, 'NATS_REPLICAS'> &
    Partial<
      Pick<
        Settings,
        'DONDOC_DIRECTORY_STORE' | 'DONDOC_DATA_DIR' | 'DONDOC_SMTP_URL' | 'DONDOC_SMTP_FROM' | 'DONDOC_CHANNELS_FILE'
      >
    >;
}

/**
 * Starts the stream's durable consumers: the projector (task read models in KV) and the notifier, which delivers
 * reminders and escalations to the channels recorded in the stored unit directories. DONDOC_CHANNELS_FILE is
 * deprecated: when set, its units' channels are imported into the directories at start (audited changes by
 * `channels-file`), and its smtp section is used when DONDOC_SMTP_URL is not set. `stop()` finishes in-flight work
 * and stops pulling; the caller drains the connection.
 */
export async function startEventConsumers(o: EventConsumersOptions): Promise<{ stop(): Promise<void> }> {
  const replicas = o.settings.NATS_REPLICAS;
  const projector: Projector = await startProjector({ nc: o.nc, js: o.js, jsm: o.jsm, replicas });
  const store = await openDirectoryStore(
    {
      DONDOC_DIRECTORY_STORE: o.settings.DONDOC_DIRECTORY_STORE ?? 'auto',
      DONDOC_DATA_DIR: o.settings.DONDOC_DATA_DIR ?? '.dondoc/data',
      NATS_REPLICAS: replicas,
    },
    o,
  );
  let smtp =
    o.settings.DONDOC_SMTP_URL && o.settings.DONDOC_SMTP_FROM
      ? { url: o.settings.DONDOC_SMTP_URL, from: o.settings.DONDOC_SMTP_FROM }
      : undefined;
  const channelsFile = o.settings.DONDOC_CHANNELS_FILE;
  if (channelsFile) {
    const config = loadChannels(channelsFile, { requireSmtp: !smtp });
    smtp ??= config.smtp;
    const done = await importChannels(store, config, 'channels-file', { source: channelsFile, unknown: 'skip' });
    logger('consumers').warn(
      `DONDOC_CHANNELS_FILE is deprecated (use dondoc units channels import): ${done.changes.length} units' channels written to ${store.location}, ${done.unchanged.length} unchanged` +
        (done.unknown.length ? `; not in any directory, so not delivered to: ${done.unknown.join(', ')}` : ''),
    );
  }
  // Activities (period reports) resolve units in this process: load the stored directories and follow their changes.
  const followed = await followDirectories(store, o.nc);
  const channels = directoryChannels(store);
  await channels.refresh();
  const notifier: Notifier = await startNotifier({
    nc: o.nc,
    js: o.js,
    jsm: o.jsm,
    channelsOf: (unitId) => channels.channelsOf(unitId),
    ...(smtp ? { smtp } : {}),
    replicas,
  });
  return {
    async stop() {
      followed.stop();
      await Promise.all([projector.stop(), notifier.stop()]);
    },
  };
}
