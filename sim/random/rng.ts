/**
 * Seeded pseudo-random generator: xoshiro128** (Blackman & Vigna), 32-bit integer state so it is
 * fast in JavaScript. Streams are split by trial index: the generator of trial `i` is seeded from a
 * hash of (seed, i), so a result never depends on which worker ran the trial or in which order.
 * Never use Math.random in jitsim: every drawing function takes a generator as an argument.
 */

/** A source of uniform numbers in [0, 1) (simple-statistics calls this a `randomSource`). */
export interface RandomSource {
  /** Uniform in [0, 1) with 53 random bits. */
  next(): number;
}

/** murmur3's 32-bit finaliser: a bijective avalanche mix. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** xoshiro128**: 128-bit state, period 2^128 − 1. */
export class Xoshiro128 implements RandomSource {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** Seeds the four state words from `key` with splitmix32 (never all zero). */
  constructor(key: number) {
    let s = key >>> 0;
    const split = () => {
      s = (s + 0x9e3779b9) >>> 0;
      return fmix32(s);
    };
    this.a = split();
    this.b = split();
    this.c = split();
    this.d = split();
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1;
  }

  /** The next 32 random bits as an unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }

  /** Writes the generator's state (four 32-bit words) into `out` at `at` (to resume it later with {@link setState}). */
  getState(out: Uint32Array, at = 0): void {
    out[at] = this.a;
    out[at + 1] = this.b;
    out[at + 2] = this.c;
    out[at + 3] = this.d;
  }

  /** Resumes the generator from a state written by {@link getState}: the same numbers follow. */
  setState(s: Uint32Array, at = 0): void {
    this.a = s[at]! | 0;
    this.b = s[at + 1]! | 0;
    this.c = s[at + 2]! | 0;
    this.d = s[at + 3]! | 0;
  }

  next(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/**
 * The generator of one trial: a hash of the run's seed and the trial index, so every trial has its
 * own stream whatever the number of workers.
 * @param seed any safe integer
 * @example trialRng(1, 0).next() // same value on every machine and every run
 */
export function trialRng(seed: number, trialIndex: number, stream = 0): Xoshiro128 {
  const lo = seed >>> 0;
  const hi = Math.floor(seed / 4294967296) >>> 0;
  let h = fmix32(lo ^ 0x243f6a88);
  h = fmix32(h ^ fmix32(hi + 0x85a308d3));
  h = fmix32(h ^ fmix32(trialIndex + 0x13198a2e));
  h = fmix32(h ^ fmix32(stream + 0x03707344));
  return new Xoshiro128(h);
}
