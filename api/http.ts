import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { z, ZodError } from 'zod';
import { ServiceError, type ServiceErrorCode } from '../services/errors';
import type { Principal, Role } from '../services/tokens';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who the request acts as; set by the auth hook on every authenticated route. */
    principal: Principal | null;
  }
}

/** The body of every error response. */
export const ErrorSchema = z.object({
  statusCode: z.number().int(),
  error: z.string(),
  message: z.string(),
  issues: z.array(z.looseObject({})).optional(),
  details: z.unknown().optional(),
});
export type ErrorBody = z.infer<typeof ErrorSchema>;

const STATUS: Record<ServiceErrorCode, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
};

const REASON: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  413: 'Payload Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
};

/** Builds an error body with the conventional reason phrase. */
export function errorBody(statusCode: number, message: string, extra: Partial<ErrorBody> = {}): ErrorBody {
  return { statusCode, error: REASON[statusCode] ?? 'Error', message, ...extra };
}

const zodIssues = (issues: readonly z.core.$ZodIssue[]) =>
  issues.map((i) => ({ path: i.path.map(String), code: i.code, message: i.message }));

/** Maps any thrown value to a status and body: validation 400, refusals 4xx, everything unexpected 500. */
export function toErrorResponse(err: unknown): ErrorBody {
  if (typeof err !== 'object' || err === null) return errorBody(500, 'unexpected error');
  if (hasZodFastifySchemaValidationErrors(err)) {
    const issues = err.validation.map((v) => ({
      path: [err.validationContext ?? 'request', ...String(v.instancePath).split('/').filter(Boolean)],
      code: String((v.params.issue as { code?: unknown } | undefined)?.code ?? 'invalid'),
      message: v.message ?? 'invalid',
    }));
    return errorBody(
      400,
      `invalid ${err.validationContext ?? 'request'}: ${issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      {
        issues,
      },
    );
  }
  if (err instanceof ZodError) {
    const issues = zodIssues(err.issues);
    return errorBody(
      400,
      `invalid body: ${issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
      {
        issues: issues.map((i) => ({ ...i, path: ['body', ...i.path] })),
      },
    );
  }
  if (err instanceof ServiceError) {
    return errorBody(STATUS[err.code], err.message, err.details === undefined ? {} : { details: err.details });
  }
  if (isResponseSerializationError(err)) return errorBody(500, 'the response did not match its schema');
  const status = (err as { statusCode?: unknown } | null)?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const message = (err as { message?: unknown }).message;
    return errorBody(status, typeof message === 'string' && message ? message : (REASON[status] ?? 'request refused'));
  }
  return errorBody(500, 'unexpected error');
}

/** Installs the one central error handler and the JSON 404 for unknown routes. */
export function installErrorHandling(app: FastifyInstance, log: (err: unknown, req: FastifyRequest) => void): void {
  app.setErrorHandler((err, req, reply) => {
    const body = toErrorResponse(err);
    if (body.statusCode >= 500) log(err, req);
    const retryAfter = (err as { headers?: Record<string, unknown> } | null)?.headers?.['retry-after'];
    if (retryAfter !== undefined) void reply.header('retry-after', String(retryAfter));
    return reply.code(body.statusCode).type('application/json').send(body);
  });
  app.setNotFoundHandler((req, reply) =>
    reply.code(404).send(errorBody(404, `no route ${req.method} ${req.url.split('?')[0]?.slice(0, 200) ?? ''}`)),
  );
}

/** The request's principal; the auth hook guarantees one on API routes. */
export function principalOf(req: FastifyRequest): Principal {
  if (!req.principal) throw new ServiceError('unauthorized', 'missing bearer token');
  return req.principal;
}

/** Refuses (403) unless the principal has one of `roles`. */
export function requireRole(req: FastifyRequest, ...roles: Role[]): Principal {
  const p = principalOf(req);
  if (!roles.includes(p.role))
    throw new ServiceError('forbidden', `this needs a ${roles.join(' or ')} token; yours is ${p.role}`);
  return p;
}

/** Sends `body` with a status code (typed helper for 201/202). */
export function sendWith(reply: FastifyReply, status: number, body: unknown): FastifyReply {
  return reply.code(status).send(body);
}
