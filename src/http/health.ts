/** Liveness (`/healthz`) and readiness (`/readyz`: MongoDB and Redis answer) probes. */
import { Router } from 'express';

export type Probe = { name: string; check: () => Promise<void> };

export function healthRouter(probes: Probe[]): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    const m = process.memoryUsage();
    res.json({
      status: 'ok',
      uptimeSeconds: Math.round(process.uptime()),
      memory: { rss: m.rss, heapUsed: m.heapUsed },
    });
  });
  router.get('/readyz', async (_req, res) => {
    const results = await Promise.all(
      probes.map(async (p) => {
        try {
          await p.check();
          return { name: p.name, ok: true as const };
        } catch (err) {
          return { name: p.name, ok: false as const, error: (err as Error).message };
        }
      }),
    );
    const failing = results.filter((r) => !r.ok);
    res.setHeader('Cache-Control', 'no-store');
    if (failing.length === 0) {
      res.json({ status: 'ready', checks: results });
      return;
    }
    res.status(503).json({
      status: 'unavailable',
      error: `${failing.map((f) => f.name).join(' and ')} not answering`,
      checks: results,
    });
  });
  return router;
}
