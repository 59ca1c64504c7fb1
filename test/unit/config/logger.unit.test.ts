import { configureLogging, logger } from '../../../config/logger';

describe('the logger (config/logger.ts)', () => {
  afterEach(() => {
    jest.restoreAllMocks();
    configureLogging({ format: 'json' });
  });

  it('writes `<name>: <message>` lines for people in text form (the CLI)', () => {
    const lines: string[] = [];
    jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => lines.push(String(chunk)) > 0);
    configureLogging({ format: 'text' });
    logger('projections').warn('ignoring malformed record t.x rev 3');
    logger('dondoc up').error('stopping the stack: api gave up');
    logger('dondoc').fatal({ err: new Error('boom') }, 'unexpected error');
    expect(lines[0]).toBe('projections: warning: ignoring malformed record t.x rev 3\n');
    expect(lines[1]).toBe('dondoc up: stopping the stack: api gave up\n');
    expect(lines[2]).toMatch(/^dondoc: unexpected error: Error: boom\n {4}at /);
  });
});
