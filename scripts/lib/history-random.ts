/**
 * A small seeded random source (mulberry32): the same seed gives the same history, so a test can
 * count what was generated and a demo looks the same on every fresh start.
 */
export type Rng = {
  /** In [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  between(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  /** A positive value around `median`, spread by `sigma` (waiting times are long-tailed). */
  logNormal(median: number, sigma: number): number;
  digits(n: number): string;
  hex(n: number): string;
};

export function seededRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const between = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    between,
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)]!,
    weighted(items) {
      const total = items.reduce((s, [, w]) => s + w, 0);
      let r = next() * total;
      for (const [item, w] of items) {
        r -= w;
        if (r < 0) return item;
      }
      return items[items.length - 1]![0];
    },
    logNormal(median, sigma) {
      // Box–Muller: a standard normal from two uniforms.
      const z = Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
      return median * Math.exp(sigma * z);
    },
    digits: (n) => Array.from({ length: n }, () => between(0, 9)).join(''),
    hex: (n) => Array.from({ length: n }, () => between(0, 15).toString(16)).join(''),
  };
}

/** A 32-bit seed from a string (a client id), so each client's history differs under one seed. */
export function seedOf(text: string, seed: number): number {
  let h = seed ^ 0x811c9dc5;
  for (const ch of text) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193);
  return h >>> 0;
}
