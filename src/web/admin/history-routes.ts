/**
 * `/admin/clients/:id/history` and `/admin/users/:id/history`: the settings history pages, the
 * comparison of two versions (a GET form) and the restore (a confirmation page, then a POST with
 * the CSRF token), each through the same use cases as the admin API.
 */
import { Router, type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import { getClient, listClients, restoreClientVersion, type ClientsDeps } from '../../app/clients';
import {
  compareVersions,
  getVersion,
  listVersions,
  type SettingsChange,
  type SettingsSubject,
} from '../../app/settings-history';
import { getUser, restoreUserVersion, SelfLockoutError } from '../../app/users';
import type { ActionSource } from '../../domain/access';
import { ConflictError, InvalidInputError, InvalidReferenceError, NotFoundError } from '../../domain/errors';
import { sourceOf } from '../auth';
import { csrfProtection } from '../csrf';
import { DEFAULT_TIME_ZONE } from '../format';
import type { Lang } from '../i18n';
import { pageContext, pageLang, setFlash } from '../page-context';
import { adminTexts } from './admin-texts';
import { addError, hasErrors, type FieldErrors } from './field-errors';
import { historyTexts } from './history-texts';
import { historyPage, restorePage, type HistorySubject } from './history-view';
import { settingLabel } from './settings-changes-text';

type HistoryRequest = Request<{ id: string; version?: string }>;

const versionNumber = z
  .string()
  .regex(/^[1-9]\d{0,8}$/)
  .transform(Number);

/**
 * The comparison asked for in the query (`?from=1&to=3`): each number must be a version of the
 * list, else the error is next to its field. Without either, the form proposes the last change.
 */
function compareRequest(
  query: Request['query'],
  versions: { version: number }[],
  h: ReturnType<typeof historyTexts>,
): { values: Record<string, string>; errors: FieldErrors; range?: { from: number; to: number } } {
  const latest = versions[0]?.version ?? 0;
  if (query.from === undefined && query.to === undefined) {
    return { values: { from: String(Math.max(latest - 1, 1)), to: String(latest) }, errors: {} };
  }
  const values: Record<string, string> = {};
  const errors: FieldErrors = {};
  const range: Partial<Record<'from' | 'to', number>> = {};
  for (const field of ['from', 'to'] as const) {
    const raw = query[field];
    values[field] = typeof raw === 'string' ? raw : '';
    const parsed = versionNumber.safeParse(raw);
    if (parsed.success && versions.some((v) => v.version === parsed.data)) range[field] = parsed.data;
    else addError(errors, field, h.badVersion);
  }
  const { from, to } = range;
  return from !== undefined && to !== undefined
    ? { values, errors, range: { from, to } }
    : { values, errors };
}

/** A malformed version number names no version: the page does not exist. */
function versionParam(req: HistoryRequest): number {
  const parsed = versionNumber.safeParse(req.params.version);
  if (!parsed.success) throw new NotFoundError(`no version ${req.params.version}`);
  return parsed.data;
}

type Kind = HistorySubject['kind'];

/** Loads the client or user, and how its changes read (zone, names of clients). */
async function subjectOf(kind: Kind, id: string, lang: Lang): Promise<HistorySubject> {
  if (kind === 'clients') {
    const client = await getClient(id);
    return {
      kind,
      id: client.id,
      name: client.name,
      diff: { lang, subject: 'client', timeZone: client.timezone },
    };
  }
  const [user, clients] = await Promise.all([getUser(id), listClients()]);
  const clientNames = new Map(clients.map((c) => [c.id, c.name]));
  const diff = { lang, subject: 'user' as const, timeZone: DEFAULT_TIME_ZONE, clientNames };
  return { kind, id: user.id, name: user.name, diff };
}

const versionSubject = (s: HistorySubject): SettingsSubject => ({
  type: s.kind === 'clients' ? 'client' : 'user',
  id: s.id,
});

/** What restoring `version` would change from the latest version (a client's active flag stays). */
async function restoreChanges(s: HistorySubject, version: number): Promise<SettingsChange[]> {
  const [latest] = await listVersions(versionSubject(s));
  const { changes } = await compareVersions(versionSubject(s), latest?.version ?? version, version);
  return s.kind === 'clients' ? changes.filter((c) => c.path !== 'active') : changes;
}

/** Why a restore was refused, in sentences with the settings' labels. */
function refusalOf(err: unknown, s: HistorySubject, lang: Lang): { status: number; reasons: string[] } {
  const h = historyTexts(lang);
  if (err instanceof InvalidInputError) {
    const colon = lang === 'fr' ? '\u00a0: ' : ': ';
    const reasons = err.details.map((d) => {
      const label = settingLabel(d.path.split('.')[0]!, s.diff);
      // The store names the missing client by its id, which people never read.
      return `${label}${colon}${err instanceof InvalidReferenceError ? h.restoreMissingClient : d.message}`;
    });
    return { status: 400, reasons: [h.restoreInvalid, ...reasons] };
  }
  if (err instanceof SelfLockoutError) return { status: 409, reasons: [adminTexts(lang).selfLockout] };
  if (err instanceof ConflictError) return { status: 409, reasons: [h.restoreTaken] };
  throw err;
}

export function historyRoutes(pageStack: RequestHandler[], clients: ClientsDeps): Router {
  const router = Router();
  const postStack = [...pageStack, csrfProtection as RequestHandler];
  const restore: Record<Kind, (source: ActionSource, id: string, version: number) => Promise<unknown>> = {
    clients: (source, id, version) => restoreClientVersion(clients, source, id, version),
    users: restoreUserVersion,
  };

  for (const kind of ['clients', 'users'] as const) {
    router.get(`/${kind}/:id/history`, ...pageStack, async (req: HistoryRequest, res: Response) => {
      const subject = await subjectOf(kind, req.params.id, pageLang(req, res));
      const versions = await listVersions(versionSubject(subject));
      const asked = compareRequest(req.query, versions, historyTexts(pageLang(req, res)));
      const { values, errors } = asked;
      let comparison;
      if (asked.range) {
        const { from, to } = asked.range;
        const { changes } = await compareVersions(versionSubject(subject), from, to);
        comparison = { from, to, changes };
      } else if (hasErrors(errors)) res.status(400);
      const page = { subject, versions, compareForm: { values, errors }, comparison };
      res.send(historyPage(pageContext(req, res), page));
    });

    router.get(
      `/${kind}/:id/history/:version/restore`,
      ...pageStack,
      async (req: HistoryRequest, res: Response) => {
        const subject = await subjectOf(kind, req.params.id, pageLang(req, res));
        const version = versionParam(req);
        await getVersion(versionSubject(subject), version);
        const changes = await restoreChanges(subject, version);
        res.send(restorePage(pageContext(req, res), { subject, version, changes }));
      },
    );

    router.post(
      `/${kind}/:id/history/:version/restore`,
      ...postStack,
      async (req: HistoryRequest, res: Response) => {
        const lang = pageLang(req, res);
        const subject = await subjectOf(kind, req.params.id, lang);
        const version = versionParam(req);
        try {
          await restore[kind](sourceOf(req, res), subject.id, version);
        } catch (err) {
          const { status, reasons } = refusalOf(err, subject, lang);
          const changes = await restoreChanges(subject, version);
          return void res
            .status(status)
            .send(restorePage(pageContext(req, res), { subject, version, changes, refusal: reasons }));
        }
        const [latest] = await listVersions(versionSubject(subject));
        setFlash(req, 'ok', historyTexts(lang).restored(version, latest?.version ?? version));
        res.redirect(303, `/admin/${kind}/${subject.id}/history`);
      },
    );
  }

  return router;
}
