/** The MongoDB connection (MongoDB 7 in production, FerretDB locally) and its readiness probe. */
import mongoose from 'mongoose';
import { ALL_MODELS } from './models';
import { withTimeout } from './timeout';

/** Re-exported for modules that still import it from here; it lives in the mongoose-free ./timeout. */
export { withTimeout };

export type ConnectOptions = {
  /** Told the name of every command the driver sends (driver command monitoring), e.g. for metrics. */
  onCommand?: (commandName: string) => void;
};

const monitoredClients = new WeakSet<object>();

export async function connectMongo(uri: string, options: ConnectOptions = {}): Promise<typeof mongoose> {
  mongoose.set('strictQuery', true);
  await mongoose.connect(uri, {
    serverSelectionTimeoutMS: 5000,
    maxPoolSize: 20,
    // Connections copy the client's options when created: monitoring must be on from the start.
    ...(options.onCommand ? { monitorCommands: true } : {}),
  });
  const client = mongoose.connection.getClient();
  if (options.onCommand && !monitoredClients.has(client)) {
    monitoredClients.add(client);
    const onCommand = options.onCommand;
    client.on('commandStarted', (event) => onCommand(event.commandName));
  }
  // Index builds are part of start-up: a duplicate dedicated number must fail from the first call on.
  await Promise.all(ALL_MODELS.map((m) => m.init()));
  return mongoose;
}

export async function pingMongo(timeoutMs = 1000): Promise<void> {
  const db = mongoose.connection.db;
  if (!db || mongoose.connection.readyState !== 1) throw new Error('not connected');
  await withTimeout(db.command({ ping: 1 }), timeoutMs);
}

export async function disconnectMongo(): Promise<void> {
  await mongoose.disconnect();
}
