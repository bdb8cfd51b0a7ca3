/**
 * The settings diff as people read it, in French and English: microdiff's leaves widened to
 * readable units, then rendered with the form's labels, hours, phone numbers and rules in words;
 * secrets never valued.
 */
import { settingsChanges } from '../../../src/app/settings-diff';
import { clientProfileSchema, type ClientProfileInput } from '../../../src/flow/profile';
import {
  changeSummary,
  readableChanges,
  settingLabel,
  type DiffContext,
} from '../../../src/web/admin/settings-changes-text';

const base: ClientProfileInput = {
  name: 'Cabinet Martin',
  numbers: ['+33180000701'],
  weeklyHours: { mon: [{ start: '09:00', end: '12:00' }] },
  vipNumbers: ['+33620000701'],
  transferTargets: [{ name: 'Dr Martin', number: '+33620000702' }],
  rules: [{ name: 'VIP', when: { caller: 'vip' }, then: { type: 'transfer' } }],
  notifications: {
    webhook: { enabled: true, url: 'https://hooks.example.com/a', secret: 'first-secret-0123456789' },
  },
};
const snapshot = (input: ClientProfileInput) => ({ ...clientProfileSchema.parse(input), active: true });
const fr: DiffContext = { lang: 'fr', subject: 'client', timeZone: 'Europe/Paris' };
const en: DiffContext = { lang: 'en', subject: 'client', timeZone: 'Europe/Paris' };

const diffOf = (after: ClientProfileInput) => settingsChanges(snapshot(base), snapshot(after));

describe('settings diff: readable units', () => {
  it('when a day gains a shift, then the change is that day, with the whole day before and after', () => {
    const changes = diffOf({
      ...base,
      weeklyHours: {
        mon: [
          { start: '09:00', end: '12:00' },
          { start: '14:00', end: '18:00' },
        ],
      },
    });
    expect(changes).toEqual([
      {
        path: 'weeklyHours.mon',
        kind: 'CHANGE',
        before: [{ start: '09:00', end: '12:00' }],
        after: [
          { start: '09:00', end: '12:00' },
          { start: '14:00', end: '18:00' },
        ],
      },
    ]);
    expect(readableChanges(changes, fr)).toEqual([
      {
        label: 'Horaires d’ouverture',
        kind: 'changed',
        before: 'lundi\u00a0: 9 h – 12 h',
        after: 'lundi\u00a0: 9 h – 12 h, 14 h – 18 h',
      },
    ]);
    expect(readableChanges(changes, en)[0]).toMatchObject({
      label: 'Opening hours',
      before: 'Monday: 9 AM – noon',
      after: 'Monday: 9 AM – noon, 2 PM – 6 PM',
    });
  });

  it('when a day closes, then it reads "fermé" / "closed"', () => {
    const changes = diffOf({ ...base, weeklyHours: {} });
    expect(readableChanges(changes, fr)[0]!.after).toBe('lundi\u00a0: fermé');
    expect(readableChanges(changes, en)[0]!.after).toBe('Monday: closed');
  });

  it('when list items are added and removed, then each is a row of its own, numbers as phone numbers', () => {
    const changes = diffOf({ ...base, vipNumbers: ['+33620000703'], urgencyKeywords: ['fuite'] });
    expect(changes.map((c) => c.path).sort()).toEqual(['urgencyKeywords', 'vipNumbers']);
    expect(readableChanges(changes, fr)).toEqual(
      expect.arrayContaining([
        { label: 'Numéros VIP', kind: 'removed', before: '+33 6 20 00 07 01', after: '' },
        { label: 'Numéros VIP', kind: 'added', before: '', after: '+33 6 20 00 07 03' },
        { label: 'Mots d’urgence', kind: 'added', before: '', after: 'fuite' },
      ]),
    );
  });

  it('when a rule changes and another is added, then each reads in words, matched by name', () => {
    const changes = diffOf({
      ...base,
      rules: [
        { name: 'VIP', when: { caller: 'vip', open: false }, then: { type: 'message' } },
        {
          name: 'Midi',
          when: { timeWindow: { days: ['mon', 'tue'], start: '12:00', end: '14:00' } },
          then: { type: 'say', text: 'Nous déjeunons.', thenMenu: false },
        },
      ],
    });
    expect(readableChanges(changes, fr)).toEqual([
      {
        label: 'Règle «\u00a0VIP\u00a0»',
        kind: 'changed',
        before: 'Si appelant VIP\u00a0: transférer',
        after: 'Si fermé et appelant VIP\u00a0: prendre un message',
      },
      {
        label: 'Règle «\u00a0Midi\u00a0»',
        kind: 'added',
        before: '',
        after: 'Si lundi et mardi de 12 h à 14 h\u00a0: dire «\u00a0Nous déjeunons.\u00a0»',
      },
    ]);
    expect(readableChanges(changes, en)[1]).toMatchObject({
      label: 'Rule “Midi”',
      after: 'If Monday and Tuesday from noon to 2 PM: say “Nous déjeunons.”',
    });
  });

  it('when a transfer target is replaced, then the old one is removed and the new one added, as name and number', () => {
    const changes = diffOf({
      ...base,
      transferTargets: [{ name: 'Accueil', number: '+33620000704', ringSeconds: 15 }],
    });
    expect(readableChanges(changes, fr)).toEqual([
      {
        label: 'Destinataire «\u00a0Dr Martin\u00a0»',
        kind: 'removed',
        before: 'Dr Martin, +33 6 20 00 07 02 (20\u00a0s)',
        after: '',
      },
      {
        label: 'Destinataire «\u00a0Accueil\u00a0»',
        kind: 'added',
        before: '',
        after: 'Accueil, +33 6 20 00 07 04 (15\u00a0s)',
      },
    ]);
  });

  it('when the webhook secret changes, then neither value is kept nor shown: only that it changed', () => {
    const secret = 'second-secret-0123456789';
    const changes = diffOf({
      ...base,
      notifications: { webhook: { enabled: true, url: 'https://hooks.example.com/a', secret } },
    });
    expect(changes).toEqual([{ path: 'notifications.webhook.secret', kind: 'CHANGE', secret: true }]);
    expect(JSON.stringify(changes)).not.toMatch(/first-secret|second-secret/);
    expect(readableChanges(changes, fr)).toEqual([
      { label: 'Secret du webhook', kind: 'secret', before: '', after: 'modifié (valeur masquée)' },
    ]);
    expect(readableChanges(changes, en)[0]).toMatchObject({
      label: 'Webhook secret',
      after: 'changed (value hidden)',
    });
  });

  it('when a whole object appears holding a secret, then the secret inside is masked', () => {
    const changes = settingsChanges(
      { name: 'x' },
      { name: 'x', auth: { token: 'tok-123456789', user: 'u' } },
    );
    expect(JSON.stringify(changes)).not.toContain('tok-123456789');
  });

  it('when several sections change, then the summary names each section once', () => {
    const changes = diffOf({
      ...base,
      weeklyHours: { tue: [{ start: '09:00', end: '12:00' }] },
      rules: [],
      defaultAction: { type: 'reject' },
    });
    expect(changeSummary(changes, fr)).toBe(
      'Réglages modifiés\u00a0: Horaires d’ouverture, Règles de routage',
    );
    expect(changeSummary(changes, en)).toBe('Changed: Opening hours, Routing rules');
    expect(readableChanges(changes, fr)).toEqual(
      expect.arrayContaining([
        { label: 'Sans réponse au menu', kind: 'changed', before: 'prendre un message', after: 'raccrocher' },
      ]),
    );
  });

  it('when a user changes, then role, clients and password read with labels and names, never ids', () => {
    const ctx: DiffContext = {
      lang: 'fr',
      subject: 'user',
      timeZone: 'Europe/Paris',
      clientNames: new Map([['aaaaaaaaaaaaaaaaaaaaaaaa', 'Cabinet Martin']]),
    };
    const changes = [
      ...settingsChanges(
        { name: 'Lucie', role: 'assistant', clientIds: [], active: true },
        {
          name: 'Lucie',
          role: 'admin',
          clientIds: ['aaaaaaaaaaaaaaaaaaaaaaaa', 'bbbbbbbbbbbbbbbbbbbbbbbb'],
          active: false,
        },
      ),
      { path: 'password', kind: 'CHANGE' as const, secret: true as const },
    ];
    expect(readableChanges(changes, ctx)).toEqual([
      { label: 'Rôle', kind: 'changed', before: 'Assistant', after: 'Administrateur' },
      { label: 'Clients suivis', kind: 'added', before: '', after: 'Cabinet Martin' },
      { label: 'Clients suivis', kind: 'added', before: '', after: 'client supprimé' },
      { label: 'Compte actif', kind: 'changed', before: 'Compte actif', after: 'Compte désactivé' },
      { label: 'Mot de passe', kind: 'secret', before: '', after: 'modifié (valeur masquée)' },
    ]);
  });

  it('when any setting of the profile changes, then it has a human label (never its key)', () => {
    const keys = [...Object.keys(clientProfileSchema.shape), 'active'];
    for (const key of keys) {
      expect(settingLabel(key, fr)).not.toMatch(/^(Autre réglage|[a-z]+[A-Z]\w*|[a-z]+)$/);
      expect(settingLabel(key, en)).not.toMatch(/^(Other setting|[a-z]+[A-Z]\w*|[a-z]+)$/);
    }
  });

  it('when a manual override is set, then it reads with its local date and time; an odd stored shape still reads as changed', () => {
    const changes = diffOf({ ...base, override: { mode: 'closed', until: '2026-12-24T18:00:00+01:00' } });
    expect(readableChanges(changes, fr)).toEqual([
      {
        label: 'Forçage ponctuel',
        kind: 'changed',
        before: 'Aucun',
        after: 'Fermé jusqu’au 24/12/2026 18:00',
      },
    ]);
    const odd = [{ path: 'rules', kind: 'CHANGE' as const, before: [], after: [{ name: 'x' }] }];
    expect(readableChanges(odd, fr)).toEqual([
      { label: 'Règles de routage', kind: 'changed', before: '', after: 'modifié' },
    ]);
  });
});
