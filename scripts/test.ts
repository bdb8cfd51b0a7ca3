/**
 * `npm test`: the whole suite on a fresh machine. Lint, type check and the dependency rule, then
 * jest against real services this script starts (FerretDB in a fresh data folder, Redis, Radicale
 * for CalDAV). The browser tests need Debian's Chromium, and the calendar tests Debian's Radicale:
 * each installed with apt-get when missing.
 *
 * `npm test -- <jest args>` (e.g. `npm test -- test/unit`) skips the static checks and runs
 * only the selected tests.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ensureChromium } from './lib/chromium';
import { bold, dim, green, red, seconds, step } from './lib/console';
import { startRadicale } from './lib/radicale';
import { ensureMongo, ensureRedis, ROOT, type Service } from './lib/services';

const jestArgs = process.argv.slice(2);
const services: Service[] = [];

function run(
  label: string,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<boolean> {
  const started = Date.now();
  step(label);
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: 'inherit' });
    child.once('exit', (code) => {
      console.log(
        code === 0 ? `${green('✓')} ${label} ${dim(`(${seconds(started)})`)}` : red(`✗ ${label} failed`),
      );
      resolve(code === 0);
    });
  });
}

const bin = (name: string) => path.join(ROOT, 'node_modules', '.bin', name);

async function main(): Promise<number> {
  const started = Date.now();
  if (jestArgs.length === 0) {
    const checks = [
      await run('Lint (eslint)', bin('eslint'), ['.']),
      await run('Formatting (prettier --check)', bin('prettier'), ['--check', '--log-level=warn', '.']),
      await run('Type check (tsc --noEmit, strict)', bin('tsc'), ['--noEmit', '-p', '.']),
      await run('Dependency rules (dependency-cruiser)', bin('depcruise'), [
        'src',
        'webhooks',
        '--config',
        '.dependency-cruiser.cjs',
      ]),
    ];
    if (checks.includes(false)) return 1;
  }

  await ensureChromium();
  const runDir = path.join(ROOT, 'var', 'test');
  rmSync(runDir, { recursive: true, force: true });
  mkdirSync(runDir, { recursive: true });
  const mongo = await ensureMongo(path.join(runDir, 'ferretdb'), 'receptionist_test');
  services.push(mongo);
  const redis = await ensureRedis(path.join(runDir, 'redis'));
  services.push(redis);
  const caldav = await startRadicale(path.join(runDir, 'radicale'));
  services.push(caldav);
  step(`Services: ${mongo.url}, ${redis.url}, CalDAV (Radicale) ${caldav.url}`);

  const env = {
    ...process.env,
    NODE_ENV: 'test',
    MONGODB_URI: mongo.url,
    REDIS_URL: redis.url,
    // The calendar tests' CalDAV server and its user; each test makes its own calendars.
    CALDAV_TEST_URL: caldav.url,
    CALDAV_TEST_USERNAME: caldav.username,
    CALDAV_TEST_PASSWORD: caldav.password,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'error',
  };
  const resultsFile = path.join(runDir, 'jest-results.json');
  const ok = await run(
    'Tests (jest)',
    bin('jest'),
    ['--json', `--outputFile=${resultsFile}`, '--forceExit', ...jestArgs],
    env,
  );
  try {
    const results = JSON.parse(readFileSync(resultsFile, 'utf8')) as {
      numPassedTests: number;
      numFailedTests: number;
      numPendingTests: number;
    };
    console.log(
      `\n${bold('tests:')} ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numPendingTests} skipped`,
    );
  } catch {
    console.log(red('no jest results were written'));
  }
  console.log(dim(`whole run ${seconds(started)}`));
  return ok ? 0 : 1;
}

async function stopServices(): Promise<void> {
  await Promise.all(services.map((s) => s.stop()));
}

process.on('SIGINT', () => void stopServices().then(() => process.exit(130)));
process.on('SIGTERM', () => void stopServices().then(() => process.exit(143)));

main()
  .then(async (code) => {
    await stopServices();
    process.exit(code);
  })
  .catch(async (err: unknown) => {
    console.error(red(`npm test failed: ${(err as Error).stack ?? String(err)}`));
    await stopServices();
    process.exit(1);
  });
