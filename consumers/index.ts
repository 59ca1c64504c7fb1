import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Settings } from '../config/settings';
import { loadChannels } from '../notifications/channels';
import { startNotifier, type Notifier } from '../notifications/notifier';
import { startProjector, type Projector } from '../projections/projector';

export interface EventConsumersOptions {
  nc: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
  settings: Pick<Settings, 'NATS_REPLICAS'> & { DONDOC_CHANNELS_FILE?: string | undefined };
}

/**
 * Starts the stream's durable consumers: the projector (task read models in KV) and, when a channels file
 * is configured (DONDOC_CHANNELS_FILE), the notifier. `stop()` finishes in-flight work and stops pulling;
 * the caller drains the connection.
 */
export async function startEventConsumers(o: EventConsumersOptions): Promise<{ stop(): Promise<void> }> {
  const replicas = o.settings.NATS_REPLICAS;
  const projector: Projector = await startProjector({ nc: o.nc, js: o.js, jsm: o.jsm, replicas });
  const channelsFile = o.settings.DONDOC_CHANNELS_FILE ?? process.env.DONDOC_CHANNELS_FILE;
  let notifier: Notifier | null = null;
  if (channelsFile) {
    notifier = await startNotifier({ nc: o.nc, js: o.js, jsm: o.jsm, channels: loadChannels(channelsFile), replicas });
  } else {
    process.stderr.write('consumers: DONDOC_CHANNELS_FILE is not set; reminders and escalations are not delivered\n');
  }
  return {
    async stop() {
      await Promise.all([projector.stop(), notifier?.stop()]);
    },
  };
}
