/** A user-facing text in both languages the tool speaks. */
export interface Text {
  en: string;
  zh: string;
}

/** The languages of every user-facing text: English and Simplified Chinese (zh-CN). */
export type Lang = 'en' | 'zh';

/** The languages, in the order CLI help lists them. */
export const LANGS: readonly Lang[] = ['en', 'zh'];

/**
 * Builds a {@link Text} from an English and a Chinese string.
 * @example text('stuck', '滞留') // => { en: 'stuck', zh: '滞留' }
 */
export function text(en: string, zh: string): Text {
  return { en, zh };
}

/** Picks the text of one language. */
export function tr(t: Text, lang: Lang): string {
  return t[lang];
}

/** Joins texts language by language, e.g. to append a remedy to a message. */
export function joinText(parts: readonly Text[], sep: Text | string = ' '): Text {
  const s = typeof sep === 'string' ? { en: sep, zh: sep } : sep;
  return { en: parts.map((p) => p.en).join(s.en), zh: parts.map((p) => p.zh).join(s.zh) };
}
