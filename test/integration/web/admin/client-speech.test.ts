import type { WebRuntime } from '../../../../src/main/runtime';
import { listAuditEvents } from '../../../../src/store/audit';
import { getClient } from '../../../../src/store/clients';
import { makeUser, signIn, startTestWeb, testConfig } from '../web-fixture';
import { clientForm, fieldError } from './admin-fixture';

const SPEECH_FIELDS = [
  'sector',
  'spokenName',
  'greetKnownCallers',
  'vocabulary',
  'emergencyAdviceMode',
  'emergencyAdvice',
];

/** The value of the option selected in select `name`, or null. */
function selected(page: string, name: string): string | null {
  const select = new RegExp(`<select id="f-${name}"[\\s\\S]*?</select>`).exec(page)?.[0] ?? '';
  return /<option value="([^"]*)"\s+selected/.exec(select)?.[1] ?? null;
}

/** The text of textarea `name`. */
function textareaText(page: string, name: string): string | null {
  return new RegExp(`<textarea\\s+id="f-${name}"[^>]*>\\n?([^<]*)</textarea>`).exec(page)?.[1] ?? null;
}

describe('admin pages: how the receptionist speaks', () => {
  let web: WebRuntime;
  let admin: Awaited<ReturnType<typeof signIn>>;

  beforeAll(async () => {
    web = await startTestWeb(testConfig(__filename));
    admin = await signIn(web.server, (await makeUser('admin', [], 'Ada Admin')).email);
  });
  afterAll(() => web.stop());

  const post = (url: string, form: Record<string, string>) =>
    admin.agent
      .post(url)
      .type('form')
      .send({ _csrf: admin.csrf, ...form });

  it('when an admin saves the speech settings and reopens the client, then every value, unset or not, comes back', async () => {
    const speech = {
      sector: 'medical',
      spokenName: 'au cabinet Durand',
      greetKnownCallers: 'no',
      vocabulary: 'docteur Durand\nordonnance\n\n',
      emergencyAdviceMode: 'custom',
      emergencyAdvice: 'En cas d’urgence, composez le 15.',
    };
    const res = await post('/admin/clients', clientForm(speech)).expect(303);
    const id = /([0-9a-f]{24})$/.exec(res.headers.location!)![1]!;
    expect(await getClient(id)).toMatchObject({
      sector: 'medical',
      spokenName: 'au cabinet Durand',
      greetKnownCallers: false,
      vocabulary: ['docteur Durand', 'ordonnance'],
      safety: { emergencyAdvice: 'En cas d’urgence, composez le 15.' },
    });

    const page = (await admin.agent.get(`/admin/clients/${id}`).expect(200)).text;
    expect(page).toContain('<legend>Façon de parler</legend>');
    expect(selected(page, 'sector')).toBe('medical');
    expect(page).toContain('value="au cabinet Durand"');
    expect(selected(page, 'greetKnownCallers')).toBe('no');
    expect(textareaText(page, 'vocabulary')).toBe('docteur Durand\nordonnance');
    expect(selected(page, 'emergencyAdviceMode')).toBe('custom');
    expect(textareaText(page, 'emergencyAdvice')).toBe('En cas d’urgence, composez le 15.');

    // Back to the defaults: unset, not false; then no advice at all: empty, not unset.
    await post(
      `/admin/clients/${id}`,
      clientForm({
        ...speech,
        numbers: (await getClient(id)).numbers[0]!,
        greetKnownCallers: '',
        emergencyAdviceMode: 'none',
      }),
    ).expect(303);
    const none = await getClient(id);
    expect(none.greetKnownCallers).toBeUndefined();
    expect(none.safety).toEqual({ emergencyAdvice: '' });
    const reopened = (await admin.agent.get(`/admin/clients/${id}`).expect(200)).text;
    expect(selected(reopened, 'greetKnownCallers')).toBe('');
    expect(selected(reopened, 'emergencyAdviceMode')).toBe('none');
    expect(textareaText(reopened, 'emergencyAdvice')).toBe('');

    await post(
      `/admin/clients/${id}`,
      clientForm({ ...speech, numbers: none.numbers[0]!, greetKnownCallers: 'yes', emergencyAdviceMode: '' }),
    ).expect(303);
    const unset = await getClient(id);
    expect(unset.greetKnownCallers).toBe(true);
    expect(unset.safety).toEqual({});
    const events = await listAuditEvents({ action: 'client.update', targetId: id });
    expect(events.map((e) => e.detail?.fields)).toEqual([
      ['greetKnownCallers', 'safety'],
      ['greetKnownCallers', 'safety'],
    ]);
  });

  it('when a speech setting is invalid, then the error is next to its field and the input is kept', async () => {
    const res = await post(
      '/admin/clients',
      clientForm({
        name: 'Cabinet Vocabulaire',
        vocabulary: 'ordonnance\nx',
        spokenName: 'y'.repeat(101),
        emergencyAdviceMode: 'custom',
        emergencyAdvice: '',
      }),
    ).expect(400);
    expect(fieldError(res.text, 'vocabulary')).toMatch(/^Ligne 2\u202f: /);
    expect(fieldError(res.text, 'spokenName')).toContain('100');
    expect(fieldError(res.text, 'emergencyAdvice')).toBe(
      'Écrivez la phrase, ou choisissez «\u00a0Aucune\u00a0».',
    );
    expect(selected(res.text, 'emergencyAdviceMode')).toBe('custom');
    expect(textareaText(res.text, 'vocabulary')).toBe('ordonnance\nx');
  });

  it('when the form is shown in French or English, then each speech control has its label and the hint quotes the medical default', async () => {
    const fr = (await admin.agent.get('/admin/clients/new').expect(200)).text;
    for (const name of SPEECH_FIELDS) expect(fr).toMatch(new RegExp(`<label for="f-${name}">[^<]+</label>`));
    expect(fr).toMatch(/<option value="medical"\s*>Cabinet médical ou paramédical<\/option>/);
    expect(fr).toContain('Selon l’activité (par défaut)');
    expect(fr).toContain(
      '«\u00a0En cas d&#39;urgence vitale, raccrochez et composez le 15 ou le 112.\u00a0»',
    );
    expect(selected(fr, 'sector')).toBe('other');

    const en = (await admin.agent.get('/admin/clients/new?lang=en').expect(200)).text;
    expect(en).toContain('<legend>How the receptionist speaks</legend>');
    expect(en).toContain('<label for="f-greetKnownCallers">Greet known callers by name</label>');
    expect(en).toContain('Depends on the business (default)');
    await admin.agent.get('/admin/clients/new?lang=fr').expect(200);
  });
});
