import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = join(__dirname, '../../../src/flow');
const domain = join(__dirname, '../../../src/domain');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('the flow engine stays pure', () => {
  const sources = files(root).map((p) => [relative(root, p), readFileSync(p, 'utf8')] as const);

  it.each(sources)(
    'when %s imports something, then it is zod, libphonenumber-js or src/flow or src/domain',
    (name, text) => {
      const specifiers = [...text.matchAll(/from '([^']+)'/g)].map((m) => m[1] ?? '');
      const inside = (dir: string, s: string) =>
        !relative(dir, resolve(dirname(join(root, name)), s)).startsWith('..');
      const outside = specifiers.filter(
        (s) =>
          s !== 'zod' &&
          !s.startsWith('libphonenumber-js') &&
          (!s.startsWith('.') || !(inside(root, s) || inside(domain, s))),
      );
      expect(outside).toEqual([]);
    },
  );

  it.each(sources)('when %s is read, then it uses no clock, randomness or process', (_name, text) => {
    expect(text).not.toMatch(/Date\.now|new Date\(|Math\.random|process\.|require\(/);
  });
});
