import { Kvm, type KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { kvToken } from '../projections/keys';
import type { NoticeType } from './notices';

/** KV bucket with one record per delivery (event × recipient unit × channel). */
export const DELIVERIES_BUCKET = 'dondoc_deliveries';

export type DeliveryStatus = 'delivered' | 'retrying' | 'failed';

/** What the store holds for one delivery; failures stay visible here. */
export interface DeliveryRecord {
  deliveryId: string;
  /** The event's id, or `report:<reportId>` for a period report. */
  eventId: string;
  eventType: NoticeType | 'ReportGenerated';
  /** The task the notice is about; absent for reports. */
  workflowId?: string;
  unitId: string;
  channel: 'webhook' | 'email';
  target: string;
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  updatedAt: string;
  deliveredAt: string | null;
}

/** One delivery: what is sent (an event or report id), to which unit, over which channel (`webhook:<url>`). */
export interface DeliveryTarget {
  eventId: string;
  unitId: string;
  /** `<channel>:<target>`, e.g. `email:vanthu@u1.example.gov.vn`. */
  channel: string;
}

/** A delivery as read: its id, its record (null before the first attempt) and the version the record was read at. */
export interface StoredDelivery {
  deliveryId: string;
  record: DeliveryRecord | null;
  revision: number | null;
}

/** The deduplication key (and delivery id) of a delivery: event, recipient unit and channel target. */
export function deliveryKey(eventId: string, unitId: string, channel: string): string {
  return `d.${kvToken(eventId)}.${kvToken(unitId)}.${kvToken(channel)}`;
}

/**
 * Where the notifier and the report mailer record their deliveries, so a redelivered event or a retried report
 * sends nothing twice. Callers deal in deliveries; the bucket and its keys stay here.
 */
export class DeliveryStore {
  private constructor(private readonly kv: KV) {}

  static async open(nc: NatsConnection, opts: { bucket?: string; replicas?: number } = {}): Promise<DeliveryStore> {
    const kv = await new Kvm(nc).create(opts.bucket ?? DELIVERIES_BUCKET, { history: 5, replicas: opts.replicas ?? 1 });
    return new DeliveryStore(kv);
  }

  /** Reads a delivery; its record is null before the first attempt. */
  async read(t: DeliveryTarget): Promise<StoredDelivery> {
    const deliveryId = deliveryKey(t.eventId, t.unitId, t.channel);
    const entry = await this.kv.get(deliveryId);
    if (!entry || entry.operation !== 'PUT') return { deliveryId, record: null, revision: entry?.revision ?? null };
    return { deliveryId, record: entry.json<DeliveryRecord>(), revision: entry.revision };
  }

  /** The record of a delivery, or null. */
  async get(t: DeliveryTarget): Promise<DeliveryRecord | null> {
    return (await this.read(t)).record;
  }

  /**
   * Records an attempt made after reading `prev`: false (and nothing written) when another writer recorded the
   * delivery in between, whose record then stands.
   */
  async save(prev: StoredDelivery, record: DeliveryRecord): Promise<boolean> {
    try {
      if (prev.revision !== null) await this.kv.update(prev.deliveryId, JSON.stringify(record), prev.revision);
      else await this.kv.create(prev.deliveryId, JSON.stringify(record));
      return true;
    } catch {
      return false;
    }
  }

  /** Records an attempt whatever was recorded before (a report's retries are serialised by its workflow). */
  async replace(record: DeliveryRecord): Promise<void> {
    await this.kv.put(record.deliveryId, JSON.stringify(record));
  }
}
