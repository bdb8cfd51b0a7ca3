import { applyPatches, type Patch } from '../../scripts/ferretdb/patches';

const patch: Patch = { file: 'a.go', find: 'x := 1\n', replace: 'x := 2\n' };

describe('FerretDB build patches', () => {
  it('when the original text occurs once, then it is replaced and the rest is kept', () => {
    expect(applyPatches('a.go', '// License\nx := 1\ny := 1\n', [patch])).toBe(
      '// License\nx := 2\ny := 1\n',
    );
  });

  it.each([
    ['is missing', 'y := 1\n', 0],
    ['occurs twice', 'x := 1\nx := 1\n', 2],
  ])('when the original text %s, then the build is stopped', (_, text, count) => {
    expect(() => applyPatches('a.go', text, [patch])).toThrow(`found it ${count} times`);
  });

  it('when a file has no patch, then it is returned unchanged', () => {
    expect(applyPatches('b.go', 'x := 1\n', [patch])).toBe('x := 1\n');
  });
});
