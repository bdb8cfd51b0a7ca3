/** Readable CLI output for the project's scripts: steps, progress while waiting, durations. */
const tty = process.stdout.isTTY === true;
const paint = (code: string) => (s: string) => (tty ? `\u001b[${code}m${s}\u001b[0m` : s);
export const bold = paint('1');
export const dim = paint('2');
export const green = paint('32');
export const red = paint('31');
export const yellow = paint('33');
export const cyan = paint('36');

export function step(message: string): void {
  console.log(`${cyan('›')} ${message}`);
}

export function fail(message: string): never {
  console.error(`${red('✗')} ${message}`);
  process.exit(1);
}

export function seconds(sinceMs: number): string {
  return `${((Date.now() - sinceMs) / 1000).toFixed(1)} s`;
}

/** Runs a long task, printing an elapsed-time line every few seconds so nobody thinks it hung. */
export async function withProgress<T>(label: string, task: () => Promise<T>, everyMs = 5000): Promise<T> {
  const started = Date.now();
  step(`${label}…`);
  const timer = setInterval(
    () => console.log(dim(`  … still ${label.toLowerCase()} (${seconds(started)})`)),
    everyMs,
  );
  try {
    const result = await task();
    console.log(`${green('✓')} ${label} ${dim(`(${seconds(started)})`)}`);
    return result;
  } finally {
    clearInterval(timer);
  }
}
