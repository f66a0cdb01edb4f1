/** `jitsim edit [rules-dir]`: the rule editor in the browser (sim/editor/). Runs until Ctrl+C. */
import { UserInputError } from '../../sim/errors.ts';
import { startEditor } from '../../sim/editor/server.ts';
import { EXIT } from '../exit-codes.ts';
import { paint, type CommonOptions, type Io } from '../io.ts';
import { resolveRulesDir, userPath, wholeNumber } from './shared.ts';
import { M } from './messages.ts';

export interface EditOptions extends CommonOptions {
  port?: string;
  seed?: string;
  /** false with --no-open */
  open: boolean;
}

/** Resolves on Ctrl+C, kill or a closed terminal. */
function stopSignal(): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    process.once('SIGHUP', stop);
  });
}

/**
 * Starts the editor, opens the page in the browser when there is a terminal (io.openUrl) and no
 * --no-open, else only prints the URL with its token; runs until `until` resolves (a signal).
 */
export async function run(io: Io, [dir]: string[], o: EditOptions, until: () => Promise<void> = stopSignal): Promise<number> {
  let port: number | undefined;
  if (o.port !== undefined) {
    port = Number(o.port);
    if (!/^\d+$/.test(o.port) || port < 1 || port > 65535) throw new UserInputError(M.badPort(o.port), M.badPortFix);
  }
  const seed = wholeNumber('--seed', o.seed ?? '1', 0);
  const shown = resolveRulesDir(io, dir);
  const editor = await startEditor(userPath(io, shown), shown, { port, lang: o.lang, impact: { seed } });
  const zh = o.lang === 'zh';
  // a terminal (io.openUrl is absent without one, and in CI) and no --no-open: open the browser;
  // otherwise only print the URL (with its token)
  const opened = o.open !== false && io.openUrl ? await io.openUrl(editor.url) : false;
  if (o.json) io.out(JSON.stringify({ url: editor.url, port: editor.port, rulesDir: shown, opened }));
  else {
    io.out(`${paint(io, 'bold', M.editorTitle[zh ? 'zh' : 'en'])}: ${shown}`);
    io.out(editor.url);
    io.err(M.editorListening(opened)[zh ? 'zh' : 'en']);
  }
  // under the jitsim entry point its signal clean-up exits first (removing the temporary copy);
  // these handlers stop the editor gracefully when it runs embedded (e.g. from main() in a test)
  await Promise.race([until(), editor.stopped]);
  await editor.close();
  if (!o.json) io.err(M.editorStopped[zh ? 'zh' : 'en']);
  return EXIT.ok;
}
