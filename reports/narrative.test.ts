/** The headline `npm start` and `jitsim report` print: columns aligned in both languages, Chinese punctuation in Chinese. */
import { describe, expect, it } from 'vitest';
import { headline } from './narrative.ts';
import { termWidth } from './labels.ts';
import { fixtureModel } from './testing/fixture.ts';

describe('headline', () => {
  it('aligns the per-mode lines by terminal width and speaks Chinese in Chinese', () => {
    for (const lang of ['en', 'zh'] as const) {
      const lines = headline(fixtureModel(), lang);
      expect(lines[0]).toMatch(lang === 'zh' ? /^建议：JIT — / : /^Recommended: JIT — /);
      const cols = lines.slice(1).map((l) => termWidth(l.slice(0, l.indexOf(lang === 'zh' ? '均值' : 'mean'))));
      expect(new Set(cols).size, lines.join('\n')).toBe(1);
      if (lang === 'zh') for (const l of lines.slice(1)) expect(l).toMatch(/（95%置信区间 [\d,]+–[\d,]+）/);
    }
  });
});
