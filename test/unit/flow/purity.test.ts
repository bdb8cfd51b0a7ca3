import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '../../../src/flow');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('the flow engine stays pure', () => {
  const sources = files(root).map((p) => [relative(root, p), readFileSync(p, 'utf8')] as const);

  it.each(sources)('when %s imports something, then it is zod or a file of src/flow', (_name, text) => {
    const specifiers = [...text.matchAll(/from '([^']+)'/g)].map((m) => m[1] ?? '');
    expect(specifiers.filter((s) => s !== 'zod' && !s.startsWith('.'))).toEqual([]);
  });

  it.each(sources)('when %s is read, then it uses no clock, randomness or process', (_name, text) => {
    expect(text).not.toMatch(/Date\.now|new Date\(|Math\.random|process\.|require\(/);
  });
});
