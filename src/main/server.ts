/** The web process: `npm start`. */
import { config, ConfigError } from '../config/env';
import { onShutdown } from './shutdown';
import { defaultLogger, startWeb } from './runtime';

async function main(): Promise<void> {
  const cfg = config();
  const logger = defaultLogger(cfg, 'web');
  const web = await startWeb(cfg, { logger });
  logger.info(`web server listening on port ${web.port}, public URL ${cfg.publicBaseUrl}`);
  onShutdown(logger, [{ name: 'web', run: web.stop }]);
}

main().catch((err: unknown) => {
  console.error(
    err instanceof ConfigError
      ? err.message
      : `web server failed to start: ${(err as Error).stack ?? String(err)}`,
  );
  process.exit(1);
});
