/**
 * A real CalDAV server for tests and development: Debian's Radicale, installed with apt-get when
 * missing, started on a free loopback port with its own storage folder and one user (htpasswd,
 * plain), supervised like FerretDB. Calendars are created by their users (MKCALENDAR), as on any
 * CalDAV server.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fail, withProgress } from './console';
import { freePort, superviseListeningService, type Service, type SuperviseOptions } from './services';

export const RADICALE_BIN = '/usr/bin/radicale';

export type CalDavService = Service & {
  /** The server's root, e.g. http://127.0.0.1:5232/ */
  url: string;
  username: string;
  password: string;
};

async function ensureRadicaleBinary(): Promise<void> {
  if (existsSync(RADICALE_BIN)) return;
  await withProgress('Installing Radicale, a CalDAV server for the calendar tests (apt-get)', async () => {
    for (const args of [
      ['update', '-qq'],
      ['install', '-y', '-qq', 'radicale'],
    ]) {
      const run = spawnSync('apt-get', args, {
        encoding: 'utf8',
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      });
      if (run.status !== 0)
        fail(`apt-get ${args.join(' ')} failed:\n${`${run.stdout}${run.stderr}`.slice(-2000)}`);
    }
  });
  if (!existsSync(RADICALE_BIN)) fail(`radicale was installed but ${RADICALE_BIN} is missing`);
}

/**
 * Starts Radicale with its collections in `dataDir` (kept between runs for development; tests
 * pass a fresh folder). `port` pins the port (development keeps the same URL across restarts).
 */
export async function startRadicale(
  dataDir: string,
  options: { port?: number; username?: string; password?: string; supervise?: SuperviseOptions } = {},
): Promise<CalDavService> {
  await ensureRadicaleBinary();
  const username = options.username ?? 'receptionist';
  const password = options.password ?? 'calendar-password';
  const storage = path.join(dataDir, 'collections');
  mkdirSync(storage, { recursive: true });
  const users = path.join(dataDir, 'users');
  writeFileSync(users, `${username}:${password}\n`);
  const port = options.port ?? (await freePort());
  const config = path.join(dataDir, 'config');
  writeFileSync(
    config,
    [
      '[server]',
      `hosts = 127.0.0.1:${port}`,
      '[auth]',
      'type = htpasswd',
      `htpasswd_filename = ${users}`,
      'htpasswd_encryption = plain',
      // Radicale waits this long after a wrong password; tests try wrong ones on purpose.
      'delay = 0',
      '[rights]',
      'type = owner_only',
      '[storage]',
      `filesystem_folder = ${storage}`,
      '[logging]',
      'level = warning',
      '',
    ].join('\n'),
  );
  const service = await superviseListeningService(
    'Radicale',
    port,
    () => spawn(RADICALE_BIN, ['--config', config], { stdio: ['ignore', 'ignore', 'inherit'] }),
    options.supervise,
  );
  return { ...service, url: `http://127.0.0.1:${port}/`, username, password };
}
