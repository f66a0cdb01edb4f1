import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOG_COLUMNS } from '../sim/checks/catalog.ts';
import { PROJECT_DIR, tempDir } from '../sim/testing/fixtures.ts';
import { main } from './cli.ts';
import { memoryIo } from './io.ts';

async function cli(...argv: string[]) {
  const io = memoryIo(PROJECT_DIR);
  const code = await main(argv, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

const ROWS = [
  ['AP-1', 'apparel', 'true', '0.3', 'true', '', 'false', 'false'],
  ['3C-1', '3c', 'true', '0.2', '', 'CE-123', '', ''],
  ['MD-1', 'medical-device', 'true', '0.4', '', '', 'MDR-9', ''],
  ['HM-1', 'home', 'true', '2.5', '', '', '', ''],
];

describe('jitsim check catalog: what real spreadsheets save', () => {
  it('one bad cell: that SKU "cannot check" (located, exit 2), every other SKU still checked and reported', async () => {
    const dir = await tempDir();
    const rows = [...ROWS, ['BAD-1', '3c', 'true', 'heavy', '', '', '', ''], ['AD-1', 'adult', 'true', '0.1', '', '', '', '']];
    const file = join(dir, 'skus.csv');
    await writeFile(file, [CATALOG_COLUMNS.join(','), ...rows.map((r) => r.join(','))].join('\n') + '\n');
    const r = await cli('check', 'catalog', file);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot check .*skus\.csv:6:4 \(row 6, column weight_kg\): "heavy" is not a number/);
    expect(r.stdout).toMatch(/BAD-1\s+cannot check/);
    expect(r.stdout).toMatch(/FAIL BAN-3/); // the adult SKU after the bad row is still checked
    expect(r.stdout).toMatch(/Summary: 4 may use JIT \(1 with advice\), 1 may not, 1 cannot be checked/);
    const json = JSON.parse((await cli('check', 'catalog', file, '--json')).stdout);
    expect(json.summary).toMatchObject({ total: 6, cannotCheck: 1, blocked: 1 });
    expect(json.problems[0]).toMatchObject({ line: 6, col: 4, pointer: 'row 6, column weight_kg' });
  });

  it('a semicolon file (European Excel) and a tab file read as they are, with no "missing column" errors', async () => {
    const dir = await tempDir();
    for (const [name, sep] of [['semi.csv', ';'], ['tab.txt', '\t']] as const) {
      const file = join(dir, name);
      await writeFile(file, [CATALOG_COLUMNS.join(sep), ...ROWS.map((r) => r.join(sep))].join('\r\n') + '\r\n');
      const r = await cli('check', 'catalog', file, '--json');
      expect(r.stderr).not.toMatch(/missing|lacks/);
      expect(r.code, r.stderr).toBe(0);
      const out = JSON.parse(r.stdout);
      expect(out.format.delimiter).toBe(sep);
      expect(out.summary).toMatchObject({ total: 4, ok: 3, advisory: 1 });
    }
  });

  it('reads UTF-8 with a BOM, UTF-16 (Excel "Unicode text") and GB18030/GBK with Chinese headers', async () => {
    const dir = await tempDir();
    const zh = ['SKU编码,类目,是否打JIT标,重量（千克）,成分标签,CE/FCC证书编号,医疗器械认证,含锂电池', 'A-1,服饰,是,0.3,是,,否,否', 'B-1,3C数码,是,0.2,,CE-123,,', 'C-1,家居,否,0.5,,,,'].join('\r\n') + '\r\n';
    const gbk = Buffer.from(new Uint8Array(await (await import('node:child_process')).execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030'], { input: zh })));
    const files: [string, Buffer, string][] = [
      ['bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(zh)]), 'utf-8 (BOM)'],
      ['gbk.csv', gbk, 'gb18030'],
      ['utf16.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(zh.replace(/,/g, '\t'), 'utf16le')]), 'utf-16le'],
    ];
    for (const [name, bytes, encoding] of files) {
      const file = join(dir, name);
      await writeFile(file, bytes);
      const r = await cli('check', 'catalog', file, '--json');
      expect(r.code, `${name}: ${r.stderr}`).toBe(1);
      const out = JSON.parse(r.stdout);
      expect(out.format.encoding).toBe(encoding);
      expect(out.skus.map((s: { sku: string; status: string }) => [s.sku, s.status])).toEqual([['A-1', 'ok'], ['B-1', 'ok'], ['C-1', 'blocked']]);
    }
    const text = await cli('check', 'catalog', join(dir, 'gbk.csv'), '--lang', 'zh');
    expect(text.stdout).toMatch(/商品检查：3 个SKU（分隔符 ,，编码 gb18030）/);
  });

  it('bytes that are no text at all: one clear message, exit 2', async () => {
    const dir = await tempDir();
    const file = join(dir, 'x.csv');
    await writeFile(file, Buffer.from([0x80, 0x81, 0xff, 0x00, 0xfe, 0x30, 0x81]));
    const r = await cli('check', 'catalog', file);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/neither UTF-8 nor GB18030\/GBK text|the header lacks/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('jitsim check catalog: rules by date (effective / until)', () => {
  it('applies the rules in force today: an ended rule no longer blocks, a later one is announced as a warning', async () => {
    const { copyRules } = await import('../sim/testing/fixtures.ts');
    const meta = (id: string, effective: string) => ({ id, name: { en: id, zh: id }, source: { document: 'test', article: 'ENABLE' }, effective });
    const { rulesDir } = await copyRules((f) => {
      // home goods banned from a date far ahead; SKU-2 (composition label) ended in 2025
      f.catalogue.bannedCategories.push({ ...meta('BAN-T', '2999-01-01'), category: 'home', message: { en: 'Home banned.', zh: '家居禁售。' }, remedy: { en: 'Ship direct.', zh: '请直发。' } });
      f.catalogue.rules.find((r: { id: string }) => r.id === 'SKU-2').until = '2025-01-01';
    });
    const dir = await tempDir('jitsim-catalog-dates-');
    const file = join(dir, 'skus.csv');
    // AP-1 has no composition label (SKU-2 would block it before 2025); HM-1 is home goods
    await writeFile(file, [CATALOG_COLUMNS.join(','), 'AP-1,apparel,true,0.3,false,,false,false', 'HM-1,home,true,0.5,,,,'].join('\n') + '\n');
    const r = await cli('check', 'catalog', file, '--rules', rulesDir, '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.skus.map((v: { sku: string; status: string }) => [v.sku, v.status])).toEqual([['AP-1', 'ok'], ['HM-1', 'ok']]);
    expect(out.findings).toEqual([expect.objectContaining({ rule: 'BAN-T', severity: 'warning', message: expect.stringMatching(/BAN-T is not in force yet \(from 2999-01-01\): from then it also blocks 1 SKU\(s\) that pass today/) })]);
  });
});

describe('jitsim check catalog: a long catalogue', () => {
  it('lists the first 100 SKUs that may not use JIT, then how many more; --all lists every one; --json has every verdict', async () => {
    const dir = await tempDir();
    const rows = Array.from({ length: 130 }, (_, i) => [`AD-${i}`, 'adult', 'true', '0.1', '', '', '', '']);
    const file = join(dir, 'skus.csv');
    await writeFile(file, [CATALOG_COLUMNS.join(','), ...rows.map((r) => r.join(','))].join('\n') + '\n');
    const r = await cli('check', 'catalog', file);
    expect(r.code).toBe(1);
    expect(r.stdout.match(/^ {2}AD-\d+ /gm)).toHaveLength(100);
    expect(r.stdout).toMatch(/… and 30 more SKUs .*the first 100 are listed; --all lists every one/);
    expect(r.stdout).toMatch(/Summary: 0 may use JIT \(0 with advice\), 130 may not/);
    const all = await cli('check', 'catalog', file, '--all');
    expect(all.stdout.match(/^ {2}AD-\d+ /gm)).toHaveLength(130);
    expect(all.stdout).not.toMatch(/more SKUs/);
    const zh = await cli('check', 'catalog', file, '--lang', 'zh');
    expect(zh.stdout).toMatch(/另有 30 个/);
    const json = JSON.parse((await cli('check', 'catalog', file, '--json')).stdout);
    expect(json.skus).toHaveLength(130);
  });

  it('--json is written in batches, byte for byte what JSON.stringify(…, null, 2) writes', async () => {
    const { writeJsonStreamed } = await import('./commands/check-catalog.ts');
    const values: Record<string, unknown>[] = [
      { a: 1, skus: [{ x: [1, { y: 'z' }], n: null }, { x: [] }, 'ß"\n', 3], b: { c: [] }, u: undefined },
      { skus: [], a: 'x' },
      { a: 1, skus: Array.from({ length: 2501 }, (_, i) => ({ i, s: [i, `${i}`] })) },
      { skus: [undefined, () => 1, { k: undefined }] },
      {},
    ];
    for (const v of values) {
      let out = '';
      writeJsonStreamed({ out: (s: string) => void (out += `${s}\n`) }, v, 'skus');
      expect(out).toBe(`${JSON.stringify(v, null, 2)}\n`);
    }
  });
});

describe('jitsim check catalog: lithium-battery classes and their lanes', () => {
  const BAT = [
    ['EB-1', '3c', 'true', '0.2', 'true', 'CE-1', 'false', 'UN3481'],
    ['PB-1', '3c', 'true', '0.3', 'true', 'CE-1', 'false', 'un3480'],
    ['PB-2', '3c', 'true', '0.3', 'true', 'CE-1', 'false', 'UN 3480'],
    ['EB-2', '3c', 'true', '0.2', 'true', 'CE-1', 'false', '是'],
    ['TEE', 'apparel', 'true', '0.2', 'true', '', 'false', '否'],
  ];
  const write = async (rows: string[][]) => {
    const file = join(await tempDir(), 'skus.csv');
    await writeFile(file, [CATALOG_COLUMNS.join(','), ...rows.map((r) => r.join(','))].join('\n') + '\n');
    return file;
  };

  it('reads UN3481 / UN3480 (and yes = UN3481, no = none) and states per destination which lanes take each class (data/battery.json)', async () => {
    const r = await cli('check', 'catalog', await write(BAT), '--dest', 'ES,gb', '--json');
    const j = JSON.parse(r.stdout);
    expect(j.battery.skus.map((k: { sku: string; battery: string }) => `${k.sku} ${k.battery}`)).toEqual(['EB-1 UN3481', 'PB-1 UN3480', 'PB-2 UN3480', 'EB-2 UN3481']);
    expect(j.battery.dests).toEqual(['ES', 'GB']);
    const es81 = j.battery.classes.UN3481[0];
    // direct: UN3481 accepted at 6 CNY per parcel; ES last mile 0; sea LCL head-haul 0.5 CNY/kg
    expect(es81.direct).toMatchObject({ accept: true, surchargeCny: 6, unit: 'parcel' });
    expect(es81.headhaul['sea-lcl']).toMatchObject({ accept: true, surchargeCny: 0.5, unit: 'kg' });
    const [es80, gb80] = j.battery.classes.UN3480;
    // power banks: no direct lane; the ES warehouse ships them; in GB the last mile (Royal Mail) refuses them too
    expect(es80.modes).toEqual({ direct: false, warehouse: true, tpl: true });
    expect(gb80.modes).toEqual({ direct: false, warehouse: false, tpl: false });
    expect(gb80.warehouseLastMile.ref).toMatch(/^data\/battery\.json#\/lanes\/\d+$/);
    // every battery SKU is banned from JIT by the catalogue rules (BAN-1), whatever its class
    expect(j.skus.filter((v: { banned: string[] }) => v.banned.includes('BAN-1')).length).toBe(4);
    const t = await cli('check', 'catalog', await write(BAT), '--dest', 'GB', '--lang', 'zh');
    expect(t.stdout).toMatch(/UN3480：2 个SKU——PB-1, PB-2\n {2}GB：直发.*✗ 拒收；自营仓与第三方仓尾程 ✗ 拒收；.*——自营仓与第三方仓均无法承运/);
    // without --dest the user is told how to see the lanes
    expect((await cli('check', 'catalog', await write(BAT))).stdout).toMatch(/4 lithium-battery SKU\(s\): give --dest/);
  });

  it('a bad battery cell makes that SKU "cannot check", located (exit 2); a bad --dest is bad input', async () => {
    const r = await cli('check', 'catalog', await write([...BAT, ['X-1', '3c', 'true', '0.2', 'true', 'CE-1', 'false', 'li-ion']]));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/skus\.csv:7:\d+ \(row 7, column contains_lithium_battery\): "li-ion" is neither a lithium-battery class nor yes\/no — write UN3481/);
    const d = await cli('check', 'catalog', await write(BAT), '--dest', 'ES,XX');
    expect(d.code).toBe(2);
    expect(d.stderr).toMatch(/unknown country "XX"/);
  });
});
