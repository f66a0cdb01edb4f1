/** The typed content of every rule file (a module of its own so that semantic checks need not import the loader). */
import type { AdmissionFile, BillingFile, CatalogueFile, ExitFile, FeesFile, ReentryFile, RoutingFile } from './schema/index.ts';

/** The typed content of every rule file. */
export interface RuleFiles {
  admission: AdmissionFile;
  catalogue: CatalogueFile;
  fees: FeesFile;
  routing: RoutingFile;
  billing: BillingFile;
  exit: ExitFile;
  reentry: ReentryFile;
}
