/** The benchmarks' HTTP side: signing in to the in-process web app and timing pages. */
import { bold, dim } from '../lib/console';

export async function signIn(base: string, email: string, password: string): Promise<string> {
  const page = await fetch(`${base}/login`);
  const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0]!;
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
  const res = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, email, password }),
  });
  if (res.status !== 303) throw new Error(`sign-in failed: ${res.status}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

/** The value at rank `p` (0.5 the median, 0.95 the p95) of a list of timings. */
export const pct = (xs: readonly number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;

/** `name;dur=12.3, other;dur=4` → { name: 12.3, other: 4 }. */
export function serverTimings(header: string | null): Record<string, number> {
  const timings: Record<string, number> = {};
  for (const part of (header ?? '').split(',')) {
    const m = /^\s*([\w-]+)(?:;[^,]*?dur=([\d.]+))?/.exec(part);
    if (m?.[1] && m[2]) timings[m[1]] = Number(m[2]);
  }
  return timings;
}

export const row = (label: string, xs: readonly number[], extra = '') =>
  `  ${label.padEnd(34)} median ${bold(pct(xs, 0.5).toFixed(1).padStart(7))} ms   p95 ${pct(xs, 0.95)
    .toFixed(1)
    .padStart(7)} ms${extra ? `   ${dim(extra)}` : ''}`;

/**
 * Times `runs` GETs of each page: the server's own time (Server-Timing) and the client's, and the
 * first view's server time apart (it draws the charts). Answers
 * false when the page does not exist (404) yet.
 */
export async function timePages(
  base: string,
  cookie: string,
  pages: readonly [label: string, url: string][],
  runs: number,
): Promise<boolean> {
  for (const [label, url] of pages) {
    const client: number[] = [];
    const server: Record<string, number[]> = {};
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      const res = await fetch(base + url, { headers: { cookie } });
      await res.arrayBuffer();
      client.push(performance.now() - started);
      if (res.status === 404) return false;
      if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
      for (const [name, ms] of Object.entries(serverTimings(res.headers.get('server-timing'))))
        (server[name] ??= []).push(ms);
    }
    const parts = Object.entries(server).map(([name, xs]) => `${name} ${pct(xs, 0.5).toFixed(1)}`);
    // The first view draws the charts; the next ones reuse them while the figures stay the same.
    if (server.total?.[0] !== undefined) parts.push(`first view total ${server.total[0].toFixed(1)}`);
    console.log(
      row(
        label,
        client,
        parts.length ? `server (median ms): ${parts.join(', ')}` : 'no Server-Timing header',
      ),
    );
  }
  return true;
}
