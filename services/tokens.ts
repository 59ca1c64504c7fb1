import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Kvm, type KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { z } from 'zod';
import type { Actor } from '../domain/events/schemas';
import { ServiceError } from './errors';
import { findUnit } from './units';

/** The KV bucket of API tokens: one record per token id, holding the token's sha256, never the token. */
export const TOKENS_BUCKET = 'dondoc_tokens';

export const RoleSchema = z.enum(['admin', 'monitor', 'unit']);
export type Role = z.infer<typeof RoleSchema>;

export const TokenRecordSchema = z.object({
  id: z.string().regex(/^[a-f0-9]{12}$/),
  name: z.string(),
  role: RoleSchema,
  unitId: z.string().nullable(),
  /** sha256 (hex) of the whole bearer token. */
  hash: z.string().regex(/^[a-f0-9]{64}$/),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});
export type TokenRecord = z.infer<typeof TokenRecordSchema>;
export type TokenInfo = Omit<TokenRecord, 'hash'>;

/** Who an authenticated request acts as. */
export interface Principal {
  tokenId: string;
  name: string;
  role: Role;
  /** The unit a `unit` token acts for; null for admins and monitors. */
  unitId: string | null;
}

export const BOOTSTRAP_TOKEN_ID = 'bootstrap';

// dd_<12 hex id>_<43 base64url chars>: the id finds the record, the whole token is hashed.
const TOKEN_RE = /^dd_([a-f0-9]{12})_[A-Za-z0-9_-]{43}$/;
const CACHE_TTL_MS = 2000;
const CACHE_MAX = 10_000;

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/** The actor recorded on every event an authenticated request causes. */
export function actorOf(p: Principal): Actor {
  return { kind: 'user', id: `${p.name} [${p.tokenId}]`, role: p.role, unitId: p.unitId };
}

/** Checks a role/unit pair: unit tokens need a known unit, other roles take none. */
export function checkBinding(role: Role, unitId: string | null | undefined): string | null {
  if (role === 'unit') {
    if (!unitId) throw new ServiceError('invalid', 'a unit token needs --unit <unitId>');
    if (!findUnit(unitId))
      throw new ServiceError('invalid', `unknown unit ${unitId}; expected an id from the unit directory`);
    return unitId;
  }
  if (unitId) throw new ServiceError('invalid', `a ${role} token is not bound to a unit`);
  return null;
}

/**
 * API tokens, stored hashed in NATS KV and bound to a role (and a unit for unit tokens). Verified records are
 * cached for two seconds, so a revocation takes effect within that time without a KV read per request.
 */
export class TokenStore {
  private readonly cache = new Map<string, { record: TokenRecord | null; at: number }>();
  private readonly bootstrapHash: Buffer | null;

  private constructor(
    private readonly kv: KV,
    bootstrapToken: string | undefined,
  ) {
    this.bootstrapHash = bootstrapToken ? sha256(bootstrapToken) : null;
  }

  /** Opens (creating if needed) the tokens bucket; `bootstrapToken` (DONDOC_ADMIN_TOKEN) is accepted as admin. */
  static async open(
    nc: NatsConnection,
    opts: { replicas?: number; bootstrapToken?: string } = {},
  ): Promise<TokenStore> {
    const kv = await new Kvm(nc).create(TOKENS_BUCKET, { history: 5, replicas: opts.replicas ?? 1 });
    return new TokenStore(kv, opts.bootstrapToken);
  }

  /** Creates a token and returns it once, in clear, with its stored record. */
  async create(input: {
    role: Role;
    unitId?: string | null;
    name?: string;
  }): Promise<{ token: string; info: TokenInfo }> {
    const unitId = checkBinding(input.role, input.unitId);
    const id = randomBytes(6).toString('hex');
    const token = `dd_${id}_${randomBytes(32).toString('base64url')}`;
    const record: TokenRecord = {
      id,
      name: (input.name ?? '').trim().slice(0, 200) || `${input.role}${unitId ? `:${unitId}` : ''}`,
      role: input.role,
      unitId,
      hash: sha256(token).toString('hex'),
      createdAt: new Date().toISOString(),
      revokedAt: null,
    };
    await this.kv.create(id, JSON.stringify(record));
    const { hash: _hash, ...info } = record;
    return { token, info };
  }

  /** Marks a token revoked (kept for the audit trail); null when no such token. */
  async revoke(id: string): Promise<TokenInfo | null> {
    const record = await this.read(id);
    if (!record) return null;
    const revoked = { ...record, revokedAt: record.revokedAt ?? new Date().toISOString() };
    await this.kv.put(id, JSON.stringify(revoked));
    this.cache.delete(id);
    const { hash: _hash, ...info } = revoked;
    return info;
  }

  /** Every token's record, without hashes, oldest first. */
  async list(): Promise<TokenInfo[]> {
    const out: TokenInfo[] = [];
    for await (const key of await this.kv.keys()) {
      const record = await this.read(key);
      if (record) {
        const { hash: _hash, ...info } = record;
        out.push(info);
      }
    }
    return out.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  /** The principal a bearer token stands for, or null when it is unknown, malformed or revoked. */
  async verify(token: string): Promise<Principal | null> {
    const hash = sha256(token);
    if (this.bootstrapHash && timingSafeEqual(hash, this.bootstrapHash)) {
      return { tokenId: BOOTSTRAP_TOKEN_ID, name: 'bootstrap admin', role: 'admin', unitId: null };
    }
    const id = TOKEN_RE.exec(token)?.[1];
    if (!id) return null;
    const record = await this.cached(id);
    if (!record || record.revokedAt !== null) return null;
    if (!timingSafeEqual(hash, Buffer.from(record.hash, 'hex'))) return null;
    return { tokenId: record.id, name: record.name, role: record.role, unitId: record.unitId };
  }

  private async cached(id: string): Promise<TokenRecord | null> {
    const now = Date.now();
    const hit = this.cache.get(id);
    if (hit && now - hit.at < CACHE_TTL_MS) return hit.record;
    const record = await this.read(id);
    if (this.cache.size >= CACHE_MAX) this.cache.clear();
    this.cache.set(id, { record, at: now });
    return record;
  }

  private async read(id: string): Promise<TokenRecord | null> {
    if (!/^[a-f0-9]{12}$/.test(id)) return null;
    const entry = await this.kv.get(id);
    if (!entry || entry.operation !== 'PUT') return null;
    let raw: unknown;
    try {
      raw = entry.json();
    } catch {
      return null;
    }
    const parsed = TokenRecordSchema.safeParse(raw);
    return parsed.success ? parsed.data : null;
  }
}
