/**
 * mulberry32 (Tommy Ettinger's 32-bit generator): tiny, fast and good enough for test data.
 * Never Math.random: a dataset must come out identical for the same seed on every machine.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a of a label: turns `person:42` into a seed, so sub-streams do not shift when others grow. */
export function seedOf(label: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < label.length; i += 1) {
    hash ^= label.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** The draws the generator needs, on top of one seeded stream. */
export class SeededRandom {
  readonly #next: () => number;

  constructor(readonly seed: number) {
    this.#next = mulberry32(seed);
  }

  /** An independent stream for one part of the data (a person, a store): its draws do not move others'. */
  fork(label: string): SeededRandom {
    return new SeededRandom((seedOf(label) ^ Math.imul(this.seed, 0x9e3779b1)) >>> 0);
  }

  /** In [0, 1). */
  float(): number {
    return this.#next();
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.#next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.#next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.#next() * items.length)] as T;
  }

  /** One of the keys, with probability proportional to its weight. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    const entries = Object.entries(weights) as [K, number][];
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.#next() * total;
    for (const [key, weight] of entries) {
      roll -= weight;
      if (roll < 0) return key;
    }
    return (entries.at(-1) as [K, number])[0];
  }

  digits(count: number): string {
    let out = '';
    for (let i = 0; i < count; i += 1) out += String(Math.floor(this.#next() * 10));
    return out;
  }

  hex(count: number): string {
    let out = '';
    for (let i = 0; i < count; i += 1) out += Math.floor(this.#next() * 16).toString(16);
    return out;
  }

  /** How many times something happens: 1 + a geometric draw with the given mean, capped. */
  count(mean: number, max: number): number {
    const p = 1 / Math.max(mean, 1);
    let n = 1;
    while (n < max && !this.chance(p)) n += 1;
    return n;
  }

  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i -= 1) {
      const j = Math.floor(this.#next() * (i + 1));
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  }
}
