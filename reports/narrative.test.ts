/** The headline `npm start` and `jitsim report` print: columns aligned in both languages, Chinese punctuation in Chinese. */
import { describe, expect, it } from 'vitest';
import { availableModes, headline, recommendedMode } from './narrative.ts';
import { shownModes } from './model.ts';
import { renderMarkdown } from './markdown.ts';
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

describe('a mode switched off by the scenario (modesOff)', () => {
  it('reads like an unavailable one: not shown, not recommended, no figures, "switched off" in its row', () => {
    const m = fixtureModel({ modesOff: ['jit', 'tpl'] });
    expect(shownModes(m)).toEqual(['warehouse', 'direct']);
    expect(availableModes(m)).toEqual(['warehouse', 'direct']);
    expect(['warehouse', 'direct']).toContain(recommendedMode(m));
    const lines = headline(m, 'en');
    expect(lines.find((l) => l.includes('3PL'))).toMatch(/3PL overseas warehouse\s+switched off \(no cost, P\(cheapest\) or saving of its own; see above\)$/);
    const md = renderMarkdown(m, 'en');
    expect(md).toMatch(/^\| 3PL overseas warehouse \(switched off\) \| switched off \| — \| — \| — \| — \| — \| — \|$/m);
    expect(md).toMatch(/^\| JIT \(switched off\) \| switched off \|/m);
  });
});
