/** Debian's Chromium for the browser tests: installed with apt-get when missing, idempotently. */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fail, withProgress } from './console';

export const CHROMIUM_BIN = '/usr/bin/chromium';

function runQuiet(command: string, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.once('error', (err) => resolve({ code: 1, output: err.message }));
    child.once('exit', (code) => resolve({ code, output }));
  });
}

export async function ensureChromium(): Promise<void> {
  if (existsSync(CHROMIUM_BIN)) return;
  await withProgress(
    'Installing Chromium for the browser tests (apt-get update, apt-get install -y chromium)',
    async () => {
      for (const args of [
        ['update', '-qq'],
        ['install', '-y', '-qq', 'chromium'],
      ]) {
        const { code, output } = await runQuiet('apt-get', args);
        if (code !== 0) fail(`apt-get ${args.join(' ')} failed:\n${output.slice(-2000)}`);
      }
    },
  );
  if (!existsSync(CHROMIUM_BIN)) fail(`chromium was installed but ${CHROMIUM_BIN} is missing`);
}
