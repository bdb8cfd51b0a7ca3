/**
 * winston logger: JSON lines in production, readable lines in development. Every line carries the
 * request id of the HTTP request it belongs to (from AsyncLocalStorage) and has phone numbers masked.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import winston from 'winston';
import { maskDeep, maskPhoneNumbers } from './phone-mask';

export type LogContext = { requestId?: string; callSid?: string; jobId?: string };
export const logContext = new AsyncLocalStorage<LogContext>();

const SPLAT = Symbol.for('splat');

const maskAndContextualise = winston.format((info) => {
  const ctx = logContext.getStore();
  if (ctx)
    for (const [k, v] of Object.entries(ctx)) if (v !== undefined && info[k] === undefined) info[k] = v;
  for (const key of Object.keys(info)) {
    if (key === 'level' || key === 'timestamp') continue;
    info[key] = maskDeep(info[key]);
  }
  if (typeof info.message === 'string') info.message = maskPhoneNumbers(info.message);
  delete (info as Record<symbol, unknown>)[SPLAT];
  return info;
});

const readableLine = winston.format.printf((info) => {
  const { level, message, timestamp, requestId, ...rest } = info;
  const meta = Object.keys(rest).length ? ` ${JSON.stringify(rest)}` : '';
  const rid = requestId ? ` [${String(requestId)}]` : '';
  return `${String(timestamp)} ${level}${rid} ${String(message)}${meta}`;
});

export type LoggerOptions = {
  level: string;
  /** JSON lines for log collectors; readable lines for people. */
  json: boolean;
  /** Extra fields on every line, e.g. `{ service: 'worker' }`. */
  defaultMeta?: Record<string, unknown>;
  /** Where lines go; defaults to stdout. Tests pass a stream to read them back. */
  stream?: NodeJS.WritableStream;
};

export function createLogger(options: LoggerOptions): winston.Logger {
  const format = options.json
    ? winston.format.combine(winston.format.timestamp(), maskAndContextualise(), winston.format.json())
    : winston.format.combine(
        winston.format.timestamp({ format: 'HH:mm:ss.SSS' }),
        maskAndContextualise(),
        winston.format.colorize(),
        readableLine,
      );
  const transport = options.stream
    ? new winston.transports.Stream({ stream: options.stream })
    : new winston.transports.Console();
  return winston.createLogger({
    level: options.level,
    format,
    defaultMeta: options.defaultMeta,
    transports: [transport],
  });
}

export type Logger = winston.Logger;
