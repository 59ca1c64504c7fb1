import { z } from 'zod';
import { responseSerializer } from '../../../api/serializer';

const route = { schema: z.object({ n: z.number() }), method: 'GET', url: '/n', httpStatus: '200' };

describe('responseSerializer', () => {
  it('sends a body that matches its schema, without undeclared keys', () => {
    const ser = responseSerializer({ strict: true, onMismatch: () => undefined })(route);
    expect(ser({ n: 1, extra: true })).toBe('{"n":1}');
  });

  it('refuses a body that does not match in strict mode (the route answers 500)', () => {
    const ser = responseSerializer({ strict: true, onMismatch: () => undefined })(route);
    expect(() => ser({ n: 'one' })).toThrow(/response doesn't match the schema|schema/i);
  });

  it('logs the mismatch and sends the body as it is otherwise', () => {
    const seen: string[] = [];
    const ser = responseSerializer({ strict: false, onMismatch: (r) => seen.push(r) })(route);
    expect(ser({ n: 'one' })).toBe('{"n":"one"}');
    expect(seen).toEqual(['GET /n']);
  });
});
