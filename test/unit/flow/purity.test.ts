import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = join(__dirname, '../../../src/flow');
/** What the engine may import besides itself (as the dependency rule `flow-is-pure` says). */
const PACKAGES = ['zod', 'libphonenumber-js'];
const DOMAIN = join(__dirname, '../../../src/domain');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('the flow engine stays pure', () => {
  const sources = files(root).map((p) => [relative(root, p), readFileSync(p, 'utf8')] as const);

  it.each(sources)(
    'when %s imports something, then it is zod, libphonenumber-js, src/flow or src/domain',
    (name, text) => {
      const specifiers = [...text.matchAll(/from '([^']+)'/g)].map((m) => m[1] ?? '');
      const inside = (dir: string, s: string) =>
        !relative(dir, resolve(dirname(join(root, name)), s)).startsWith('..');
      const outside = specifiers.filter(
        (s) =>
          !PACKAGES.some((p) => s === p || s.startsWith(`${p}/`)) &&
          (!s.startsWith('.') || !(inside(root, s) || inside(DOMAIN, s))),
      );
      expect(outside).toEqual([]);
    },
  );

  it.each(sources)('when %s is read, then it uses no clock, randomness or process', (_name, text) => {
    expect(text).not.toMatch(/Date\.now|new Date\(|Math\.random|process\.|require\(/);
  });
});
