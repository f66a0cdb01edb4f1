import madge from 'madge';
import { describe, expect, it } from 'vitest';
import { PROJECT_DIR } from '../sim/testing/fixtures.ts';

describe('structure', () => {
  it('has no import cycle (madge, type-only imports included)', async () => {
    const result = await madge(['scripts', 'sim', 'reports', 'bench'], {
      baseDir: PROJECT_DIR,
      fileExtensions: ['ts'],
      tsConfig: `${PROJECT_DIR}/tsconfig.json`,
      detectiveOptions: { ts: { skipTypeImports: false } },
    });
    // the graph is real (not an empty scan that would pass trivially)
    expect(Object.keys(result.obj()).length).toBeGreaterThan(100);
    expect(result.obj()['scripts/cli.ts']).toEqual(expect.arrayContaining(['scripts/exit-codes.ts']));
    expect(result.circular()).toEqual([]);
  });
});
