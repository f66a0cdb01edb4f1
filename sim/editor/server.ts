/**
 * `jitsim edit`'s local web server (Fastify). Safe by construction:
 * - binds 127.0.0.1 only, and answers only to Host 127.0.0.1:<port> / localhost:<port> (no DNS rebinding);
 * - every request needs the random token: in the URL for the page (`/?token=…`), in the
 *   `x-jitsim-token` header for every API call;
 * - a request whose Origin is not the server's own is refused (403), whatever its token;
 * - the page is self-contained (the bundled front end is inlined; a Content-Security-Policy allows
 *   no other source), and the API reads and writes only the rule files of its folder (see Workspace).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { UserInputError } from '../errors.ts';
import { text, type Text } from '../i18n/index.ts';
import { forEachLeaf } from '../rules/conditions.ts';
import { EXIT_FACTS, MATCH_COUNT, OPERATORS, REENTRY_FACTS, ROUTING_FACTS, STORE_FACTS, skuFacts, type FactSpec, type Vocabulary } from '../rules/facts.ts';
import { ruleSchemaJson } from '../rules/schema/emit.ts';
import type { Condition } from '../rules/schema/index.ts';
import { appBundle } from './bundle.ts';
import { ImpactRunner, type ImpactOptions } from './impact-runner.ts';
import { KINDS, Workspace, isKind, type Kind } from './workspace.ts';

const require = createRequire(import.meta.url);

export interface EditorOptions {
  port?: number;
  lang?: 'en' | 'zh';
  impact?: Partial<ImpactOptions>;
  /** Fixed token (tests); random otherwise. */
  token?: string;
}

export interface RunningEditor {
  url: string;
  port: number;
  token: string;
  workspace: Workspace;
  impact: ImpactRunner;
  app: FastifyInstance;
  /** Resolves when the page asks the editor to stop (its Stop button: POST /api/stop, with the token). */
  stopped: Promise<void>;
  close(): Promise<void>;
}

/** What a rule's param means: the fact it is compared with, its range and description (units and bounds in the form). */
export interface ParamInfo {
  fact: string;
  min: number | null;
  max: number | null;
  description: Text;
  unit: Text | null;
}

/** What the conditions form offers: the facts of a rule file (and of its forEach collections), the operators per fact type. */
export interface FactsView {
  facts: Record<string, FactSpec>;
  collections: Record<string, Record<string, FactSpec>>;
}

/** The facts every rule file's conditions may use, for the conditions form (the validator's own vocabulary). */
export function factsView(files: Record<string, unknown>): Partial<Record<Kind, FactsView>> {
  const out: Partial<Record<Kind, FactsView>> = {};
  for (const kind of KINDS) {
    const vocab = VOCAB[kind]?.(files);
    if (vocab) out[kind] = { facts: { ...vocab.facts, [MATCH_COUNT]: MATCH_FACT }, collections: vocab.collections };
  }
  return out;
}

const MATCH_FACT: FactSpec = { type: { kind: 'number', min: 0 }, description: text('items of the forEach collection that matched', 'forEach 集合中匹配的项数'), unit: text('items', '项') };

const VOCAB: Partial<Record<Kind, (files: Record<string, unknown>) => Vocabulary>> = {
  admission: () => STORE_FACTS,
  reentry: () => REENTRY_FACTS,
  exit: () => EXIT_FACTS,
  routing: () => ROUTING_FACTS,
  catalogue: (f) => skuFacts(((f.catalogue as { categories?: { id: string }[] } | undefined)?.categories ?? []).map((c) => c.id)),
};

/** For every `{ "param": name }` in a condition rule: `<kind><rule pointer>/params/<name>` → the fact it is compared with. */
export function paramInfo(files: Record<string, unknown>): Record<string, ParamInfo> {
  const out: Record<string, ParamInfo> = {};
  for (const kind of KINDS) {
    const vocab = VOCAB[kind]?.(files);
    const rules = (files[kind] as { rules?: unknown } | undefined)?.rules;
    if (!vocab || !Array.isArray(rules)) continue;
    rules.forEach((r: { conditions?: Condition; match?: Condition; forEach?: string; params?: Record<string, unknown> }, i) => {
      const visit = (facts: Record<string, FactSpec>) => (leaf: { fact: string; value: unknown }) => {
        const v = leaf.value as { param?: unknown } | null;
        const spec = facts[leaf.fact];
        if (!spec || typeof v !== 'object' || v === null || typeof v.param !== 'string') return;
        const t = spec.type;
        out[`${kind}/rules/${i}/params/${v.param}`] = { fact: leaf.fact, min: t.kind === 'number' ? (t.min ?? null) : null, max: t.kind === 'number' ? (t.max ?? null) : null, description: spec.description, unit: spec.unit ?? null };
      };
      const items = r.forEach ? vocab.collections[r.forEach] : undefined;
      try {
        if (r.conditions) forEachLeaf(r.conditions, '', visit({ ...vocab.facts, [MATCH_COUNT]: MATCH_FACT }));
        if (r.match && items) forEachLeaf(r.match, '', visit(items));
      } catch {
        // a malformed condition (the checks report it): no unit to show
      }
    });
  }
  return out;
}

const sameToken = (a: string | undefined, b: string) => typeof a === 'string' && a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

const PAGE_TEXT = { title: text('jitsim rule editor', 'jitsim 规则编辑器'), noscript: text('This page needs JavaScript.', '本页面需要 JavaScript。') };

function page(bundle: string, nonce: string, lang: 'en' | 'zh'): string {
  return `<!doctype html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${PAGE_TEXT.title[lang]}</title></head>
<body><div id="root"></div><noscript>${PAGE_TEXT.noscript[lang]}</noscript>
<script nonce="${nonce}">${bundle.replace(/<\/(script)/gi, '<\\/$1')}</script></body></html>`;
}

/** Starts the editor on a rules folder. @throws {UserInputError} for a bad folder or a port in use. */
export async function startEditor(rulesDir: string, displayDir: string, o: EditorOptions = {}): Promise<RunningEditor> {
  const workspace = await Workspace.open(rulesDir, displayDir);
  const bundle = await appBundle().catch(async (e: unknown) => {
    await workspace.dispose();
    throw e;
  });
  const token = o.token ?? randomBytes(24).toString('base64url');
  // seed 1 and 60 break-even trials: jitsim impact's defaults, so the refined figures are those of
  // `jitsim impact <saved> <draft> --trials 400` (quick run without the break-even search)
  const impactOptions: ImpactOptions = { quickTrials: 40, refinedTrials: 400, seed: 1, breakEvenTrials: 60, ...o.impact };
  const impact = new ImpactRunner(workspace, impactOptions);
  const app = Fastify({ logger: false, bodyLimit: 8 << 20 });
  let port = 0;

  const refuse = (reply: FastifyReply, status: number, t: Text) => reply.code(status).type('application/json').send({ error: t });
  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return refuse(reply, 403, text(`unexpected Host ${host}`, `意外的 Host ${host}`));
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://127.0.0.1:${port}` && origin !== `http://localhost:${port}`) return refuse(reply, 403, text(`requests from ${origin} are refused`, `拒绝来自 ${origin} 的请求`));
    const given = req.url.startsWith('/api/') ? (req.headers['x-jitsim-token'] as string | undefined) : ((req.query as { token?: string }).token ?? undefined);
    if (!sameToken(given, token)) return refuse(reply, 401, text('missing or wrong token: open the URL jitsim edit printed', '令牌缺失或错误：请打开 jitsim edit 输出的网址'));
    if (!req.url.startsWith('/font/')) reply.header('Cache-Control', 'no-store');
    reply.header('X-Content-Type-Options', 'nosniff').header('Referrer-Policy', 'no-referrer').header('X-Frame-Options', 'DENY');
  });
  app.setErrorHandler((e: Error, _req, reply) => {
    if (e instanceof UserInputError) return refuse(reply, 400, e.text);
    const status = (e as { statusCode?: number }).statusCode;
    if (status && status < 500) return refuse(reply, status, text(e.message, e.message));
    return refuse(reply, 500, text(`internal error: ${e.message}`, `内部错误：${e.message}`));
  });

  app.get('/', async (_req, reply) => {
    const nonce = randomBytes(16).toString('base64');
    reply
      .header('Content-Security-Policy', `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'unsafe-inline'; connect-src 'self'; img-src data:; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`)
      .type('text/html; charset=utf-8');
    return page(bundle, nonce, o.lang ?? 'en');
  });

  // Chinese glyphs for machines without a CJK font: the Noto Sans Hans files jitsim already ships for its charts
  app.get('/font/:weight', async (req, reply) => {
    const w = (req.params as { weight: string }).weight;
    if (w !== 'Regular') return refuse(reply, 404, text('no such font', '没有此字体'));
    reply.type('font/otf').header('Cache-Control', 'private, max-age=86400');
    return readFile(join(dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts', `NotoSansHans-${w}.otf`));
  });

  const filesNow = () => Object.fromEntries(KINDS.map((k) => [k, workspace.current(k) ?? null]));
  const withImpact = async () => {
    const check = await workspace.check();
    if (check.valid && check.fingerprint && check.diff.length > 0) await impact.request(check.fingerprint);
    return { ...check, impact: check.valid && check.fingerprint && check.diff.length > 0 ? impact.get(check.fingerprint) : null };
  };

  app.get('/api/state', async () => ({
    rulesDir: workspace.displayDir,
    lang: o.lang ?? 'en',
    files: filesNow(),
    saved: Object.fromEntries(KINDS.map((k) => [k, workspace.loaded.get(k)?.value ?? null])),
    schemas: Object.fromEntries(KINDS.map((k) => [k, ruleSchemaJson(k)])),
    params: paramInfo(filesNow()),
    facts: factsView(filesNow()),
    operators: OPERATORS,
    seed: impactOptions.seed,
    scenarios: (await impact.scenarios()).map((f) => f.slice(workspace.projectDir.length + 1)),
    check: await withImpact(),
  }));
  app.post('/api/draft', async (req) => {
    const { kind, value } = (req.body ?? {}) as { kind?: unknown; value?: unknown };
    if (!isKind(kind) || typeof value !== 'object' || value === null) throw new UserInputError(text('send { kind, value } for one rule file', '请发送 { kind, value }'), text(`kind is one of ${KINDS.join(', ')}`, `kind 为 ${KINDS.join('、')} 之一`));
    await workspace.setDraft(kind, value);
    return { check: await withImpact(), params: paramInfo(filesNow()), facts: factsView(filesNow()) };
  });
  app.get('/api/impact', async (req) => impact.get(String((req.query as { fingerprint?: string }).fingerprint ?? '')));
  app.get('/api/disk', async () => ({ changed: await workspace.changedOnDisk() }));
  app.post('/api/reload', async (req) => {
    const { kind } = (req.body ?? {}) as { kind?: unknown };
    if (kind === undefined) await workspace.reloadAll();
    else if (isKind(kind)) await workspace.reload(kind);
    else throw new UserInputError(text(`unknown rule file ${String(kind)}`, `未知规则文件 ${String(kind)}`), text(`use one of: ${KINDS.join(', ')}`, `请使用：${KINDS.join('、')}`));
    return { files: filesNow(), saved: Object.fromEntries(KINDS.map((k) => [k, workspace.loaded.get(k)?.value ?? null])), check: await withImpact() };
  });
  app.post('/api/save', async (_req, reply) => {
    const r = await workspace.save();
    if (!r.ok) reply.code(r.reason === 'conflict' ? 409 : 422);
    return { ...r, files: r.ok ? undefined : r.files, state: { files: filesNow(), saved: Object.fromEntries(KINDS.map((k) => [k, workspace.loaded.get(k)?.value ?? null])) }, check: await withImpact() };
  });
  app.get('/api/history', async () => workspace.history());
  // the page's Stop button: a policy editor never needs the terminal again (token and Origin checked above)
  let requestStop: () => void = () => {};
  const stopped = new Promise<void>((resolve) => (requestStop = resolve));
  app.post('/api/stop', async () => {
    setImmediate(requestStop);
    return { ok: true };
  });
  app.post('/api/revert', async (req) => {
    const { id } = (req.body ?? {}) as { id?: unknown };
    if (typeof id !== 'string') throw new UserInputError(text('send { id } of the rule to revert', '请发送要还原的规则 { id }'), text('e.g. { "id": "ADM-3" }', '例如 { "id": "ADM-3" }'));
    const kind = await workspace.revert(id);
    return { kind, files: filesNow(), check: await withImpact() };
  });

  try {
    await app.listen({ host: '127.0.0.1', port: o.port ?? 0 });
  } catch (cause) {
    await workspace.dispose();
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES')
      throw new UserInputError(text(`port ${o.port} is ${code === 'EADDRINUSE' ? 'already in use' : 'not allowed'}`, `端口 ${o.port} ${code === 'EADDRINUSE' ? '已被占用' : '不可用'}`), text('pick another with --port, or leave it out to get a free one', '请用 --port 换一个端口，或省略以自动选择空闲端口'), { cause, code: 'PORT' });
    throw cause;
  }
  const address = app.server.address();
  port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://127.0.0.1:${port}/?token=${token}`;
  return {
    url,
    port,
    token,
    workspace,
    impact,
    app,
    stopped,
    async close() {
      await impact.stop();
      await app.close();
      await workspace.dispose();
    },
  };
}
