/**
 * Overrides of data/ parameters from a scenario: `"modes.<param>"`, `"warehouse.<param>"` (every
 * site) and `"warehouse.<CC>.<param>"` (one site; wins over the general one). Each key is checked
 * against the data files; a value may be a number or a distribution.
 */
import { isCountryCode } from '../io/country-code.ts';
import type { DataSet } from '../data/data-set.ts';
import { distance } from 'fastest-levenshtein';
import { SIM_MODE_PARAMS, WAREHOUSE_FRACTIONS, WAREHOUSE_PARAMS, type WarehouseParam } from '../data/schema.ts';
import { text, type Text } from '../i18n/index.ts';

/** A parsed override key. */
export type OverrideTarget = { file: 'modes'; param: string; fraction: boolean } | { file: 'warehouse'; site: string | null; param: WarehouseParam; fraction: boolean };

/** Every key a scenario may override, for suggestions. */
export function validOverrideKeys(data: DataSet, site: string | null = null): string[] {
  return [...SIM_MODE_PARAMS.map((k) => `modes.${k}`), ...WAREHOUSE_PARAMS.map((k) => (site ? `warehouse.${site}.${k}` : `warehouse.${k}`))].filter((k) => !k.startsWith('modes.') || typeof data.modes.params[k.slice(6)]?.value === 'number');
}

/** The (at most three) valid keys closest to `key` by edit distance. */
export function closestKeys(key: string, valid: readonly string[], n = 3): string[] {
  return valid
    .map((k) => ({ k, d: distance(key.toLowerCase(), k.toLowerCase()) }))
    .sort((a, b) => a.d - b.d || a.k.localeCompare(b.k))
    .slice(0, n)
    .map((x) => x.k);
}

const suggest = (key: string, valid: readonly string[]): Text => {
  const c = closestKeys(key, valid);
  return text(`did you mean ${c.join(', ')}? (every key: data/scenarios/README.md, "Overrides")`, `是否想写 ${c.join('、')}？（全部键见 data/scenarios/README.md“Overrides”）`);
};

/** Parses and checks an override key; returns the target or what is wrong with it (with the closest valid keys). */
export function parseOverrideKey(data: DataSet, key: string): OverrideTarget | { error: Text; remedy: Text } {
  const parts = key.split('.');
  if (parts[0] === 'modes' && parts.length === 2) {
    const p = data.modes.params[parts[1]!];
    if (p && typeof p.value === 'number' && !(SIM_MODE_PARAMS as readonly string[]).includes(parts[1]!))
      return { error: text(`modes.${parts[1]} is not read by the simulation (only \`jitsim quote\` uses it), so overriding it would change nothing`, `modes.${parts[1]} 不参与模拟（仅 \`jitsim quote\` 使用），覆盖它不会改变任何结果`), remedy: suggest(key, validOverrideKeys(data)) };
    if (!p || typeof p.value !== 'number') return { error: text(`unknown parameter "${parts[1]}" in data/modes.json`, `data/modes.json 中没有参数 "${parts[1]}"`), remedy: suggest(key, validOverrideKeys(data)) };
    return { file: 'modes', param: parts[1]!, fraction: p.unit === 'fraction' };
  }
  if (parts[0] === 'warehouse' && (parts.length === 2 || parts.length === 3)) {
    const site = parts.length === 3 ? parts[1]! : null;
    const param = parts[parts.length - 1]!;
    if (site !== null && (!/^[A-Z]{2}$/.test(site) || !isCountryCode(site))) return { error: text(`"${site}" is not an ISO 3166-1 alpha-2 country code`, `"${site}" 不是 ISO 3166-1 二位国家代码`), remedy: text('write e.g. warehouse.ES.rentCnyPerM3Month', '请写成如 warehouse.ES.rentCnyPerM3Month') };
    if (!(WAREHOUSE_PARAMS as readonly string[]).includes(param)) return { error: text(`unknown warehouse parameter "${param}"`, `未知的仓库参数 "${param}"`), remedy: suggest(key, validOverrideKeys(data, site)) };
    return { file: 'warehouse', site, param: param as WarehouseParam, fraction: WAREHOUSE_FRACTIONS.includes(param as WarehouseParam) };
  }
  return { error: text(`"${key}" is not an override key`, `"${key}" 不是有效的覆盖键`), remedy: text(`write "modes.<param>", "warehouse.<param>" or "warehouse.<CC>.<param>"; ${suggest(key, validOverrideKeys(data)).en}`, `请写 "modes.<参数>"、"warehouse.<参数>" 或 "warehouse.<国家>.<参数>"；${suggest(key, validOverrideKeys(data)).zh}`) };
}
