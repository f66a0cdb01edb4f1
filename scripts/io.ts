/** What a command writes to: stdout for results, stderr for messages and progress. Passed in, never global. */
import type { Lang } from '../sim/i18n/index.ts';
import { terminalSafe } from '../sim/io/safe-text.ts';

export interface Io {
  out(s: string): void;
  err(s: string): void;
  /** Writes to stderr as is (no newline added), for a progress line redrawn with `\r`. */
  errRaw(s: string): void;
  /** Colours only on a TTY and without NO_COLOR. */
  color: boolean;
  /** Progress bars only when stderr is a TTY. */
  progress: boolean;
  cwd: string;
  env: Record<string, string | undefined>;
  /** Asks a question on the terminal and returns the answer (the default on an empty answer); absent without a terminal (CI, pipes). */
  ask?: (question: string, defaultAnswer: string) => Promise<string>;
  /** Opens a URL in the default browser (true when a browser was started); absent without a terminal (CI, pipes). */
  openUrl?: (url: string) => Promise<boolean>;
}

/**
 * The real process streams. Every write passes through {@link terminalSafe}, the final net: a
 * control or bidirectional character from user text that slipped past `visible()` is shown as an
 * escape (`\u001b`), while jitsim's own colour codes are kept.
 */
/** The `open` package (xdg-open, open, start); false when no browser could be started. */
async function openInBrowser(url: string): Promise<boolean> {
  try {
    const { default: open } = await import('open');
    const child = await open(url);
    child.on('error', () => {});
    return true;
  } catch {
    return false;
  }
}

export function processIo(): Io {
  const env = process.env;
  const color = Boolean(process.stdout.isTTY) && !('NO_COLOR' in env) && env.TERM !== 'dumb';
  const line = (s: string) => terminalSafe(s.endsWith('\n') ? s : s + '\n', { color });
  return {
    out: (s) => process.stdout.write(line(s)),
    err: (s) => process.stderr.write(line(s)),
    errRaw: (s) => process.stderr.write(terminalSafe(s, { color, allowCr: true })),
    color,
    progress: Boolean(process.stderr.isTTY) && env.CI !== 'true',
    cwd: process.cwd(),
    env,
    ...(process.stdin.isTTY && process.stdout.isTTY && env.CI !== 'true'
      ? {
          ask: async (question: string, def: string) => {
            const { createInterface } = await import('node:readline/promises');
            const rl = createInterface({ input: process.stdin, output: process.stdout });
            try {
              const a = (await rl.question(`${question} [${def}] `)).trim();
              return a === '' ? def : a;
            } finally {
              rl.close();
            }
          },
          openUrl: openInBrowser,
        }
      : {}),
  };
}

/** An in-memory Io for tests: everything written is kept (through the same net as the real streams). */
export function memoryIo(cwd = process.cwd()): Io & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out(s: string) {
      io.stdout += terminalSafe(s.endsWith('\n') ? s : s + '\n', { color: io.color });
    },
    err(s: string) {
      io.stderr += terminalSafe(s.endsWith('\n') ? s : s + '\n', { color: io.color });
    },
    errRaw(s: string) {
      io.stderr += terminalSafe(s, { color: io.color, allowCr: true });
    },
    color: false,
    progress: false,
    cwd,
    env: {},
  };
  return io;
}

const CODES = { red: 31, green: 32, yellow: 33, dim: 2, bold: 1 } as const;

/** Wraps text in an ANSI colour when the Io allows colours. */
export function paint(io: Io, color: keyof typeof CODES, s: string): string {
  return io.color ? `\u001b[${CODES[color]}m${s}\u001b[0m` : s;
}

/** Options every command accepts. */
export interface CommonOptions {
  json?: boolean;
  lang: Lang;
}

/**
 * A reader that stops reading (`jitsim … | head -2`) is a normal end, not an error: on EPIPE on
 * stdout or stderr the process removes its working files and exits 0, silently.
 */
export function endQuietlyOnClosedPipe(cleanUp: () => unknown = () => {}): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') throw e;
      cleanUp();
      process.exit(0);
    });
  }
}
