/**
 * Deactivating a client keeps its dedicated numbers claimed (no other client can take them by
 * mistake, and reactivating restores service as it was) while `findClientByNumber` stops serving
 * it: its calls get the "unknown number" treatment. Releasing a number is an explicit PUT/PATCH.
 */
import { getClient, toObjectId, type Client } from '../store/clients';
import { ClientModel } from '../store/models';

export async function setClientActive(id: string, active: boolean): Promise<Client> {
  await getClient(id);
  await ClientModel.updateOne({ _id: toObjectId(id) }, { $set: { active } });
  return getClient(id);
}
