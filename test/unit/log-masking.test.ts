import { PassThrough } from 'node:stream';
import { createLogger, logContext } from '../../src/infra/logger';
import { maskPhoneNumbers } from '../../src/infra/phone-mask';

describe('phone number masking', () => {
  it.each([
    ['+33612345678', '+33*******78'],
    ['+14155550123', '+1********23'],
    ['+442071838750', '+44********50'],
    ['+35312345678', '+353******78'],
    ['call from 0612345678 now', 'call from 0*******78 now'],
    ['From=%2B33612345678&To=%2B33180000001', 'From=%2B33*******78&To=%2B33*******01'],
    ['+41446681800', '+41*******00'],
    ['+3222123456', '+32******56'],
    ['+99912345678', '+9********78'],
    ['UK caller 02079460958', 'UK caller 0********58'],
    ['Belgian 022123456 and Swiss 0446681800', 'Belgian 0******56 and Swiss 0*******00'],
    ['no number 12345 here', 'no number 12345 here'],
  ])('%s → %s', (input, expected) => {
    expect(maskPhoneNumbers(input)).toBe(expected);
  });
});

function capture(json: boolean) {
  const stream = new PassThrough();
  const lines: string[] = [];
  stream.on('data', (d: Buffer) => lines.push(...d.toString().split('\n').filter(Boolean)));
  const logger = createLogger({ level: 'debug', json, stream });
  return { logger, lines };
}

describe('logger', () => {
  it('when a line mentions numbers in its message and metadata, then all are masked in JSON output', async () => {
    const { logger, lines } = capture(true);
    logger.info('call from +33612345678', { to: '+33180000001', nested: { list: ['+14155550123'] } });
    await new Promise((r) => setImmediate(r));
    const entry = JSON.parse(lines[0]!);
    expect(entry.message).toBe('call from +33*******78');
    expect(entry.to).toBe('+33*******01');
    expect(entry.nested.list[0]).toBe('+1********23');
    expect(lines[0]).not.toMatch(/612345678|180000001|4155550123/);
  });

  it('when logging inside a request context, then the line carries the request id', async () => {
    const { logger, lines } = capture(true);
    logContext.run({ requestId: 'req-42' }, () => logger.info('hello'));
    await new Promise((r) => setImmediate(r));
    expect(JSON.parse(lines[0]!).requestId).toBe('req-42');
  });

  it('when readable output is chosen, then lines are not JSON and still masked', async () => {
    const { logger, lines } = capture(false);
    logContext.run({ requestId: 'r1' }, () => logger.warn('dial +33612345678 failed'));
    await new Promise((r) => setImmediate(r));
    expect(lines[0]).toContain('[r1]');
    expect(lines[0]).toContain('+33*******78');
    expect(() => JSON.parse(lines[0]!)).toThrow();
  });
});
