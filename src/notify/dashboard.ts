/** The admins' queue dashboard (bull-board). The web edge mounts it behind the admin login. */
import { createBullBoard } from '@bull-board/api';
import type { UIConfig } from '@bull-board/api/dist/types';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bullmq';
import type { Router } from 'express';

/**
 * An express router serving the dashboard of `queues`.
 * @param basePath where the router is mounted (links in the UI are absolute). @defaultValue '/admin/queues'
 * @param uiConfig the board's title and header links (the way back to the app). @defaultValue {}
 */
export function queueDashboardRouter(
  queues: Queue[],
  basePath = '/admin/queues',
  uiConfig: UIConfig = {},
): Router {
  const adapter = new ExpressAdapter();
  adapter.setBasePath(basePath);
  createBullBoard({
    queues: queues.map((q) => new BullMQAdapter(q)),
    serverAdapter: adapter,
    options: { uiConfig },
  });
  return adapter.getRouter() as Router;
}
