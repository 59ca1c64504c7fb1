/** Why a service refused a request; the API maps each code to one HTTP status, the CLI to one message. */
export type ServiceErrorCode = 'invalid' | 'unauthorized' | 'forbidden' | 'not-found' | 'conflict';

/** A refusal the caller can act on (bad input, unknown id, not allowed, wrong state); never a crash. */
export class ServiceError extends Error {
  constructor(
    readonly code: ServiceErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}

/** A 404-style refusal naming what was not found. */
export function notFound(what: string): ServiceError {
  return new ServiceError('not-found', `${what} not found`);
}
