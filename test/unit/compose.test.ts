/**
 * docker-compose.yml cannot be run here (no Docker engine, no compose plugin); this checks what
 * `docker compose config` would need and what production relies on.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

type Service = {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  volumes?: string[];
};

const compose = parse(readFileSync(path.join(__dirname, '..', '..', 'docker-compose.yml'), 'utf8')) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
};

describe('docker-compose.yml', () => {
  it('runs web, worker, MongoDB 7 and Redis 7, each with a health check or a dependency on one', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['mongo', 'redis', 'web', 'worker']);
    expect(compose.services.mongo!.image).toBe('mongo:7');
    expect(compose.services.redis!.image).toBe('redis:7');
    for (const name of ['web', 'mongo', 'redis'])
      expect(compose.services[name]!.healthcheck?.test.length).toBeGreaterThan(0);
    expect(compose.services.web!.depends_on).toMatchObject({
      mongo: { condition: 'service_healthy' },
      redis: { condition: 'service_healthy' },
    });
  });

  it('keeps data in volumes, with Redis append-only', () => {
    expect(compose.services.mongo!.volumes).toContain('mongo-data:/data/db');
    expect(compose.services.redis!.command).toEqual(expect.arrayContaining(['--appendonly', 'yes']));
    expect(Object.keys(compose.volumes).sort()).toEqual(['mongo-data', 'redis-data']);
  });

  it('gives web and worker every variable of the environment contract', () => {
    for (const name of ['web', 'worker']) {
      expect(Object.keys(compose.services[name]!.environment ?? {})).toEqual(
        expect.arrayContaining([
          'PORT',
          'PUBLIC_BASE_URL',
          'MONGODB_URI',
          'REDIS_URL',
          'TWILIO_ACCOUNT_SID',
          'TWILIO_AUTH_TOKEN',
          'SESSION_SECRET',
          'ADMIN_API_TOKEN',
          'LOG_LEVEL',
        ]),
      );
    }
    expect(compose.services.worker!.command).toEqual(['node', 'dist/src/main/worker.js']);
  });
});
