/** `/retention`: the purge's runs (and "run now"), and the recording deletions at Twilio. */
import { Router } from 'express';
import { latestRecordingDeletions, recordingDeletions } from '../app/recording-deletions';
import { PurgeFailedError, recentPurgeRuns, runPurge, type ServiceRetention } from '../app/retention';
import { sourceOf } from './auth';
import {
  purgeRunBodySchema,
  purgeRunsQuerySchema,
  recordingDeletionsQuerySchema,
  toPurgeRunView,
  toRecordingDeletionView,
} from './retention-schemas';
import { parseObject, parseQuery } from './validate';

export function retentionRouter(service: ServiceRetention): Router {
  const router = Router();

  router.get('/runs', async (req, res) => {
    const { limit } = parseQuery(purgeRunsQuerySchema, req);
    res.json({ data: (await recentPurgeRuns(limit ?? 10)).map(toPurgeRunView) });
  });

  // The nightly purge, now. A run that stops on an error is still a recorded run: its `error` says why.
  router.post('/runs', async (req, res) => {
    parseObject(purgeRunBodySchema, (req.body as Record<string, unknown> | undefined) ?? {});
    const source = sourceOf(req, res);
    const run = await runPurge(
      { now: () => new Date(), retention: service },
      { trigger: 'manual', source },
    ).catch((err: unknown) => {
      if (err instanceof PurgeFailedError) return err.run;
      throw err;
    });
    res.status(201).json(toPurgeRunView(run));
  });

  router.get('/recording-deletions', async (req, res) => {
    const { status, limit } = parseQuery(recordingDeletionsQuerySchema, req);
    const found = status
      ? await recordingDeletions(status, limit ?? 50)
      : await latestRecordingDeletions(limit ?? 50);
    res.json({ data: found.map(toRecordingDeletionView) });
  });

  return router;
}
