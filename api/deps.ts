import type { JetStreamClient } from '@nats-io/jetstream';
import type { Client } from '@temporalio/client';
import type { WorkingCalendar } from '../domain/calendar/types';
import type { ProjectionStore } from '../projections/store';
import type { DirectoryHistoryStore } from '../services/directory-store';
import type { PlanRegistry } from '../services/plans';
import type { TaskService } from '../services/tasks';
import type { TokenStore } from '../services/tokens';

/** Everything the HTTP app needs; tests build it with real connections. */
export interface ApiDeps {
  client: Client;
  plans: PlanRegistry;
  store: ProjectionStore;
  js: JetStreamClient;
  tokens: TokenStore;
  calendar: WorkingCalendar;
  /**
   * Where unit directories are stored and edited: the store services/directory-backend.ts opens (NATS or file), the
   * same one the CLI and the worker use (default: the data directory's file store).
   */
  directories?: DirectoryHistoryStore;
  /** Task queue plans are started on (default dondoc's). */
  taskQueue?: string;
  bodyLimit?: number;
  rateLimit?: { max: number; windowMs: number };
  /** Whether an answer that does not match its declared schema is a 500 (default: DONDOC_STRICT_RESPONSES, or NODE_ENV=test). */
  strictResponses?: boolean;
  /** Where unexpected (500) errors are reported; default stderr. */
  logError?: (err: unknown) => void;
}

/** The dependencies plus the services built from them. */
export interface ApiContext extends ApiDeps {
  tasks: TaskService;
}
