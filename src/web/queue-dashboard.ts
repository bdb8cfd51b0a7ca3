/** The BullMQ queue dashboard (bull-board) at `/admin/queues`, for signed-in admins only. */
import { Router, type RequestHandler } from 'express';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Config } from '../config/env';
import { queueDashboardRouter } from '../notify';
import { requireAdmin } from './auth';
import { createSessionMiddleware, DEFAULT_SESSION_POLICY, type SessionPolicy } from './session';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/**
 * The board is bull-board's own page (English, its own header): its header menu carries the way
 * back to the app, in both languages since the board knows neither the session nor its language.
 */
export const DASHBOARD_UI = {
  boardTitle: 'Accueil téléphonique · files',
  hideDocsLink: true,
  miscLinks: [
    { text: '← Retour aux messages · Back to messages', url: '/' },
    { text: 'Administration', url: '/admin/clients' },
  ],
};

export function queueDashboard(
  config: Config,
  redis: Redis,
  queues: Queue[],
  policy?: Partial<SessionPolicy>,
): Router {
  const router = Router();
  router.use(
    createSessionMiddleware(config, redis, { ...DEFAULT_SESSION_POLICY, ...policy }),
    requireAdmin as RequestHandler,
    (_req, res, next) => {
      res.setHeader('Cache-Control', 'no-store');
      next();
    },
    queueDashboardRouter(queues, QUEUE_DASHBOARD_PATH, DASHBOARD_UI),
  );
  return router;
}
