export * from './common.ts';
export * from './files.ts';
