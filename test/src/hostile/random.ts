// A seeded pseudo-random source, so that a hostile run is the same run every time: a failure names a
// request that the next run sends again.

export interface Random {
  /** uniform in [0, 1) */
  next(): number;
  /** an integer in [min, max] */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
  /** `length` characters drawn from `alphabet` */
  text(length: number, alphabet?: string): string;
  hex(length: number): string;
  shuffle<T>(items: T[]): T[];
}

const LETTERS = "abcdefghijklmnopqrstuvwxyz";

/** mulberry32: 32 bits of state, good enough to spread test inputs, and reproducible everywhere */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick: (items) => items[int(0, items.length - 1)] as (typeof items)[number],
    chance: (probability) => next() < probability,
    text: (length, alphabet = LETTERS) =>
      Array.from({ length }, () => alphabet[int(0, alphabet.length - 1)]).join(""),
    hex: (length) => Array.from({ length }, () => int(0, 15).toString(16)).join(""),
    shuffle(items) {
      for (let index = items.length - 1; index > 0; index--) {
        const other = int(0, index);
        [items[index], items[other]] = [
          items[other] as (typeof items)[number],
          items[index] as (typeof items)[number],
        ];
      }
      return items;
    },
  };
}
