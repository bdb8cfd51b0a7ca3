/**
 * `/{clients|users}/{id}/versions`: the settings history of one client or user, the comparison of
 * two versions, and the restore of one (admin API: token or admin session only).
 */
import { Router, type Request } from 'express';
import type { ActionSource } from '../domain/access';
import { InvalidInputError } from '../domain/errors';
import { compareVersions, getVersion, listVersions, type SettingsSubject } from '../app/settings-history';
import { HttpError } from '../http/errors';
import { sourceOf } from './auth';
import { versionCompareQuerySchema, versionNumberSchema } from './schemas';
import { idParam, parseQuery } from './validate';
import { toVersionView } from './views';

export type VersionsRouterOptions = {
  type: SettingsSubject['type'];
  /** Reads the subject, so that an unknown one is a 404 (not an empty history). */
  load: (id: string) => Promise<unknown>;
  /** The restore use case; answers the restored record. */
  restore: (source: ActionSource, id: string, version: number) => Promise<unknown>;
};

/** A malformed version number names no version: 404, as a malformed id does. */
function versionParam(req: Request): number {
  const parsed = versionNumberSchema.safeParse(req.params.version);
  if (!parsed.success) throw new HttpError(404, 'not found');
  return parsed.data;
}

export function versionsRouter(options: VersionsRouterOptions): Router {
  const router = Router({ mergeParams: true });
  const subjectOf = async (req: Request): Promise<SettingsSubject> => {
    const id = idParam(req);
    await options.load(id);
    return { type: options.type, id };
  };

  router.get('/', async (req, res) => {
    const versions = await listVersions(await subjectOf(req));
    res.json({ data: versions.map(toVersionView) });
  });

  router.get('/compare', async (req, res) => {
    const subject = await subjectOf(req);
    const { from, to } = parseQuery(versionCompareQuerySchema, req);
    const { changes, ...versions } = await compareVersions(subject, from, to);
    res.json({ from: toVersionView(versions.from), to: toVersionView(versions.to), changes });
  });

  router.get('/:version', async (req, res) => {
    res.json(toVersionView(await getVersion(await subjectOf(req), versionParam(req))));
  });

  router.post('/:version/restore', async (req, res) => {
    const { id } = await subjectOf(req);
    try {
      res.json(await options.restore(sourceOf(req, res), id, versionParam(req)));
    } catch (err) {
      if (!(err instanceof InvalidInputError)) throw err;
      throw new HttpError(400, 'this version is not valid under today’s rules', err.details);
    }
  });

  return router;
}
