/**
 * Process metrics in Prometheus text format: CPU seconds and memory (prom-client's defaults), MongoDB
 * commands by name, Redis round trips by connection. One registry per process; every hook is
 * idempotent, so a test may start the web app many times in one process.
 */
import { Redis } from 'ioredis';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

type Metrics = {
  registry: Registry;
  mongoCommands: Counter<'command'>;
  redisRoundTrips: Counter<'connection' | 'command'>;
  appointmentWrites: Histogram;
};

let metrics: Metrics | undefined;

function ensureMetrics(): Metrics {
  if (metrics) return metrics;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  metrics = {
    registry,
    mongoCommands: new Counter({
      name: 'receptionist_mongodb_commands_total',
      help: 'MongoDB commands sent by this process (driver command monitoring), by command name',
      labelNames: ['command'],
      registers: [registry],
    }),
    redisRoundTrips: new Counter({
      name: 'receptionist_redis_round_trips_total',
      help: 'Redis round trips of this process: one per command, one per pipeline or MULTI',
      labelNames: ['connection', 'command'],
      registers: [registry],
    }),
    appointmentWrites: new Histogram({
      name: 'receptionist_appointment_booking_seconds',
      help: 'Time from a booking request (a caller pressing 1 to confirm, a form, the API) to its calendar write',
      buckets: [0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 5],
      registers: [registry],
    }),
  };
  return metrics;
}

/** The Prometheus text of every metric of this process, and its content type. */
export async function metricsText(): Promise<{ contentType: string; body: string }> {
  const { registry } = ensureMetrics();
  return { contentType: registry.contentType, body: await registry.metrics() };
}

/** Counts one MongoDB command (the store reports each one it sends, by driver command monitoring). */
export function countMongoCommand(commandName: string): void {
  ensureMetrics().mongoCommands.inc({ command: commandName });
}

type SendCommand = (
  this: Redis,
  command: { name: string },
  stream?: { isPipeline?: boolean },
  ...rest: unknown[]
) => unknown;

let redisPatched = false;

/**
 * Counts the Redis round trips of every ioredis client of this process, BullMQ's included.
 *
 * ioredis 5 sends everything through `Redis.prototype.sendCommand(command, stream)`: a plain command
 * comes alone; the commands of a pipeline or MULTI come one by one with the same `stream` object
 * (`isPipeline: true`), which buffers them and writes them in one go. So one count per first-seen
 * command or pipeline stream is one count per round trip; the WeakSet also keeps a command that
 * waited in the offline queue, and is sent through `sendCommand` again, from counting twice. (The
 * `ioredis:command` diagnostics channel cannot tell a pipeline from single commands.)
 */
export function instrumentRedis(): void {
  const { redisRoundTrips } = ensureMetrics();
  if (redisPatched) return;
  redisPatched = true;
  const proto = Redis.prototype as unknown as { sendCommand: SendCommand };
  const original = proto.sendCommand;
  const seen = new WeakSet<object>();
  proto.sendCommand = function (command, stream, ...rest) {
    const unit = stream?.isPipeline ? stream : command;
    if (!seen.has(unit)) {
      seen.add(unit);
      const name = unit === command ? command.name : command.name === 'multi' ? 'multi' : 'pipeline';
      redisRoundTrips.inc({ connection: connectionLabel(this), command: name });
    }
    return original.call(this, command, stream, ...rest);
  };
}

/** The client's `connectionName`; BullMQ's `bull:<base64 queue name>` decoded; ours are `app`. */
function connectionLabel(redis: Redis): string {
  const name = redis.options.connectionName;
  if (!name) return 'app';
  const bull = /^bull:([A-Za-z0-9+/=]+)(.*)$/.exec(name);
  return bull ? `bullmq:${Buffer.from(bull[1]!, 'base64').toString('utf8')}${bull[2]}` : name;
}

/** One booking's time from its request to the calendar write (ms). */
export function observeAppointmentWrite(ms: number): void {
  ensureMetrics().appointmentWrites.observe(ms / 1000);
}
