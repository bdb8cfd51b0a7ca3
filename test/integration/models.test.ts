import mongoose, { Types } from 'mongoose';
import { ZodError } from 'zod';
import { createClient, findClientByNumber, getClient, updateClient } from '../../src/store/clients';
import { ConflictError } from '../../src/domain/errors';
import { contactId, countContactCall, findContact } from '../../src/store/contacts';
import { AuditEventModel, CallModel, ContactModel, MessageModel, UserModel } from '../../src/store/models';
import { createUser, findUserByEmail, verifyPassword } from '../../src/store/users';
import { useTestDatabase } from '../helpers/db';

useTestDatabase(__filename);

const profile = (numbers: string[], name = 'Cabinet Martin') => ({ name, numbers, timezone: 'Europe/Paris' });

describe('Client', () => {
  it('when created, then defaults are filled and it is found by its dedicated number', async () => {
    const client = await createClient(profile(['+33180000101']));
    expect(client.locale).toBe('fr-FR');
    expect(client.defaultAction).toEqual({ type: 'message' });
    expect(client.createdAt).toBeInstanceOf(Date);
    expect((await findClientByNumber('+33180000101'))?.id).toBe(client.id);
    expect(await findClientByNumber('+33180009999')).toBeNull();
  });

  it('when a second client claims a number already taken, then it is refused with the number named', async () => {
    await createClient(profile(['+33180000201', '+33180000202']));
    await expect(createClient(profile(['+33180000203', '+33180000202'], 'Other'))).rejects.toThrow(
      new ConflictError('number +33180000202 is already assigned to another client'),
    );
    // Nothing half-saved: the other number of the refused client is still free.
    expect(await findClientByNumber('+33180000203')).toBeNull();
    await expect(createClient(profile(['+33180000203'], 'Third'))).resolves.toBeDefined();
  });

  it('when updated with other numbers, then the old ones are released', async () => {
    const client = await createClient(profile(['+33180000301']));
    await updateClient(client.id, profile(['+33180000302'], 'Renamed'));
    expect(await findClientByNumber('+33180000301')).toBeNull();
    expect((await getClient(client.id)).name).toBe('Renamed');
  });

  it('when the profile is invalid, then the error names each field', async () => {
    const error = await createClient({
      name: '',
      numbers: ['0612'],
      timezone: 'Mars/Olympus',
    } as never).catch((e) => e);
    expect(error).toBeInstanceOf(ZodError);
    const paths = (error as ZodError).issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['name', 'numbers.0', 'timezone']));
  });
});

describe('Call', () => {
  it('when a CallSid is stored twice, then the unique index refuses the second', async () => {
    const base = {
      _id: 'CA' + 'a'.repeat(32),
      callSid: 'CA' + 'a'.repeat(32),
      clientId: new Types.ObjectId(),
      from: '+33611',
      to: '+33180',
      startedAt: new Date(),
    };
    const call = await CallModel.create(base);
    expect(call.outcome).toBe('in-progress');
    expect(call.createdAt).toBeInstanceOf(Date);
    await expect(CallModel.create(base)).rejects.toMatchObject({ code: 11000 });
  });

  it('when the outcome is not one we know, then validation says which values are allowed', async () => {
    const error = await CallModel.create({
      _id: 'CA' + 'b'.repeat(32),
      callSid: 'CA' + 'b'.repeat(32),
      clientId: new Types.ObjectId(),
      from: '+33611',
      to: '+33180',
      startedAt: new Date(),
      outcome: 'exploded',
    }).catch((e) => e);
    expect(error).toBeInstanceOf(mongoose.Error.ValidationError);
    expect(error.errors.outcome.message).toMatch(/`exploded` is not a valid enum value/);
  });
});

describe('Message', () => {
  it('when the same call produces its message twice, then only one is kept', async () => {
    const fields = {
      key: 'CA' + 'c'.repeat(32),
      clientId: new Types.ObjectId(),
      callSid: 'CA' + 'c'.repeat(32),
      callerNumber: '+33612345678',
      summary: 'Jean Dupont rappelle pour un devis.',
    };
    const message = await MessageModel.create(fields);
    expect(message.status).toBe('new');
    expect(message.urgent).toBe(false);
    await expect(MessageModel.create(fields)).rejects.toMatchObject({ code: 11000 });
  });

  it('when required fields are missing, then validation names them', async () => {
    const error = await MessageModel.create({ key: 'k1' }).catch((e) => e);
    expect(Object.keys(error.errors).sort()).toEqual(['callSid', 'callerNumber', 'clientId', 'summary']);
  });
});

describe('Contact', () => {
  it('when the same phone is added twice for one client, then refused; for another client, accepted', async () => {
    const clientA = new Types.ObjectId().toString();
    const clientB = new Types.ObjectId().toString();
    const phone = '+33612345678';
    await ContactModel.create({ _id: contactId(clientA, phone), clientId: clientA, phone, name: 'Jean' });
    await expect(
      ContactModel.create({ _id: contactId(clientA, phone), clientId: clientA, phone }),
    ).rejects.toMatchObject({
      code: 11000,
    });
    await expect(
      ContactModel.create({ _id: contactId(clientB, phone), clientId: clientB, phone }),
    ).resolves.toBeDefined();
  });

  it('when a number calls three times, then one contact counts three calls and keeps the name given', async () => {
    const clientId = new Types.ObjectId().toString();
    await countContactCall(clientId, '+33699000000', new Date(1000));
    await countContactCall(clientId, '+33699000000', new Date(2000), 'Léa');
    await countContactCall(clientId, '+33699000000', new Date(3000));
    expect(await findContact(clientId, '+33699000000')).toEqual({
      name: 'Léa',
      calls: 3,
      vip: false,
      blocked: false,
    });
    expect(await findContact(clientId, '+33699000001')).toBeNull();
  });
});

describe('User', () => {
  it('when created, then the password is stored as an Argon2id hash and verifies', async () => {
    await createUser({
      email: 'Alice@Example.com',
      name: 'Alice',
      role: 'assistant',
      password: 'correct horse battery',
    });
    const user = await findUserByEmail('alice@example.com');
    expect(user?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(user!.passwordHash, 'correct horse battery')).toBe(true);
    expect(await verifyPassword(user!.passwordHash, 'wrong')).toBe(false);
  });

  it('when the email is already used, then a conflict names the field', async () => {
    await createUser({ email: 'bob@example.com', name: 'Bob', role: 'admin', password: 'a long passphrase' });
    await expect(
      createUser({ email: 'BOB@example.com', name: 'Bob 2', role: 'admin', password: 'a long passphrase' }),
    ).rejects.toMatchObject({ details: [{ path: 'email', message: 'already in use' }] });
    expect(await UserModel.countDocuments({ email: 'bob@example.com' })).toBe(1);
  });

  it('when the role is unknown, then validation refuses it', async () => {
    await expect(
      createUser({ email: 'c@example.com', name: 'C', role: 'root' as never, password: 'a long passphrase' }),
    ).rejects.toBeInstanceOf(ZodError);
  });
});

describe('AuditEvent', () => {
  it('when recorded, then it is kept with its actor and target', async () => {
    await AuditEventModel.create({
      at: new Date(),
      actor: { type: 'user', id: 'u1', label: 'alice@example.com' },
      action: 'message.view',
      target: { type: 'message', id: 'm1' },
    });
    const events = await AuditEventModel.find({ action: 'message.view' }).lean();
    expect(events).toHaveLength(1);
    expect(events[0]!.actor).toEqual({ type: 'user', id: 'u1', label: 'alice@example.com' });
    await expect(AuditEventModel.create({ at: new Date() })).rejects.toBeInstanceOf(
      mongoose.Error.ValidationError,
    );
  });
});
