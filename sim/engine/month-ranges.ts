/** Month lists for messages (no dependencies: reports and commands import it). */

/** The 1-based months whose flag equals `want`, as ranges: [T,T,F,F,F,T] with want=false → "3–5". */
export function monthRanges(flags: readonly boolean[], want: boolean): string {
  const out: string[] = [];
  for (let i = 0; i < flags.length; i++) {
    if (flags[i] !== want) continue;
    let j = i;
    while (j + 1 < flags.length && flags[j + 1] === want) j++;
    out.push(i === j ? `${i + 1}` : `${i + 1}–${j + 1}`);
    i = j;
  }
  return out.join(', ');
}
