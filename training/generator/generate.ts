import { parseAndValidatePlan } from "../../src/agent/plan/validatePlan";
import { generateExample, type Example, type GenerateOptions } from "./compose";
import { Rng } from "./rng";
import { SPLITS, type Split } from "./split";

export const DEFAULT_SIZES: Record<Split, number> = { train: 200_000, valid: 5_000, test: 5_000 };

/**
 * The examples of one split, deterministic from (seed, split). Every gold plan is checked by the
 * project's validator; a duplicate query within the split is drawn again.
 */
export function* generateSplit(seed: number, split: Split, size: number, options: GenerateOptions = {}): Generator<Example> {
  const rng = new Rng((Math.imul(seed, 0x9e3779b1) ^ ((SPLITS.indexOf(split) + 1) * 0x85ebca6b)) >>> 0);
  const seen = new Set<string>();
  let i = 0;
  let attempts = 0;
  while (i < size) {
    if (++attempts > size * 3 + 1000) throw new Error(`could not draw ${size} distinct ${split} examples`);
    const example = generateExample(rng, split, `${split}-${seed}-${i}`, options);
    const key = example.query.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    const checked = parseAndValidatePlan(example.plan);
    if (!checked.ok) {
      throw new Error(
        `generated an invalid plan for "${example.query}":\n${example.plan}\n${checked.problems.map((p) => p.message).join("\n")}`,
      );
    }
    i++;
    yield example;
  }
}
