/** Read-only figures over the stored calls (the digest's counts). */
import { CallModel } from './models';

/** Calls of a client that started in [from, to). */
export function countCallsBetween(clientId: string, from: Date, to: Date): Promise<number> {
  return CallModel.countDocuments({ clientId, startedAt: { $gte: from, $lt: to } });
}
