/**
 * Overrides of data/ parameters from a scenario: `"modes.<param>"`, `"warehouse.<param>"` (every
 * site) and `"warehouse.<CC>.<param>"` (one site; wins over the general one). Each key is checked
 * against the data files; a value may be a number or a distribution.
 */
import countries from 'i18n-iso-countries';
import type { DataSet } from '../data/data-set.ts';
import { WAREHOUSE_FRACTIONS, WAREHOUSE_PARAMS, type WarehouseParam } from '../data/schema.ts';
import { text, type Text } from '../i18n/index.ts';

/** A parsed override key. */
export type OverrideTarget = { file: 'modes'; param: string; fraction: boolean } | { file: 'warehouse'; site: string | null; param: WarehouseParam; fraction: boolean };

/** Parses and checks an override key; returns the target or what is wrong with it. */
export function parseOverrideKey(data: DataSet, key: string): OverrideTarget | { error: Text; remedy: Text } {
  const parts = key.split('.');
  if (parts[0] === 'modes' && parts.length === 2) {
    const p = data.modes.params[parts[1]!];
    if (!p || typeof p.value !== 'number') {
      const names = Object.entries(data.modes.params).filter(([, v]) => typeof v.value === 'number').map(([k]) => k);
      return { error: text(`unknown parameter "${parts[1]}" in data/modes.json`, `data/modes.json 中没有参数 "${parts[1]}"`), remedy: text(`use one of: ${names.map((n) => `modes.${n}`).join(', ')}`, `请使用以下之一：${names.map((n) => `modes.${n}`).join('、')}`) };
    }
    return { file: 'modes', param: parts[1]!, fraction: p.unit === 'fraction' };
  }
  if (parts[0] === 'warehouse' && (parts.length === 2 || parts.length === 3)) {
    const site = parts.length === 3 ? parts[1]! : null;
    const param = parts[parts.length - 1]!;
    if (site !== null && (!/^[A-Z]{2}$/.test(site) || !countries.isValid(site))) return { error: text(`"${site}" is not an ISO 3166-1 alpha-2 country code`, `"${site}" 不是 ISO 3166-1 二位国家代码`), remedy: text('write e.g. warehouse.ES.rentCnyPerM3Month', '请写成如 warehouse.ES.rentCnyPerM3Month') };
    if (!(WAREHOUSE_PARAMS as readonly string[]).includes(param)) return { error: text(`unknown warehouse parameter "${param}"`, `未知的仓库参数 "${param}"`), remedy: text(`use one of: ${WAREHOUSE_PARAMS.join(', ')}`, `请使用以下之一：${WAREHOUSE_PARAMS.join('、')}`) };
    return { file: 'warehouse', site, param: param as WarehouseParam, fraction: WAREHOUSE_FRACTIONS.includes(param as WarehouseParam) };
  }
  return { error: text(`"${key}" is not an override key`, `"${key}" 不是有效的覆盖键`), remedy: text('write "modes.<param>", "warehouse.<param>" or "warehouse.<CC>.<param>"', '请写 "modes.<参数>"、"warehouse.<参数>" 或 "warehouse.<国家>.<参数>"') };
}
