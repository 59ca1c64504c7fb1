import type { FastifySerializerCompiler } from 'fastify/types/schema';
import { isResponseSerializationError, serializerCompiler } from 'fastify-type-provider-zod';
import type { z } from 'zod';

/**
 * Response serializer: every body is checked against its declared schema (api/route-responses.ts or the
 * route's own `schema.response`). In strict mode a body that does not match is a 500, so tests catch a
 * schema and a handler that disagree; otherwise the mismatch is logged and the body is sent as it is, so a
 * client never loses an answer over a documentation error.
 */
export function responseSerializer(options: {
  strict: boolean;
  onMismatch: (route: string, err: Error) => void;
}): FastifySerializerCompiler<z.ZodType> {
  return (route) => {
    const checked = serializerCompiler(route);
    return (data: unknown) => {
      try {
        return checked(data);
      } catch (err) {
        if (options.strict || !isResponseSerializationError(err)) throw err;
        options.onMismatch(`${route.method} ${route.url}`, err);
        return JSON.stringify(data);
      }
    };
  };
}
