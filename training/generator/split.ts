import { fnv1a } from "./rng";

export type Split = "train" | "valid" | "test";
export const SPLITS: readonly Split[] = ["train", "valid", "test"];

/**
 * Which split a slot value belongs to, from a hash of its text alone (never the seed): the test
 * split's names, files, places and words are never seen in training, whatever the seed.
 */
export function splitOfValue(value: string): Split {
  const h = fnv1a(value.toLowerCase(), 0x2545f491) % 100;
  return h < 80 ? "train" : h < 90 ? "valid" : "test";
}

/** A pool of slot values divided into the three splits by splitOfValue. */
export class SplitPool<T> {
  private readonly bySplit: Record<Split, T[]>;

  constructor(values: readonly T[], keyOf: (v: T) => string = String) {
    const seen = new Set<string>();
    this.bySplit = { train: [], valid: [], test: [] };
    for (const v of values) {
      const key = keyOf(v);
      if (seen.has(key)) continue;
      seen.add(key);
      this.bySplit[splitOfValue(key)].push(v);
    }
    for (const s of SPLITS) if (this.bySplit[s].length === 0) this.bySplit[s] = [...values];
  }

  of(split: Split): readonly T[] {
    return this.bySplit[split];
  }

  size(split: Split): number {
    return this.bySplit[split].length;
  }
}

/**
 * Phrasings (templates, connectors) are divided by family: a stable order by hash, then about 70%
 * train, 15% valid, 15% test, at least one each. Lists shorter than 4 are shared by all splits.
 */
export function splitPhrasings<T>(items: readonly T[], keyOf: (v: T) => string): Record<Split, T[]> {
  if (items.length < 4) return { train: [...items], valid: [...items], test: [...items] };
  const sorted = [...items].sort((a, b) => fnv1a(keyOf(a), 0x5bd1e995) - fnv1a(keyOf(b), 0x5bd1e995));
  const nTest = Math.max(1, Math.round(items.length * 0.15));
  const nValid = Math.max(1, Math.round(items.length * 0.15));
  return {
    test: sorted.slice(0, nTest),
    valid: sorted.slice(nTest, nTest + nValid),
    train: sorted.slice(nTest + nValid),
  };
}
