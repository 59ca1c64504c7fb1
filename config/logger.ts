import pino, { type DestinationStream, type Logger } from 'pino';
import { loadSettings } from './settings';

export type { Logger } from 'pino';

/**
 * One logger for every process: pino, to stderr, at DONDOC_LOG_LEVEL. The worker, the API (as Fastify's
 * logger) and the consumers write JSON lines; the CLI (`dondoc …`, `dondoc up`) calls
 * `configureLogging({ format: 'text' })` first so a person reads `<name>: <message>` lines.
 */
export type LogFormat = 'json' | 'text';

let format: LogFormat = 'json';
let root: Logger | undefined;

/** Chooses the form of this process's log lines; call it before the first `logger()` of the process. */
export function configureLogging(opts: { format: LogFormat }): void {
  format = opts.format;
  root = undefined;
}

const WARN = 40;

/** `<name>: [warning: ]<message>[: <error>]`, one line per record, for people. */
function textLine(line: string): string {
  const o = JSON.parse(line) as {
    name?: string;
    level: number;
    msg?: string;
    err?: { stack?: string; message?: string };
  };
  const prefix = o.name ? `${o.name}: ` : '';
  const warn = o.level === WARN ? 'warning: ' : '';
  const err = o.err ? `${o.msg ? ': ' : ''}${o.err.stack ?? o.err.message ?? ''}` : '';
  return `${prefix}${warn}${o.msg ?? ''}${err}\n`;
}

function level(): string {
  try {
    return loadSettings().DONDOC_LOG_LEVEL;
  } catch {
    return 'info'; // the settings error itself is reported where the process loads them
  }
}

function rootLogger(): Logger {
  const destination: DestinationStream =
    format === 'text'
      ? { write: (line: string) => void process.stderr.write(textLine(line)) }
      : pino.destination({ fd: 2, sync: true });
  root ??= pino({ level: level(), base: { pid: process.pid } }, destination);
  return root;
}

/** A logger whose records carry `name` (the component: `worker`, `api`, `dondoc-notifier`…). */
export function logger(name: string): Logger {
  return rootLogger().child({ name });
}
