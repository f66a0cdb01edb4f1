import { describe, expect, it } from 'vitest';
import { importCycles, importGraph } from '../sim/testing/import-graph.ts';
import { PROJECT_DIR } from '../sim/testing/fixtures.ts';

describe('structure', () => {
  it('has no import cycle (type-only and dynamic imports included)', () => {
    const graph = importGraph(PROJECT_DIR, ['scripts', 'sim', 'reports', 'bench']);
    // the graph is real (not an empty scan that would pass trivially): a static, a type-only and a lazy import are in it
    expect(Object.keys(graph).length).toBeGreaterThan(100);
    expect(graph['scripts/cli.ts']).toEqual(expect.arrayContaining(['scripts/exit-codes.ts']));
    expect(graph['sim/testing/fixtures.ts']).toEqual(expect.arrayContaining(['sim/checks/inputs.ts'])); // `import type`
    expect(graph['sim/testing/bundle.ts']).toEqual(expect.arrayContaining(['scripts/build.ts'])); // `await import(…)`
    expect(importCycles(graph)).toEqual([]);
  });

  it('finds a cycle of three files and a file importing itself, and nothing in a tree', () => {
    expect(importCycles({ 'a.ts': ['b.ts'], 'b.ts': ['c.ts'], 'c.ts': ['a.ts'], 'd.ts': ['a.ts'] })).toEqual([['a.ts', 'b.ts', 'c.ts']]);
    expect(importCycles({ 'a.ts': ['a.ts'], 'b.ts': [] })).toEqual([['a.ts']]);
    expect(importCycles({ 'a.ts': ['b.ts'], 'b.ts': [] })).toEqual([]);
  });
});
