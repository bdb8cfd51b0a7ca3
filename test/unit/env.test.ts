import { ConfigError, parseEnv } from '../../src/config/env';

describe('environment parsing', () => {
  it('when nothing is set, then safe local defaults let the service start', () => {
    const config = parseEnv({});
    expect(config.port).toBe(3000);
    expect(config.publicBaseUrl).toBe('http://localhost:3000');
    expect(config.mongodbUri).toBe('mongodb://127.0.0.1:27017/receptionist');
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(config.twilio.live).toBe(false);
    expect(config.isProduction).toBe(false);
    expect(config.http).toEqual({
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 30_000,
      keepAliveTimeoutMs: 65_000,
    });
    expect(config.notify).toEqual({ lockMs: 30_000, stalledIntervalMs: 30_000, transcriptionWaitMs: 90_000 });
    expect(config.recordingLinks.ttlMs).toBe(7 * 86_400_000);
    expect(config.recordingLinks.secret).not.toBe(config.sessionSecret);
  });

  it('when the recording links have their own secret and lifetime, then they are used', () => {
    const config = parseEnv({
      RECORDING_LINK_SECRET: 'r'.repeat(32),
      RECORDING_LINK_TTL_HOURS: '24',
      TRANSCRIPTION_WAIT_MS: '0',
    });
    expect(config.recordingLinks).toEqual({ secret: 'r'.repeat(32), ttlMs: 86_400_000 });
    expect(config.notify.transcriptionWaitMs).toBe(0);
  });

  it('when values are given, then they are used and the base URL loses its trailing slash', () => {
    const config = parseEnv({
      PORT: '8080',
      PUBLIC_BASE_URL: 'https://rx.example.com/',
      MONGODB_URI: 'mongodb://db:27017/rx',
      REDIS_URL: 'redis://cache:6379/2',
      TWILIO_ACCOUNT_SID: `AC${'a'.repeat(32)}`,
      TWILIO_AUTH_TOKEN: 'x'.repeat(32),
      LOG_LEVEL: 'debug',
      TRUST_PROXY: '0',
    });
    expect(config).toMatchObject({
      trustProxyHops: 0,
      port: 8080,
      publicBaseUrl: 'https://rx.example.com',
      mongodbUri: 'mongodb://db:27017/rx',
      redisUrl: 'redis://cache:6379/2',
      logLevel: 'debug',
    });
    expect(config.twilio.live).toBe(true);
  });

  it.each([
    [{ PORT: 'eighty' }, /^Invalid environment variable PORT: expected a TCP port number \(got "eighty"\)$/],
    [{ PORT: '70000' }, /^Invalid environment variable PORT: .*between 0 and 65535/],
    [{ PUBLIC_BASE_URL: 'ftp://x' }, /^Invalid environment variable PUBLIC_BASE_URL: expected a URL/],
    [
      { MONGODB_URI: 'postgres://x' },
      /^Invalid environment variable MONGODB_URI: expected a URL such as mongodb:/,
    ],
    [{ REDIS_URL: 'localhost:6379' }, /^Invalid environment variable REDIS_URL/],
    [
      { TWILIO_ACCOUNT_SID: 'AC123' },
      /^Invalid environment variable TWILIO_ACCOUNT_SID: expected a Twilio Account SID/,
    ],
    [{ LOG_LEVEL: 'verbose' }, /^Invalid environment variable LOG_LEVEL: expected one of error, warn, info/],
    [{ SESSION_SECRET: 'short' }, /^Invalid environment variable SESSION_SECRET: expected a random secret/],
    [{ TRUST_PROXY: 'true' }, /^Invalid environment variable TRUST_PROXY: expected a number of proxy hops/],
    [
      { NOTIFY_LOCK_MS: '5s' },
      /^Invalid environment variable NOTIFY_LOCK_MS: expected a duration in milliseconds/,
    ],
    [
      { NOTIFY_STALLED_INTERVAL_MS: '100' },
      /^Invalid environment variable NOTIFY_STALLED_INTERVAL_MS: expected a duration from 500 to 600000 ms/,
    ],
    [
      { TRANSCRIPTION_WAIT_MS: '900000' },
      /^Invalid environment variable TRANSCRIPTION_WAIT_MS: expected a duration from 0 to 600000 ms/,
    ],
    [
      { RECORDING_LINK_SECRET: 'short' },
      /^Invalid environment variable RECORDING_LINK_SECRET: expected a random secret of at least 32/,
    ],
    [
      { RECORDING_LINK_TTL_HOURS: '0' },
      /^Invalid environment variable RECORDING_LINK_TTL_HOURS: expected a number of hours from 1 to 2160/,
    ],
    [{ NODE_ENV: 'production' }, /^Invalid environment variable PUBLIC_BASE_URL: required in production$/],
    [
      { HTTP_HEADERS_TIMEOUT_MS: '10s' },
      /^Invalid environment variable HTTP_HEADERS_TIMEOUT_MS: expected a duration in milliseconds/,
    ],
    [
      { HTTP_KEEP_ALIVE_TIMEOUT_MS: '0' },
      /^Invalid environment variable HTTP_KEEP_ALIVE_TIMEOUT_MS: expected a duration from 1000 to 600000 ms/,
    ],
    [
      { HTTP_HEADERS_TIMEOUT_MS: '20000', HTTP_REQUEST_TIMEOUT_MS: '15000' },
      /^Invalid environment variable HTTP_HEADERS_TIMEOUT_MS: must not exceed HTTP_REQUEST_TIMEOUT_MS \(15000\)/,
    ],
  ])('when %j, then start-up stops with one line naming the variable', (env, message) => {
    let error: unknown;
    try {
      parseEnv(env);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });

  it('when WEBHOOK_ALLOW_PRIVATE is set outside production, then webhooks may reach this machine; by default not', () => {
    expect(parseEnv({}).outbound).toEqual({ requireHttps: false, allowPrivate: false });
    expect(parseEnv({ WEBHOOK_ALLOW_PRIVATE: 'true' }).outbound).toEqual({
      requireHttps: false,
      allowPrivate: true,
    });
    expect(() => parseEnv({ WEBHOOK_ALLOW_PRIVATE: 'yes' })).toThrow(
      /^Invalid environment variable WEBHOOK_ALLOW_PRIVATE: expected true or false/,
    );
  });

  it('when WEBHOOK_ALLOW_PRIVATE is true in production, then start-up stops naming it', () => {
    const production = {
      NODE_ENV: 'production',
      PUBLIC_BASE_URL: 'https://rx.example.com',
      MONGODB_URI: 'mongodb://db:27017/rx',
      TWILIO_ACCOUNT_SID: `AC${'a'.repeat(32)}`,
      TWILIO_AUTH_TOKEN: 'x'.repeat(32),
      SESSION_SECRET: 's'.repeat(32),
      ADMIN_API_TOKEN: 't'.repeat(32),
    };
    expect(parseEnv(production).outbound).toEqual({ requireHttps: true, allowPrivate: false });
    expect(() => parseEnv({ ...production, WEBHOOK_ALLOW_PRIVATE: 'true' })).toThrow(
      /^Invalid environment variable WEBHOOK_ALLOW_PRIVATE: must not be true in production/,
    );
  });

  it('when a secret is invalid, then its value is not echoed', () => {
    expect(() => parseEnv({ ADMIN_API_TOKEN: 'tiny' })).toThrow(
      /^Invalid environment variable ADMIN_API_TOKEN: [^"]*$/,
    );
  });
});
