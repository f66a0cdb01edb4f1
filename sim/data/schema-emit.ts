/** JSON Schemas of the data files (scenarios, parameters); filled in as those files are defined. */
export function emitDataSchemas(): Map<string, string> {
  return new Map();
}
