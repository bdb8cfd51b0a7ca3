import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = join(__dirname, '../../../src/flow');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('the flow engine stays pure', () => {
  const sources = files(root).map((p) => [relative(root, p), readFileSync(p, 'utf8')] as const);

  it.each(sources)('when %s imports something, then it is zod or a file of src/flow', (name, text) => {
    const specifiers = [...text.matchAll(/from '([^']+)'/g)].map((m) => m[1] ?? '');
    const outside = specifiers.filter(
      (s) =>
        s !== 'zod' &&
        (!s.startsWith('.') || relative(root, resolve(dirname(join(root, name)), s)).startsWith('..')),
    );
    expect(outside).toEqual([]);
  });

  it.each(sources)('when %s is read, then it uses no clock, randomness or process', (_name, text) => {
    expect(text).not.toMatch(/Date\.now|new Date\(|Math\.random|process\.|require\(/);
  });
});
