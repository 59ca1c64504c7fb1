import Fastify, { type FastifyInstance } from 'fastify';
import { Client, Connection } from '@temporalio/client';
import type { Settings } from '../config/settings';
import { connectNats } from '../nats/streams';
import { PlanRegistry } from '../services/plans';

export interface ApiDeps {
  client: Client;
  plans: PlanRegistry;
}

/** Builds the HTTP app around its dependencies (tests call this with real connections and use app.inject()). */
export async function buildApp(deps: ApiDeps): Promise<FastifyInstance> {
  const app = Fastify({ logger: false, bodyLimit: 5 * 1024 * 1024 });
  app.get('/health', async () => ({ ok: true }));
  app.get('/plans', async () => ({ plans: await deps.plans.list() }));
  return app;
}

/** Connects to Temporal and NATS and serves the API until closed. */
export async function startApi(settings: Settings): Promise<{ url: string; close(): Promise<void> }> {
  const connection = await Connection.connect({ address: settings.TEMPORAL_ADDRESS });
  const client = new Client({ connection, namespace: settings.TEMPORAL_NAMESPACE });
  const nats = await connectNats(settings.NATS_URL, 'dondoc-api');
  const plans = await PlanRegistry.open(nats.nc, settings.NATS_REPLICAS);
  const app = await buildApp({ client, plans });
  const url = await app.listen({ host: settings.API_HOST, port: settings.API_PORT });
  return {
    url,
    async close() {
      await app.close();
      await nats.nc.drain();
      await connection.close();
    },
  };
}
