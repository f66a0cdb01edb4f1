export * from './describe.ts';
export * from './t-quantile.ts';
