import { seedDemo, DEMO_NUMBER } from '../../scripts/lib/seed';
import { ClientModel, MessageModel, UserModel } from '../../src/store/models';
import { findUserByEmail, verifyPassword } from '../../src/store/users';
import { useTestDatabase } from '../helpers/db';

useTestDatabase(__filename);

describe('the demo data of npm run dev', () => {
  it('when seeded twice, then one client, its admin and assistant, and three already-notified messages', async () => {
    const first = await seedDemo();
    const second = await seedDemo();
    expect(second.client.id).toBe(first.client.id);
    expect(first.client.numbers).toEqual([DEMO_NUMBER]);
    expect(await ClientModel.countDocuments()).toBe(1);
    expect(await UserModel.countDocuments()).toBe(2);
    const admin = await findUserByEmail(first.adminEmail);
    expect(await verifyPassword(admin!.passwordHash, first.adminPassword)).toBe(true);
    const messages = await MessageModel.find().lean();
    expect(messages).toHaveLength(3);
    expect(messages.every((m) => m.queuedAt instanceof Date)).toBe(true);
    expect(messages.filter((m) => m.urgent)).toHaveLength(1);
    expect(messages.map((m) => m.summary)).toContain(
      "Message d'Hélène Garnier, à rappeler au 06 77 88 99 00. Objet : Douleur thoracique depuis ce matin. URGENT.",
    );
  });
});
