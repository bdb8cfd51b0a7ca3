/** Runs cleanup steps once on SIGTERM/SIGINT, within a deadline, then exits. */
import type { Logger } from '../infra/logger';

export type CleanupStep = { name: string; run: () => Promise<void> };

export function onShutdown(logger: Logger, steps: CleanupStep[], deadlineMs = 10_000): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal} received, shutting down`);
    const killer = setTimeout(() => {
      logger.error(`shutdown took longer than ${deadlineMs} ms, exiting anyway`);
      process.exit(1);
    }, deadlineMs);
    killer.unref();
    let failed = false;
    for (const step of steps) {
      try {
        await step.run();
      } catch (err) {
        failed = true;
        logger.error(`shutdown step ${step.name} failed`, { err });
      }
    }
    logger.info('stopped');
    process.exit(failed ? 1 : 0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}
