/**
 * Limits on input files (documented in README, "Limits"). They are tool limits, not domain figures:
 * beyond them a file is refused with a located message (exit 2) instead of exhausting memory or
 * the stack.
 */

/** Largest JSON input file (scenario, rule file, data file, check input): 50 MiB. */
export const MAX_JSON_BYTES = 50 * 1024 * 1024;
/** Largest CSV input file (rate card, catalogue): 200 MiB. */
export const MAX_CSV_BYTES = 200 * 1024 * 1024;
/** Deepest nesting of arrays and objects in a JSON file (jitsim's own files need fewer than 12). */
export const MAX_JSON_DEPTH = 64;

/** "50 MB" */
export const megabytes = (n: number) => `${Math.round(n / (1024 * 1024))} MB`;
