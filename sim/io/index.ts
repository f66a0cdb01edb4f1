export * from './csv-table.ts';
export * from './json-document.ts';
export * from './schema-check.ts';
export * from './safe-text.ts';
