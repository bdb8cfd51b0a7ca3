/**
 * Where the service may send a request on a client's behalf (the notification webhook): a public
 * host, never this machine, its private network or a cloud metadata endpoint — else any admin
 * could make the worker probe Redis, MongoDB or 169.254.169.254 (server-side request forgery).
 * Checked on save (the URL as typed) and again on send, on every address the name resolves to.
 */
import ipaddr from 'ipaddr.js';

export type OutboundPolicy = {
  /** Only `https:` URLs (production). */
  requireHttps: boolean;
  /**
   * Loopback and private addresses allowed: for tests and local development only, where the
   * receiver runs on this machine (`WEBHOOK_ALLOW_PRIVATE`, refused in production).
   */
  allowPrivate: boolean;
};

/** What production enforces; the safe default when no policy is given. */
export const STRICT_OUTBOUND_POLICY: OutboundPolicy = { requireHttps: true, allowPrivate: false };

const RANGE_WORDS: Record<string, string> = {
  loopback: 'a loopback',
  private: 'a private',
  carrierGradeNat: 'a carrier-grade NAT',
  linkLocal: 'a link-local',
  uniqueLocal: 'a unique-local',
  unspecified: 'an unspecified',
  multicast: 'a multicast',
  broadcast: 'a broadcast',
  reserved: 'a reserved',
  ipv4Mapped: 'an IPv4-mapped',
};

/**
 * Why `address` (an IP literal) may not be reached, or null when it is a public unicast address.
 * An allow-list: only ipaddr.js's `unicast` range passes, so every special block (loopback,
 * private, CGNAT, link-local and metadata, unique-local, multicast, reserved, NAT64 and 6to4 that
 * embed an IPv4 address…) is refused; IPv4-mapped IPv6 is judged as the IPv4 it carries.
 */
export function forbiddenAddressReason(address: string): string | null {
  if (!ipaddr.isValid(address)) return 'not an IP address';
  let ip = ipaddr.parse(address);
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) {
    ip = (ip as ipaddr.IPv6).toIPv4Address();
  }
  const range = ip.range();
  return range === 'unicast' ? null : `${ip.toString()} is ${RANGE_WORDS[range] ?? `a ${range}`} address`;
}

/** Names that never leave the machine or the local network. */
function forbiddenHostnameReason(hostname: string): string | null {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  if (name === 'localhost' || name.endsWith('.localhost')) return `${name} is this machine`;
  if (!name.includes('.') || /\.(local|internal|home\.arpa)$/.test(name)) {
    return `${name} is a local network name`;
  }
  return null;
}

/** The IP literal of a URL host (`[::1]` → `::1`), or null for a name. */
export function ipLiteralOf(hostname: string): string | null {
  const bare = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
  return ipaddr.isValid(bare) ? bare : null;
}

/**
 * Why `url` may not receive the service's requests, or null when it may. The WHATWG parser has
 * already normalised `http://2130706433/` and `http://0x7f.1/` to `127.0.0.1`, so the literal seen
 * here is the one a connection would use. A host name is only checked by shape here; its
 * addresses are checked when it is resolved, at send time.
 */
export function outboundUrlProblem(url: string, policy: OutboundPolicy): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'not a valid URL';
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return 'expected an http(s) URL';
  if (policy.requireHttps && parsed.protocol !== 'https:') return 'expected an https URL';
  if (policy.allowPrivate) return null;
  const literal = ipLiteralOf(parsed.hostname);
  const reason = literal ? forbiddenAddressReason(literal) : forbiddenHostnameReason(parsed.hostname);
  return reason ? `must point to a public host (${reason})` : null;
}
