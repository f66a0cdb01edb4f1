export * from './beta.ts';
export * from './copula.ts';
export * from './dist.ts';
export * from './normal.ts';
export * from './poisson.ts';
export * from './rng.ts';
