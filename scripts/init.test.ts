/** `jitsim init` then `jitsim simulate` from an empty folder, and the Chinese help of every command. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_DIR, tempDir } from '../sim/testing/fixtures.ts';
import { main } from './cli.ts';
import { memoryIo } from './io.ts';

describe('jitsim init', () => {
  it('scaffolds a client folder whose scenario validates and simulates as is', async () => {
    const root = await tempDir('jitsim-init-');
    const io = memoryIo(root);
    expect(await main(['init', 'acme', '--name', 'ACME 服饰', '--orders-per-day', '80', '--destinations', 'ES:0.6,FR:0.4', '--category', 'apparel'], io)).toBe(0);
    const scenario = JSON.parse(await readFile(join(root, 'acme', 'scenario.json'), 'utf8'));
    expect(scenario).toMatchObject({ title: 'ACME 服饰', destinations: [{ country: 'ES', share: 0.6 }, { country: 'FR', share: 0.4 }], demand: { ordersPerDay: { mode: 80 } } });
    const readme = await readFile(join(root, 'acme', 'README.md'), 'utf8');
    // every top-level field of the scenario is explained in the README
    for (const k of Object.keys(scenario).filter((k) => k !== '$schema')) expect(readme, k).toContain(`\`${k}`);
    const sim = memoryIo(PROJECT_DIR);
    const code = await main(['simulate', join(root, 'acme', 'scenario.json'), '--trials', '40', '--workers', '1', '--no-break-even', '--no-sensitivity', '--out', join(root, 'out')], sim);
    expect(sim.stderr).toBe('');
    expect(code).toBe(0);
    expect(sim.stdout).toMatch(/JIT\s+[\d,]+/);
    // the catalogue template passes the catalogue check's parser (exit 0 or 1, never 2)
    expect([0, 1]).toContain(await main(['check', 'catalog', join(root, 'acme', 'skus.csv')], memoryIo(PROJECT_DIR)));
  }, 120_000);

  it('refuses a folder that is not empty, and bad flags, with exit 2', async () => {
    const root = await tempDir('jitsim-init-');
    expect(await main(['init', 'a'], memoryIo(root))).toBe(0);
    const again = memoryIo(root);
    expect(await main(['init', 'a'], again)).toBe(2);
    expect(again.stderr).toMatch(/not empty/);
    const shares = memoryIo(root);
    expect(await main(['init', 'b', '--destinations', 'ES:0.5,FR:0.2'], shares)).toBe(2);
    expect(shares.stderr).toMatch(/add up to 1/);
  });
});

describe('--help --lang zh', () => {
  const COMMANDS = [[], ['rules'], ['rules', 'validate'], ['rules', 'test'], ['check'], ['check', 'store'], ['check', 'catalog'], ['check', 'exit'], ['check', 'reentry'], ['quote'], ['simulate'], ['report'], ['impact'], ['diff'], ['init']];
  it.each(COMMANDS)('is Chinese for "%s"', async (...cmd) => {
    const io = memoryIo(PROJECT_DIR);
    expect(await main([...(cmd as string[]), '--help', '--lang', 'zh'], io)).toBe(0);
    expect(io.stdout).toMatch(/^用法：jitsim/);
    expect(io.stdout).not.toMatch(/Usage:|Options:|display help|output the version|default:/);
    // every option and command line explains itself in Chinese
    for (const line of io.stdout.split('\n').filter((l) => /^\s+(-|[a-z]+ )/.test(l) && /\s{2,}\S/.test(l.trim()))) expect(line, line).toMatch(/[\u4e00-\u9fff]/);
    const en = memoryIo(PROJECT_DIR);
    await main([...(cmd as string[]), '--help'], en);
    expect(en.stdout).toMatch(/^Usage: jitsim/);
    expect(en.stdout).not.toMatch(/[\u4e00-\u9fff]{4}/); // English help is English (product names like 简体中文 aside)
  });
});
