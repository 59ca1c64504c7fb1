import type { FastifyReply, FastifyRequest } from 'fastify';
import { ServiceError } from '../services/errors';
import type { TokenStore } from '../services/tokens';

/** Extracts the token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const m = /^Bearer\s+(\S{1,512})\s*$/i.exec(header);
  return m ? m[1]! : null;
}

/**
 * SSE only: EventSource cannot send headers, so `GET /events/stream?access_token=<token>` is accepted there
 * (and nowhere else, since URLs end up in logs and histories).
 */
export function sseQueryToken(req: FastifyRequest): string | null {
  if (req.method !== 'GET' || req.routeOptions.url !== '/events/stream') return null;
  const v = (req.query as { access_token?: unknown } | undefined)?.access_token;
  return typeof v === 'string' && /^\S{1,512}$/.test(v) ? v : null;
}

/** An onRequest hook that authenticates the bearer token (401 without a valid one) and sets `req.principal`. */
export function authenticate(tokens: TokenStore) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const token = bearerToken(req.headers.authorization) ?? sseQueryToken(req);
    if (!token) {
      void reply.header('www-authenticate', 'Bearer realm="dondoc"');
      throw new ServiceError('unauthorized', 'missing bearer token: send Authorization: Bearer <token>');
    }
    const principal = await tokens.verify(token);
    if (!principal) {
      void reply.header('www-authenticate', 'Bearer realm="dondoc", error="invalid_token"');
      throw new ServiceError('unauthorized', 'unknown or revoked token');
    }
    req.principal = principal;
  };
}
