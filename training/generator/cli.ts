import { mkdirSync, openSync, writeSync, closeSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { DEFAULT_SIZES, generateSplit } from "./generate";
import { SPLITS, type Split } from "./split";

const USAGE = `Usage: npm run data -- [--seed 1] [--out training/data/generated] [--train N] [--valid N] [--test N]

Writes train.jsonl, valid.jsonl and test.jsonl ({id, now, query, plan} per line) and prints sizes.`;

function main(argv: string[]): number {
  const { values } = parseArgs({
    args: argv,
    options: {
      seed: { type: "string", default: "1" },
      out: { type: "string", default: "training/data/generated" },
      train: { type: "string" },
      valid: { type: "string" },
      test: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const seed = Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0) throw new Error(`--seed must be a whole number (got ${values.seed})`);
  const sizes = { ...DEFAULT_SIZES };
  for (const s of SPLITS) {
    const v = values[s];
    if (v !== undefined) {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0) throw new Error(`--${s} must be a whole number (got ${v})`);
      sizes[s] = n;
    }
  }
  mkdirSync(values.out, { recursive: true });
  const started = performance.now();
  for (const split of SPLITS) {
    const path = join(values.out, `${split}.jsonl`);
    const fd = openSync(path, "w");
    let outOfScope = 0;
    let actions = 0;
    let buffer = "";
    for (const e of generateSplit(seed, split as Split, sizes[split])) {
      buffer += JSON.stringify(e) + "\n";
      if (buffer.length > 1 << 20) {
        writeSync(fd, buffer);
        buffer = "";
      }
      const n = e.plan.split("\n").length - 1;
      if (n === 0) outOfScope++;
      actions += n;
    }
    writeSync(fd, buffer);
    closeSync(fd);
    const size = sizes[split];
    console.log(
      `${split.padEnd(5)} ${String(size).padStart(7)} examples → ${path}  (out of scope ${((100 * outOfScope) / Math.max(1, size)).toFixed(1)}%, ${(actions / Math.max(1, size)).toFixed(2)} actions per plan)`,
    );
  }
  console.log(`seed ${seed}, ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  console.error(`error: ${(e as Error).message}`);
  process.exitCode = 2;
}
