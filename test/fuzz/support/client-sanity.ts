/**
 * What a stored client profile must also be, beyond what its schema checks today: the rules issue 10
 * is adding to the schema on another branch (dates that exist, zones named Area/Location, no control
 * characters in what is spoken or shown, no webhook into the private network). Checked on the
 * stored documents so that the suite says when any edge let such a profile through.
 */
import { isIP } from 'node:net';

type Doc = Record<string, unknown>;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

function realDate(text: unknown): boolean {
  if (typeof text !== 'string') return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

function privateHost(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  } catch {
    return false;
  }
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.internal')) return true;
  if (isIP(host) === 6) return host === '::1' || host === '::' || /^f[cd]|^fe[89ab]|^::ffff:/.test(host);
  if (isIP(host) !== 4) return false;
  const [a, b] = host.split('.').map(Number) as [number, number];
  return (
    a === 10 ||
    a === 127 ||
    a === 0 ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168)
  );
}

/** Reasons a stored profile breaks the rules above; empty when it keeps them. */
export function clientSanity(doc: Doc): string[] {
  const problems: string[] = [];
  const texts: [string, unknown][] = [
    ['name', doc.name],
    ['greeting', doc.greeting],
    ['address', doc.address],
    ...((doc.closures as Doc[]) ?? []).map((c, i): [string, unknown] => [`closures.${i}.label`, c.label]),
    ...((doc.transferTargets as Doc[]) ?? []).map((t, i): [string, unknown] => [
      `transferTargets.${i}.name`,
      t.name,
    ]),
    ...((doc.rules as Doc[]) ?? []).map((r, i): [string, unknown] => [`rules.${i}.name`, r.name]),
    ...((doc.urgencyKeywords as unknown[]) ?? []).map((k, i): [string, unknown] => [
      `urgencyKeywords.${i}`,
      k,
    ]),
  ];
  for (const [path, text] of texts)
    if (typeof text === 'string' && CONTROL.test(text)) problems.push(`${path}: control character`);
  ((doc.closures as Doc[]) ?? []).forEach((c, i) => {
    if (!realDate(c.from) || !realDate(c.to)) problems.push(`closures.${i}: a date that does not exist`);
  });
  if (typeof doc.timezone === 'string' && !/^(UTC|[A-Za-z_]+(\/[A-Za-z0-9_+-]+)+)$/.test(doc.timezone)) {
    problems.push(`timezone: ${doc.timezone} is not an Area/Location zone`);
  }
  const url = ((doc.notifications as Doc | undefined)?.webhook as Doc | undefined)?.url;
  if (typeof url === 'string' && privateHost(url))
    problems.push(`notifications.webhook.url: private address ${url}`);
  return problems;
}
