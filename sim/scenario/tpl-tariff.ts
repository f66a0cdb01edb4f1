/**
 * The 3PL overseas warehouse of a scenario (mode 4): its tariff per warehouse site — the client's
 * quote (`thirdPartyWarehouse.tariff`, a JSON file with the schema of data/tpl.json) where it gives a
 * figure, else the shipped data/tpl.json — and which modes the scenario switches off.
 */
import { M } from './messages.ts';
import { isAbsolute, dirname, relative, resolve } from 'node:path';
import type { Diagnostic } from '../errors.ts';
import { namedValidator, readValidJson, type JsonDocument } from '../io/index.ts';
import { canonicalJson } from '../rules/rule-set.ts';
import { UserInputError } from '../errors.ts';
import { DATA_SCHEMAS, tplParams, tplProblems, type DataSet, type TplParams } from '../data/data-set.ts';
import type { TplFile } from '../data/schema.ts';
import type { ScenarioFile } from './schema.ts';

export interface ResolvedTpl {
  /** Per warehouse site (Scenario.sites order): the tariff the run prices with. */
  sites: TplParams[];
  /** The client's tariff file (shown path) or null when the shipped data/tpl.json prices every site. */
  file: string | null;
  /** Canonical JSON of the client's tariff ('' without one), for the scenario hash. */
  digest: string;
  /** The client's tariff as read (null without one): which figures it gives, with their basis (the report's input sheet). */
  client: TplFile | null;
}

/** Reads the client's tariff (if any) and resolves each site's fees; problems go to `out`, located in the tariff file or at the scenario field. */
export async function resolveTpl(doc: JsonDocument, scenarioFile: string, spec: ScenarioFile, data: Pick<DataSet, 'tpl'>, sites: readonly string[], out: Diagnostic[]): Promise<ResolvedTpl> {
  const ref = spec.thirdPartyWarehouse?.tariff;
  let client: TplFile | null = null;
  let shown: string | null = null;
  if (ref) {
    const abs = isAbsolute(ref) ? ref : resolve(dirname(scenarioFile), ref);
    shown = relative(process.cwd(), abs) || abs;
    const before = out.length;
    try {
      const { doc: tdoc, valid } = await readValidJson(shown, namedValidator('data/tpl', DATA_SCHEMAS['data/tpl']), out);
      if (tdoc && valid) {
        const ps = tplProblems(tdoc, tdoc.value as TplFile, false);
        out.push(...ps);
        if (!ps.length) client = tdoc.value as TplFile;
      }
    } catch (e) {
      if (!(e instanceof UserInputError)) throw e;
      out.push(doc.diag('/thirdPartyWarehouse/tariff', M.tplTariffUnreadable(ref), M.tplTariffUnreadableFix));
    }
    if (out.length > before) return { sites: [], file: shown, digest: '', client: null };
  }
  return { sites: sites.map((s) => tplParams(data, s, client)), file: shown, digest: client ? canonicalJson(client) : '', client };
}
