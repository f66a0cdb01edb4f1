/** The bundled CJK font (Noto Sans Hans, SIL OFL, from @embedpdf/fonts-sc): charts, text widths and the HTML's embedded subset. */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
/** Regular and Bold, in that order. */
export const FONT_FILES = ['Regular', 'Bold'].map((w) => join(dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts', `NotoSansHans-${w}.otf`));
export const FONT_FAMILY = 'Noto Sans Hans';
/** CSS font stack: the bundled font first (embedded in the HTML, used by resvg), then common CJK fonts. */
export const FONT_STACK = '"Noto Sans Hans", "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';
