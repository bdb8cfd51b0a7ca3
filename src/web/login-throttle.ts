/**
 * Throttling of failed sign-ins with Redis counters that expire. Refusal is per IP + account
 * (an attacker cannot lock the real user out from elsewhere) and per IP (password spraying);
 * failures on one account from many IPs only slow answers down, never lock.
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

export type ThrottlePolicy = {
  /** Counters expire this long after the first failure. @defaultValue 15 minutes */
  windowSeconds: number;
  /** Failures of one account from one IP before refusing. @defaultValue 5 */
  maxPerIpAndAccount: number;
  /** Failures from one IP, any account, before refusing. @defaultValue 50 */
  maxPerIp: number;
  /** Failures of one account, any IP, after which each answer is delayed. @defaultValue 10 */
  slowAfterPerAccount: number;
};

export const DEFAULT_THROTTLE_POLICY: ThrottlePolicy = {
  windowSeconds: 15 * 60,
  maxPerIpAndAccount: 5,
  maxPerIp: 50,
  slowAfterPerAccount: 10,
};

export type ThrottleVerdict =
  { refused: true; retryAfterSeconds: number } | { refused: false; delayMs: number };

const PREFIX = 'receptionist:login-fail:';
const accountKey = (email: string) =>
  createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 32);

function keys(ip: string, email: string) {
  const account = accountKey(email);
  return {
    pair: `${PREFIX}pair:${ip}:${account}`,
    ip: `${PREFIX}ip:${ip}`,
    account: `${PREFIX}acct:${account}`,
  };
}

export class LoginThrottle {
  constructor(
    private readonly redis: Redis,
    private readonly policy: ThrottlePolicy = DEFAULT_THROTTLE_POLICY,
  ) {}

  async check(ip: string, email: string): Promise<ThrottleVerdict> {
    const k = keys(ip, email);
    const [pair, byIp, account] = (await this.redis.mget(k.pair, k.ip, k.account)).map((v) => Number(v ?? 0));
    const over =
      pair! >= this.policy.maxPerIpAndAccount ? k.pair : byIp! >= this.policy.maxPerIp ? k.ip : null;
    if (over) {
      const ttl = await this.redis.ttl(over);
      return { refused: true, retryAfterSeconds: ttl > 0 ? ttl : this.policy.windowSeconds };
    }
    const excess = account! - this.policy.slowAfterPerAccount;
    return { refused: false, delayMs: excess >= 0 ? Math.min(500 * 2 ** excess, 5000) : 0 };
  }

  async recordFailure(ip: string, email: string): Promise<void> {
    const multi = this.redis.multi();
    for (const key of Object.values(keys(ip, email))) {
      multi.incr(key);
      multi.expire(key, this.policy.windowSeconds, 'NX');
    }
    await multi.exec();
  }

  /** A success clears this IP's failures on the account (other IPs keep theirs). */
  async recordSuccess(ip: string, email: string): Promise<void> {
    await this.redis.del(keys(ip, email).pair);
  }
}
