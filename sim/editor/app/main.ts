/// <reference lib="dom" />
/**
 * The rule editor page: the rules by id grouped by file, a form per rule (react-jsonschema-form on
 * the rule file's JSON Schema), and — as you type — the CLI's checks run by the server on the draft:
 * located errors next to the field, failing rule tests, the diff in words and the money impact.
 * Written without JSX (createElement as `h`) so the project's one `tsc` checks it.
 */
import Form from '@rjsf/core';
import { englishStringTranslator, type ArrayFieldTemplateProps, type ErrorSchema, type FieldProps, type ObjectFieldTemplateProps, type RegistryWidgetsType, type TranslatableString, type WidgetProps } from '@rjsf/utils';
import validator from '@rjsf/validator-ajv8';
import { createElement as h, Fragment, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { entitiesOf, formFor, getAt, segments, setAt, summary, type Entity, type Lang, type ParamInfo, type Schema, type Text } from './form-schema.ts';
import { ConditionsField, type ConditionsContext, type FactsView } from './conditions.ts';
import { CSS } from './style.ts';
import { T, tr } from './ui-text.ts';
import type { LocatedProblem } from '../workspace.ts';

const KINDS = ['admission', 'catalogue', 'fees', 'routing', 'billing', 'exit', 'reentry'] as const;
type Kind = (typeof KINDS)[number];

/** A located problem, as the server sends it (the type only: nothing of the server is bundled). */
type Problem = LocatedProblem;
interface Verdict {
  ok: boolean;
  failing: string[];
  warnings: string[];
  frozenUntil?: string;
}
interface DiffEntry {
  id: string;
  file: string;
  name: Text | null;
  kind: 'added' | 'removed' | 'changed';
  changes: Text[];
}
interface Stats {
  mean: number;
  ciLow: number;
  ciHigh: number;
}
interface ScenarioImpact {
  scenario: string;
  trials: number;
  eligibility: { base: boolean; head: boolean; headFailures: string[] };
  eligibilityChange: Text | null;
  breakEven: { pair: ['jit' | 'warehouse' | 'direct' | 'tpl', 'jit' | 'warehouse' | 'direct' | 'tpl']; base: number | null; head: number | null }[];
  modes: Record<'jit' | 'warehouse' | 'direct' | 'tpl', { baseMean: number; headMean: number; diff: Stats; relative: number; significant: boolean; pCheapestBase: number; pCheapestHead: number }>;
}
interface ImpactView {
  fingerprint: string;
  stage: 'quick' | 'refining' | 'done' | 'failed';
  trials: number;
  seed: number;
  scenarios: ScenarioImpact[];
  error: Text | null;
}
interface Check {
  valid: boolean;
  fingerprint: string | null;
  problems: Problem[];
  tests: { ran: number; failed: { file: string; name: string; expected: Partial<Verdict>; actual: Verdict; new: boolean }[]; error: Text | null };
  diff: DiffEntry[];
  dirty: Kind[];
  impact: ImpactView | null;
}
interface State {
  rulesDir: string;
  lang: Lang;
  files: Record<Kind, unknown>;
  saved: Record<Kind, unknown>;
  schemas: Record<Kind, Schema>;
  params: Record<string, ParamInfo>;
  facts: Partial<Record<Kind, FactsView>>;
  operators: Record<string, readonly string[]>;
  seed: number;
  scenarios: string[];
  check: Check;
}
interface History {
  git: boolean;
  saved: DiffEntry[];
  draft: DiffEntry[];
}

type KEntity = Entity & { kind: Kind };

const TOKEN = new URLSearchParams(location.search).get('token') ?? '';

async function api<R>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; data: R }> {
  const res = await fetch(path, { method, headers: { 'x-jitsim-token': TOKEN, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) }, body: body !== undefined ? JSON.stringify(body) : undefined });
  return { status: res.status, data: (await res.json()) as R };
}

/** Control characters made visible (user text from the rule files). */
const visible = (s: string) => s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
const tx = (t: Text | string | null | undefined, lang: Lang) => (typeof t === 'string' ? visible(t) : t && typeof t === 'object' ? visible(String(t[lang] ?? t.en ?? '')) : '');
const money = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(Math.round(x)).toLocaleString('en-US')}`;

/** Which form field a problem belongs to: a param's value compared in a condition is shown at the param. */
function fieldPointer(p: Problem, fileValue: unknown): string {
  const m = /^(.*?)\/(conditions|match)\/.*\/value$/.exec(p.pointer);
  if (m) {
    const v = getAt(fileValue, p.pointer) as { param?: unknown } | undefined;
    if (v && typeof v === 'object' && typeof v.param === 'string') return `${m[1]}/params/${v.param}`;
  }
  return p.pointer;
}

/** The problems under a rule as RJSF's errorSchema (shown next to each field). */
function errorSchemaFor(problems: Problem[], kind: Kind, entityPtr: string, fileValue: unknown, lang: Lang): ErrorSchema {
  const root: Record<string, any> = {};
  for (const p of problems) {
    if (p.kind !== kind) continue;
    const fp = fieldPointer(p, fileValue);
    if (fp !== entityPtr && !fp.startsWith(`${entityPtr}/`)) continue;
    let node = root;
    // inside conditions too: the conditions form shows each error at its group or row
    for (const s of segments(fp.slice(entityPtr.length))) node = node[s] ??= {};
    (node.__errors ??= []).push(`${p.file}:${p.line}:${p.col}: ${tx(p.message, lang)} — ${tx(p.remedy, lang)}`);
  }
  return root as ErrorSchema;
}

// ---------- form widgets and templates ----------

const show = (v: unknown) => (v === undefined ? '' : JSON.stringify(v, null, 2));

function JsonField(props: FieldProps) {
  const [textValue, setText] = useState(() => show(props.formData));
  const [error, setError] = useState('');
  const last = useRef(props.formData);
  useEffect(() => {
    if (JSON.stringify(props.formData) !== JSON.stringify(last.current)) {
      last.current = props.formData;
      setText(show(props.formData));
    }
  }, [props.formData]);
  const errs = (props.errorSchema as { __errors?: string[] } | undefined)?.__errors ?? [];
  return h(
    'div',
    { className: 'json-field' },
    h('label', { className: 'control-label' }, String(props.schema.title ?? props.name)),
    h('textarea', {
      className: 'json',
      rows: Math.min(14, textValue.split('\n').length + 1),
      value: textValue,
      spellCheck: false,
      onChange: (e: { target: { value: string } }) => {
        setText(e.target.value);
        try {
          const v = e.target.value.trim() === '' ? undefined : JSON.parse(e.target.value);
          setError('');
          last.current = v;
          props.onChange(v, props.fieldPathId.path);
        } catch (err) {
          setError(String((err as Error).message));
        }
      },
    }),
    error ? h('div', { className: 'field-error' }, `JSON: ${error}`) : null,
    ...errs.map((e, i) => h('div', { key: i, className: 'field-error' }, e)),
  );
}

function NullableNumberWidget(props: WidgetProps) {
  return h('input', {
    id: props.id,
    type: 'number',
    step: 'any',
    className: 'form-control',
    placeholder: '∞ (null)',
    value: props.value === null || props.value === undefined ? '' : String(props.value),
    disabled: props.disabled || props.readonly,
    onChange: (e: { target: { value: string } }) => props.onChange(e.target.value === '' ? null : Number(e.target.value)),
  });
}

function TableTemplate(props: ArrayFieldTemplateProps) {
  const itemSchema = (props.schema.items ?? {}) as Schema;
  const cols = Object.entries((itemSchema.properties ?? {}) as Record<string, Schema>);
  return h(
    'fieldset',
    { className: 'table-field', id: props.fieldPathId.$id },
    h('legend', null, String(props.title ?? '')),
    h('div', { className: 'trow thead' }, ...cols.map(([k, s]) => h('div', { key: k, className: 'tcell', title: s.description ?? '' }, String(s.title ?? k))), h('div', { className: 'tcell tools' })),
    ...props.items,
    props.canAdd ? h('button', { type: 'button', className: 'add-row', onClick: props.onAddClick }, (props.registry.formContext as ConditionsContext | undefined)?.lang === 'zh' ? '+ 添加行' : '+ row') : null,
  );
}

function RowTemplate(props: ObjectFieldTemplateProps) {
  return h('div', { className: 'trow' }, ...props.properties.map((p) => h('div', { key: p.name, className: 'tcell' }, p.content)));
}

/** RJSF's own button titles in Chinese. */
const RJSF_ZH: Record<string, string> = { Add: '添加', 'Add Item': '添加一项', Copy: '复制', 'Move down': '下移', 'Move up': '上移', Remove: '删除', 'New Value': '新值' };
const translator = (lang: Lang) => (key: TranslatableString, params?: string[]) => (lang === 'zh' && RJSF_ZH[key] ? RJSF_ZH[key]! : englishStringTranslator(key, params));

const widgets = { json: JsonField, conditions: ConditionsField, nullableNumber: NullableNumberWidget, table: TableTemplate, row: RowTemplate };

// ---------- the page ----------

function useDebounced<A extends unknown[]>(fn: (...a: A) => void, ms: number) {
  const t = useRef<number | undefined>(undefined);
  const f = useRef(fn);
  f.current = fn;
  return useCallback((...a: A) => {
    window.clearTimeout(t.current);
    t.current = window.setTimeout(() => f.current(...a), ms);
  }, [ms]);
}

function App() {
  const [state, setState] = useState<State | null>(null);
  const [lang, setLang] = useState<Lang>('en');
  const [query, setQuery] = useState('');
  const [sel, setSel] = useState<{ kind: Kind; pointer: string } | null>(null);
  const [check, setCheck] = useState<Check | null>(null);
  const [impact, setImpact] = useState<ImpactView | null>(null);
  const [onDisk, setOnDisk] = useState<Kind[]>([]);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: (lang: Lang) => string } | null>(null);
  const [tab, setTab] = useState<'checks' | 'history'>('checks');
  const [history, setHistory] = useState<History | null>(null);
  const [busy, setBusy] = useState(false);
  const [stopped, setStopped] = useState(false);
  const [error, setError] = useState('');

  const load = useCallback(async () => {
    const r = await api<State & { error?: Text }>('GET', '/api/state');
    if (r.status !== 200) return setError(tx(r.data.error, 'en'));
    setState(r.data);
    setLang((l) => (state ? l : r.data.lang));
    setCheck(r.data.check);
    setImpact(r.data.check.impact);
  }, [state]);
  useEffect(() => {
    void load();
  }, []);

  // another program changing a file while the page is open
  useEffect(() => {
    const id = window.setInterval(async () => {
      const r = await api<{ changed: Kind[] }>('GET', '/api/disk');
      if (r.status === 200) setOnDisk(r.data.changed);
    }, 2000);
    return () => window.clearInterval(id);
  }, []);

  // the impact is refined in the background: poll until done
  useEffect(() => {
    if (!impact || impact.stage === 'done' || impact.stage === 'failed' || !check?.fingerprint || check.fingerprint !== impact.fingerprint) return;
    const id = window.setTimeout(async () => {
      const r = await api<ImpactView | null>('GET', `/api/impact?fingerprint=${encodeURIComponent(impact.fingerprint)}`);
      if (r.status === 200 && r.data) setImpact(r.data);
    }, 600);
    return () => window.clearTimeout(id);
  }, [impact, check]);
  useEffect(() => {
    if (check?.impact && check.impact.fingerprint !== impact?.fingerprint) setImpact(check.impact);
    if (check && !check.impact) setImpact(null);
  }, [check]);

  const send = useDebounced(async (kind: Kind, value: unknown) => {
    const r = await api<{ check: Check; params: Record<string, ParamInfo>; facts: State['facts'] }>('POST', '/api/draft', { kind, value });
    if (r.status === 200) {
      setCheck(r.data.check);
      setState((s) => (s ? { ...s, params: r.data.params, facts: r.data.facts } : s));
    }
  }, 250);

  // each file's own entry (its other fields: categories, default schedule, network …), then its rules
  const entities = useMemo(() => (state ? KINDS.flatMap((k) => (state.files[k] && typeof state.files[k] === 'object' ? [{ id: `${k}.json`, kind: k, pointer: '', value: state.files[k] as Record<string, unknown> }, ...(entitiesOf(k, state.files[k]) as KEntity[])] : [])) : []), [state]);
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    if (!q) return entities;
    return entities.filter((e) => JSON.stringify([e.id, e.value.name, e.value.description, e.value.source, e.value.message]).toLowerCase().includes(q));
  }, [entities, query]);

  if (error) return h('div', { className: 'fatal' }, error);
  if (!state || !check) return h('div', { className: 'loading' }, 'Loading… / 加载中…');

  const selected = sel ? entities.find((e) => e.kind === sel.kind && e.pointer === sel.pointer) ?? null : null;
  const problemsOf = (e: KEntity) => check.problems.filter((p) => p.kind === e.kind && (fieldPointer(p, state.files[e.kind]) + '/').startsWith(`${e.pointer}/`));
  const dirtyIds = new Set(check.diff.map((d) => d.id));

  const onForm = (e: KEntity, value: unknown) => {
    if (JSON.stringify(value) === JSON.stringify(getAt(state.files[e.kind], e.pointer))) return;
    const file = setAt(state.files[e.kind], e.pointer, value);
    setState({ ...state, files: { ...state.files, [e.kind]: file } });
    send(e.kind, file);
  };

  const save = async () => {
    setBusy(true);
    const r = await api<{ ok: boolean; saved?: string[]; reason?: string; files?: string[]; state: { files: Record<Kind, unknown>; saved: Record<Kind, unknown> }; check: Check }>('POST', '/api/save');
    setBusy(false);
    setCheck(r.data.check);
    if (r.data.ok) {
      setState({ ...state, files: r.data.state.files, saved: r.data.state.saved });
      setNotice({ kind: 'ok', text: (l) => `${tr(T.saved, l)}: ${(r.data.saved ?? []).join(', ')}` });
      if (tab === 'history') void loadHistory();
    } else setNotice({ kind: 'error', text: (l) => (r.data.reason === 'conflict' ? `${tr(T.conflict, l)}: ${(r.data.files ?? []).join(', ')}` : tr(T.refusedInvalid, l)) });
  };
  const reload = async (kind: Kind) => {
    const r = await api<{ files: Record<Kind, unknown>; saved: Record<Kind, unknown>; check: Check }>('POST', '/api/reload', { kind });
    setState({ ...state, files: r.data.files, saved: r.data.saved });
    setCheck(r.data.check);
    setNotice({ kind: 'ok', text: (l) => `${tr(T.reloaded, l)}: ${kind}.json` });
  };
  const loadHistory = async () => {
    const r = await api<History>('GET', '/api/history');
    if (r.status === 200) setHistory(r.data);
  };
  const revert = async (id: string) => {
    const r = await api<{ kind: Kind; files: Record<Kind, unknown>; check: Check; error?: Text }>('POST', '/api/revert', { id });
    if (r.status !== 200) return setNotice({ kind: 'error', text: (l) => tx(r.data.error, l) });
    setState({ ...state, files: r.data.files });
    setCheck(r.data.check);
    setNotice({ kind: 'ok', text: (l) => `${id}: ${tr(T.revertedDraft, l)}` });
    void loadHistory();
  };

  // the Stop button ends the editor (the server, not only the page): no terminal needed to finish
  const stop = async () => {
    if (check.dirty.length && !globalThis.confirm(tr(T.stopUnsaved, lang))) return;
    const r = await api<{ ok: boolean }>('POST', '/api/stop');
    if (r.status === 200) setStopped(true);
  };

  const errors = check.problems.filter((p) => p.severity === 'error');
  const header = h(
    'header',
    null,
    h('h1', null, tr(T.title, lang)),
    h('span', { className: 'dir' }, state.rulesDir),
    h('input', { className: 'search', type: 'search', placeholder: tr(T.search, lang), value: query, onChange: (e: { target: { value: string } }) => setQuery(e.target.value), 'aria-label': tr(T.search, lang) }),
    h('span', { className: `status ${check.valid ? 'status-ok' : 'status-bad'}`, 'data-testid': 'status' }, check.valid ? tr(T.valid, lang) : `${errors.length} ${errors.length === 1 && lang === 'en' ? 'error' : tr(T.errors, lang)}`),
    h('button', { className: 'save', disabled: busy || !check.valid || check.dirty.length === 0, title: !check.valid ? tr(T.refusedInvalid, lang) : '', onClick: save }, `${tr(T.save, lang)}${check.dirty.length ? ` (${check.dirty.map((k) => `${k}.json`).join(', ')})` : ''}`),
    h('span', { className: 'langs' }, ...(['en', 'zh'] as const).map((l) => h('button', { key: l, className: l === lang ? 'on' : '', onClick: () => setLang(l) }, l === 'en' ? 'EN' : '中文'))),
    h('button', { className: 'stop', 'data-testid': 'stop', onClick: () => void stop() }, tr(T.stop, lang)),
  );
  const banners = h(
    Fragment,
    null,
    ...onDisk.map((k) => h('div', { key: k, className: 'banner warn', 'data-testid': 'disk-changed' }, `${k}.json — ${tr(T.changedOnDisk, lang)} `, h('button', { onClick: () => reload(k) }, tr(T.reload, lang)))),
    notice ? h('div', { className: `banner ${notice.kind}`, 'data-testid': 'notice' }, notice.text(lang), h('button', { className: 'x', onClick: () => setNotice(null) }, '×')) : null,
  );

  const list = h(
    'nav',
    null,
    ...KINDS.map((k) => {
      const items = shown.filter((e) => e.kind === k);
      if (!items.length) return null;
      const title = (state.files[k] as { title?: Text } | null)?.title;
      return h(
        'section',
        { key: k },
        h('h2', null, `${k}.json`, h('small', null, ` ${tx(title, lang)}`)),
        ...items.map((e) => {
          const n = problemsOf(e).filter((p) => p.severity === 'error').length;
          const on = selected?.kind === e.kind && selected.pointer === e.pointer;
          return h(
            'button',
            { key: e.pointer, className: `rule ${on ? 'on' : ''}`, 'data-rule': e.id, onClick: () => setSel({ kind: e.kind as Kind, pointer: e.pointer }) },
            h('b', null, e.id),
            dirtyIds.has(e.id) ? h('span', { className: 'dot', title: tr(T.unsaved, lang) }, '●') : null,
            n ? h('span', { className: 'count' }, String(n)) : null,
            h('span', { className: 'name' }, e.pointer === '' ? tr(T.fileEntry, lang) : tx(e.value.name as Text, lang)),
            e.pointer === '' ? null : h('span', { className: 'sum' }, summary(e, lang)),
          );
        }),
      );
    }),
    shown.length === 0 ? h('p', { className: 'empty' }, tr(T.noMatch, lang)) : null,
  );

  let editor: ReactNode = h('div', { className: 'hint' }, tr(T.pick, lang));
  if (selected) {
    const spec = formFor(state.schemas[selected.kind], selected.pointer, state.files[selected.kind], lang, state.params, selected.kind, widgets, Object.keys(state.facts[selected.kind]?.collections ?? {}));
    const v = selected.value;
    const src = (v.source ?? {}) as { document?: string; clause?: string; article?: string; domainId?: string };
    const whole = selected.pointer === '';
    const ps = problemsOf(selected);
    editor = h(
      'div',
      { className: 'rule-editor' },
      h('h2', null, whole ? `${selected.id} — ${tx(v.title as Text, lang)}` : `${selected.id} — ${tx(v.name as Text, lang)}`),
      whole ? h('p', { className: 'muted' }, tr(T.wholeFile, lang)) : null,
      v.description ? h('p', { className: 'desc' }, tx(v.description as Text, lang)) : null,
      whole ? null : h('p', { className: 'src' }, `${tr(T.source, lang)}: ${visible([src.document, src.clause, src.article && `[${src.article}]`, src.domainId].filter(Boolean).join(' · '))}${v.effective ? ` · ${tr(T.effective, lang)} ${String(v.effective)}` : ''}`),
      (v.assumption as { reasoning?: Text } | undefined)?.reasoning ? h('p', { className: 'assumption' }, `${tr(T.assumption, lang)}: ${tx((v.assumption as { reasoning: Text }).reasoning, lang)}`) : null,
      ps.length ? h('ul', { className: 'problems', 'data-testid': 'rule-problems' }, ...ps.map((p, i) => h('li', { key: i, className: p.severity }, h('code', null, `${p.file}:${p.line}:${p.col} (${p.pointer})`), ` ${tx(p.message, lang)} — ${tx(p.remedy, lang)}`))) : null,
      spec
        ? h(Form as never, {
            key: `${selected.kind}${selected.pointer}${lang}`,
            schema: spec.schema,
            uiSchema: { ...spec.uiSchema, 'ui:submitButtonOptions': { norender: true } },
            formData: getAt(state.files[selected.kind], selected.pointer),
            validator,
            noHtml5Validate: true,
            showErrorList: false,
            extraErrors: errorSchemaFor(check.problems, selected.kind, selected.pointer, state.files[selected.kind], lang),
            widgets: {} as RegistryWidgetsType,
            translateString: translator(lang),
            idPrefix: `f-${selected.id}`,
            formContext: { lang, facts: state.facts[selected.kind], operators: state.operators, params: [] } satisfies ConditionsContext,
            experimental_defaultFormStateBehavior: { emptyObjectFields: 'skipDefaults', arrayMinItems: { populate: 'never' } },
            onChange: (ev: { formData: unknown }) => onForm(selected, ev.formData),
          })
        : h('p', null, tr(T.noSchema, lang)),
    );
  }

  const checks = h(
    'div',
    { className: 'checks' },
    h('h3', null, `${tr(T.problems, lang)} (${check.problems.length})`),
    check.problems.length === 0
      ? h('p', { className: 'ok' }, tr(T.noProblems, lang))
      : h('ul', { className: 'problems', 'data-testid': 'problems' }, ...check.problems.map((p, i) => {
          const target = p.kind ? entities.find((e) => e.kind === p.kind && (fieldPointer(p, state.files[p.kind!]) + '/').startsWith(`${e.pointer}/`)) : undefined;
          return h('li', { key: i, className: p.severity }, h('code', null, `${p.file}:${p.line}:${p.col} (${p.pointer || '/'})`), ` ${tx(p.message, lang)} — ${tx(p.remedy, lang)} `, target ? h('button', { className: 'link', onClick: () => setSel({ kind: target.kind as Kind, pointer: target.pointer }) }, target.id) : null);
        })),
    h('h3', null, `${tr(T.tests, lang)}`),
    !check.valid
      ? h('p', { className: 'muted' }, tr(T.testsNeedValid, lang))
      : check.tests.error
        ? h('p', { className: 'bad' }, tx(check.tests.error, lang))
        : h(
            'div',
            { 'data-testid': 'tests' },
            h('p', { className: check.tests.failed.length ? 'bad' : 'ok' }, `${check.tests.ran - check.tests.failed.length} ${tr(T.passed, lang)}, ${check.tests.failed.length} ${tr(T.failed, lang)}`),
            check.tests.failed.length
              ? h(
                  'table',
                  { className: 'tests' },
                  h('thead', null, h('tr', null, h('th', null, tr(T.testCase, lang)), h('th', null, tr(T.expected, lang)), h('th', null, tr(T.actual, lang)))),
                  h('tbody', null, ...check.tests.failed.map((t, i) => h('tr', { key: i }, h('td', null, visible(t.name), t.new ? h('span', { className: 'tag' }, tr(T.newFail, lang)) : null, h('div', { className: 'muted' }, t.file)), h('td', null, verdictText(t.expected, lang)), h('td', null, verdictText(t.actual, lang))))),
                )
              : null,
          ),
    h('h3', null, tr(T.diff, lang)),
    check.diff.length === 0
      ? h('p', { className: 'muted' }, tr(T.noChange, lang))
      : h('ul', { className: 'diff', 'data-testid': 'diff' }, ...check.diff.map((d) => h('li', { key: d.id }, h('b', null, d.id), d.kind === 'changed' ? `: ${d.changes.map((c) => tx(c, lang)).join('; ')}` : ` ${d.kind === 'added' ? tr(T.added, lang) : tr(T.removed, lang)}`))),
    h('h3', null, tr(T.impact, lang)),
    impactView(check, impact, lang, state.scenarios.length),
  );

  const hist = h(
    'div',
    { className: 'history' },
    !history
      ? h('p', null, tr(T.loading, lang))
      : !history.git
        ? h('p', { className: 'muted' }, tr(T.noGit, lang))
        : h(
            Fragment,
            null,
            h('h3', null, tr(T.sinceCommit, lang)),
            history.saved.length === 0 ? h('p', { className: 'muted' }, tr(T.noChange, lang)) : h('ul', { className: 'diff', 'data-testid': 'history' }, ...history.saved.map((d) => h('li', { key: d.id }, h('b', null, d.id), d.kind === 'changed' ? `: ${d.changes.map((c) => tx(c, lang)).join('; ')} ` : ` ${d.kind === 'added' ? tr(T.added, lang) : tr(T.removed, lang)} `, d.id.endsWith('.json') ? null : h('button', { className: 'link', 'data-revert': d.id, onClick: () => revert(d.id) }, tr(T.revert, lang))))),
            h('h3', null, tr(T.sinceCommitDraft, lang)),
            history.draft.length === 0 ? h('p', { className: 'muted' }, tr(T.noChange, lang)) : h('ul', { className: 'diff' }, ...history.draft.map((d) => h('li', { key: d.id }, h('b', null, d.id), d.kind === 'changed' ? `: ${d.changes.map((c) => tx(c, lang)).join('; ')} ` : ` ${d.kind === 'added' ? tr(T.added, lang) : tr(T.removed, lang)} `, d.id.endsWith('.json') ? null : h('button', { className: 'link', onClick: () => revert(d.id) }, tr(T.revert, lang))))),
          ),
  );

  if (stopped) return h('div', { className: 'app', lang: lang === 'zh' ? 'zh-CN' : 'en' }, h('div', { className: 'banner ok', 'data-testid': 'stopped' }, tr(T.stopped, lang)));
  return h(
    'div',
    { className: 'app', lang: lang === 'zh' ? 'zh-CN' : 'en' },
    header,
    banners,
    h(
      'main',
      null,
      list,
      h('div', { className: 'center' }, editor),
      h(
        'aside',
        null,
        h('div', { className: 'tabs' }, h('button', { className: tab === 'checks' ? 'on' : '', 'data-testid': 'checks-tab', onClick: () => setTab('checks') }, tr(T.checks, lang)), h('button', { className: tab === 'history' ? 'on' : '', 'data-testid': 'history-tab', onClick: () => { setTab('history'); void loadHistory(); } }, tr(T.history, lang))),
        tab === 'checks' ? checks : hist,
      ),
    ),
  );
}

/** "fails: ADM-3 · warns: FIT-1", or "passes". */
function verdictText(v: Partial<Verdict>, lang: Lang): string {
  const parts = [v.ok === undefined ? '' : v.ok ? (lang === 'zh' ? '通过' : 'passes') : lang === 'zh' ? '不通过' : 'fails'];
  if (v.failing?.length) parts.push(`${lang === 'zh' ? '失败规则' : 'failing'}: ${v.failing.join(', ')}`);
  else if (v.failing) parts.push(`${lang === 'zh' ? '失败规则' : 'failing'}: —`);
  if (v.warnings?.length) parts.push(`${lang === 'zh' ? '提示' : 'warnings'}: ${v.warnings.join(', ')}`);
  if (v.frozenUntil) parts.push(`${lang === 'zh' ? '冻结至' : 'frozen until'} ${v.frozenUntil}`);
  return parts.filter(Boolean).join(' · ');
}

function impactView(check: Check, impact: ImpactView | null, lang: Lang, scenarios: number): ReactNode {
  if (!check.valid) return h('p', { className: 'muted' }, tr(T.impactNeedsValid, lang));
  if (check.diff.length === 0) return h('p', { className: 'muted' }, tr(T.noImpact, lang));
  if (!impact) return h('p', { className: 'muted' }, tr(T.impactStarting, lang));
  const stage = impact.stage === 'quick' ? `${tr(T.quick, lang)} (${impact.scenarios.length}/${scenarios})` : impact.stage === 'refining' ? tr(T.refining, lang) : impact.stage === 'done' ? tr(T.refined, lang) : tr(T.failedRun, lang);
  const seedNote = `${tr(T.seed, lang)} ${impact.seed}`;
  const modes = ['jit', 'warehouse', 'direct', 'tpl'] as const;
  const label = { jit: 'JIT', warehouse: lang === 'zh' ? '自营海外仓' : 'Warehouse', direct: lang === 'zh' ? '直发' : 'Direct', tpl: lang === 'zh' ? '第三方海外仓' : '3PL warehouse' };
  return h(
    'div',
    { 'data-testid': 'impact', 'data-stage': impact.stage },
    h('p', { className: 'muted' }, `${stage} · ${seedNote} — ${tr(T.impactNote, lang)}`),
    impact.error ? h('p', { className: 'bad' }, tx(impact.error, lang)) : null,
    ...impact.scenarios.map((s) =>
      h(
        'div',
        { key: s.scenario, className: 'scenario' },
        h('h4', null, visible(s.scenario), h('small', null, ` ${s.trials} ${tr(T.trials, lang)}`)),
        s.eligibilityChange ? h('p', { className: 'elig', 'data-testid': 'eligibility' }, tx(s.eligibilityChange, lang)) : null,
        breakEvenView(s, lang),
        h(
          'table',
          { className: 'impact' },
          h('thead', null, h('tr', null, h('th', null, ''), h('th', null, tr(T.before, lang)), h('th', null, tr(T.after, lang)), h('th', null, tr(T.difference, lang)))),
          h(
            'tbody',
            null,
            ...modes.map((m) => {
              const x = s.modes[m];
              const na = m === 'jit' && (!s.eligibility.base || !s.eligibility.head) ? (lang === 'zh' ? '（不可用时按直发计）' : ' (when not available: costed as direct)') : '';
              return h('tr', { key: m, className: x.significant ? 'sig' : '' }, h('td', null, label[m], na ? h('small', { className: 'muted' }, na) : null), h('td', null, Math.round(x.baseMean).toLocaleString('en-US')), h('td', null, Math.round(x.headMean).toLocaleString('en-US')), h('td', null, `${money(x.diff.mean)} (${money(x.diff.ciLow)} … ${money(x.diff.ciHigh)})${x.significant ? ' *' : ''}`));
            }),
          ),
        ),
      ),
    ),
  );
}

/**
 * The break-even points (orders/day, median) that moved, saved → draft; only in the refined run
 * (the quick one skips the search). A break-even with JIT means nothing while JIT is unavailable.
 */
function breakEvenView(s: ScenarioImpact, lang: Lang): ReactNode {
  if (!s.breakEven || s.breakEven.length === 0) return null;
  const label = { jit: 'JIT', warehouse: lang === 'zh' ? '自营海外仓' : 'warehouse', direct: lang === 'zh' ? '直发' : 'direct', tpl: lang === 'zh' ? '第三方海外仓' : '3PL warehouse' };
  const fmt = (x: number | null) => (x === null ? '—' : x.toFixed(1));
  const rows = s.breakEven.filter((b) => (s.eligibility.base && s.eligibility.head) || !b.pair.includes('jit'));
  const moved = rows.filter((b) => (b.base === null) !== (b.head === null) || Math.abs((b.head ?? 0) - (b.base ?? 0)) >= 0.05);
  return h(
    'p',
    { className: 'breakeven', 'data-testid': 'break-even' },
    `${tr(T.breakEven, lang)}: `,
    moved.length === 0 ? tr(T.breakEvenSame, lang) : moved.map((b) => `${label[b.pair[0]]} / ${label[b.pair[1]]} ${fmt(b.base)} → ${fmt(b.head)}`).join('; '),
  );
}

const style = document.createElement('style');
// one face for every weight (bold is synthesised): Chinese glyphs on machines without a CJK font
style.textContent = `@font-face{font-family:"Noto Sans Hans";font-weight:100 900;src:url(/font/Regular?token=${encodeURIComponent(TOKEN)}) format("opentype")}\n${CSS}`;
document.head.appendChild(style);
createRoot(document.getElementById('root')!).render(h(App));
