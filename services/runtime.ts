import { Client, Connection } from '@temporalio/client';
import type { Settings } from '../config/settings';
import { connectNats, ensureStreams, type NatsHandles } from '../nats/streams';
import { openProjectionStore, type ProjectionStore } from '../projections/store';
import { PlanRegistry } from './plans';
import { TaskService } from './tasks';
import { TokenStore } from './tokens';
import { logger } from '../config/logger';

/** The connections and services one CLI command uses; open only what the command needs. */
export interface Runtime {
  nats: NatsHandles;
  plans: PlanRegistry;
  client(): Promise<Client>;
  store(): Promise<ProjectionStore>;
  tokens(): Promise<TokenStore>;
  tasks(): Promise<TaskService>;
  close(): Promise<void>;
}

/** Connects to NATS now, and to Temporal and the projections on first use. */
export async function openRuntime(settings: Settings, name = 'dondoc-cli'): Promise<Runtime> {
  const nats = await connectNats(settings.NATS_URL, name);
  for (const w of await ensureStreams(nats.jsm, settings.NATS_REPLICAS, settings.NATS_EVENTS_MAX_BYTES))
    logger(name).warn(w);
  const plans = await PlanRegistry.open(nats.nc, settings.NATS_REPLICAS);
  let connection: Connection | null = null;
  let client: Client | null = null;
  let store: ProjectionStore | null = null;
  let tokens: TokenStore | null = null;
  const rt: Runtime = {
    nats,
    plans,
    async client() {
      if (!client) {
        connection = await Connection.connect({ address: settings.TEMPORAL_ADDRESS });
        client = new Client({ connection, namespace: settings.TEMPORAL_NAMESPACE });
      }
      return client;
    },
    async store() {
      return (store ??= await openProjectionStore(nats.nc, { replicas: settings.NATS_REPLICAS }));
    },
    async tokens() {
      return (tokens ??= await TokenStore.open(nats.nc, { replicas: settings.NATS_REPLICAS }));
    },
    async tasks() {
      return new TaskService({ client: await rt.client(), store: await rt.store(), js: nats.js, plans });
    },
    async close() {
      await store?.close();
      await nats.nc.drain();
      await (connection as Connection | null)?.close();
    },
  };
  return rt;
}

/** Opens a runtime, runs `f`, and always closes it. */
export async function withRuntime<T>(settings: Settings, f: (rt: Runtime) => Promise<T>): Promise<T> {
  const rt = await openRuntime(settings);
  try {
    return await f(rt);
  } finally {
    await rt.close();
  }
}
