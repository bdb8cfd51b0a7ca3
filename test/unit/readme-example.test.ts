import { readFileSync } from 'node:fs';
import path from 'node:path';
import { clientProfileSchema } from '../../src/flow/profile';

describe('README', () => {
  it('when a reader copies the example client, then it is a valid client profile', () => {
    const readme = readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf("## A client's routing, by example"));
    const json = /```json\n([\s\S]*?)```/.exec(section)?.[1];
    expect(json).toBeDefined();
    const result = clientProfileSchema.safeParse(JSON.parse(json!));
    expect(result.error?.issues).toBeUndefined();
    expect(result.data?.rules).toHaveLength(3);
    expect(result.data).toMatchObject({ sector: 'medical', spokenName: 'au cabinet Martin' });
  });
});
