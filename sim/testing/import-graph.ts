/**
 * The import graph of jitsim's TypeScript files, for the import-cycle check (scripts/structure.test.ts).
 * Imports are read with TypeScript's own pre-processor (`ts.preProcessFile`: a scan of the import and
 * export statements, `import type` and `import()` included, without building a syntax tree) — madge
 * found the same graph but parsed every file into a full ESTree first (~10 s CPU for 300 files).
 * jitsim imports its own modules by relative paths with the `.ts` extension; anything else (a package,
 * `node:`) is not part of the graph.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/** file (relative to `baseDir`, `/`-separated) → the project files it imports, sorted. */
export type ImportGraph = Record<string, string[]>;

export function importGraph(baseDir: string, dirs: string[]): ImportGraph {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts')) files.push(p);
    }
  };
  for (const d of dirs) walk(resolve(baseDir, d));
  const known = new Set(files);
  const graph: ImportGraph = {};
  for (const f of files.sort()) {
    const { importedFiles } = ts.preProcessFile(readFileSync(f, 'utf8'), true, true);
    const deps = new Set<string>();
    for (const { fileName } of importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const target = resolve(dirname(f), fileName);
      if (known.has(target)) deps.add(relative(baseDir, target).split('\\').join('/'));
    }
    graph[relative(baseDir, f).split('\\').join('/')] = [...deps].sort();
  }
  return graph;
}

/** Every import cycle: the strongly connected components with more than one file, or a file importing itself (Tarjan). */
export function importCycles(graph: ImportGraph): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph[v] ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (graph[v] ?? []).includes(v)) cycles.push(scc.sort());
    }
  };
  for (const v of Object.keys(graph)) if (!index.has(v)) visit(v);
  return cycles;
}
