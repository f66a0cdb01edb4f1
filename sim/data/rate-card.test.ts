import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../errors.ts';
import { parseCsvTable } from '../io/index.ts';
import { RATE_CARD_COLUMNS, SERVICES, bracketIndex, buildRateCard, cellIndex } from './rate-card.ts';

const head = RATE_CARD_COLUMNS.join(',');
const row = (dest: string, kg: number, service: string, price: number | string, basis = 'assumption:test') => `${dest},${kg},${service},${price},3,5,${basis}`;
const build = (rows: string[]) => {
  const { card, diagnostics } = buildRateCard(parseCsvTable('card.csv', [head, ...rows].join('\n'), RATE_CARD_COLUMNS));
  return { card, messages: diagnostics.map((d) => formatDiagnostic(d)) };
};

describe('rate cards', () => {
  it('load into typed arrays and look up the smallest bracket ≥ the weight', () => {
    const { card, messages } = build([row('ES', 0.5, 'standard', 14.2), row('ES', 1, 'standard', 20)]);
    expect(messages).toEqual([]);
    const b = bracketIndex(card!.brackets, 0.6);
    expect(card!.price[cellIndex(card!, 0, SERVICES.indexOf('standard'), b)]).toBe(20);
    expect(bracketIndex(card!.brackets, 0.5)).toBe(0);
    expect(bracketIndex(card!.brackets, 1.01)).toBe(-1);
  });

  it('report a gap in a lane, row-located', () => {
    const { card, messages } = build([row('ES', 0.5, 'standard', 14.2), row('ES', 1, 'standard', 20), row('FR', 1, 'standard', 21)]);
    expect(card).toBeUndefined();
    expect(messages).toEqual([expect.stringMatching(/^card\.csv:4:2 \(row 4, column max_weight_kg\): gap: FR standard has no ≤ 0\.5 kg bracket — add a row for 0\.5 kg/)]);
  });

  it('report an unknown country, a negative price and a bad basis, each on its row and column', () => {
    const { messages } = build([row('XX', 0.5, 'standard', 1), row('ES', 0.5, 'standard', -2), row('FR', 0.5, 'standard', 3, 'guess')]);
    expect(messages).toEqual([
      expect.stringMatching(/^card\.csv:2:1 \(row 2, column destination\): "XX" is not an ISO 3166-1 alpha-2 country code/),
      expect.stringMatching(/^card\.csv:3:4 \(row 3, column price_cny\): -2 is out of range \(must be ≥ 0\)/),
      expect.stringMatching(/^card\.csv:4:7 \(row 4, column basis\): basis must start with "source:" or "assumption:"/),
    ]);
  });

  it('report a duplicate row and a price that falls with weight', () => {
    const dup = build([row('ES', 0.5, 'standard', 14.2), row('ES', 0.5, 'standard', 14.2)]);
    expect(dup.messages.join('\n')).toMatch(/card\.csv:3:2 .*duplicate row: ES standard ≤ 0\.5 kg is already on line 2/);
    const falls = build([row('ES', 0.5, 'standard', 14.2), row('ES', 1, 'standard', 9)]);
    expect(falls.messages.join('\n')).toMatch(/card\.csv:3:4 \(row 3, column price_cny\): price falls with weight/);
  });
});
