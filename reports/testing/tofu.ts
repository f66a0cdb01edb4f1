/** A check run inside a report page by the browser test: does every Chinese character have its own glyph? */

/** Runs in the page (plain JavaScript: the test's TypeScript has no DOM types). */
export const TOFU_CHECK = `(async () => {
  await document.fonts.ready;
  const family = getComputedStyle(document.body).fontFamily;
  const chars = [...new Set(Array.from(document.body.innerText).filter((c) => /[\\u3400-\\u9fff\\uff00-\\uffef]/.test(c)))];
  const canvas = document.createElement('canvas');
  canvas.width = 40;
  canvas.height = 40;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  ctx.font = '28px ' + family;
  const seen = new Map();
  const identical = [];
  for (const c of chars) {
    ctx.clearRect(0, 0, 40, 40);
    ctx.fillText(c, 4, 32);
    const px = ctx.getImageData(0, 0, 40, 40).data;
    let h = 0;
    for (let i = 3; i < px.length; i += 4) h = (h * 31 + px[i]) >>> 0;
    if (seen.has(h)) identical.push(seen.get(h) + c);
    else seen.set(h, c);
  }
  const embeddedLoaded = [...document.fonts].some((f) => f.family.replace(/"/g, '') === 'Noto Sans Hans' && f.status === 'loaded');
  return { checked: chars.length, identical, embeddedLoaded, family };
})()`;
