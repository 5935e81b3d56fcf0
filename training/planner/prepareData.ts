// Turns (request, plan) JSON Lines into what train.py reads: token ids made by the project's own
// tokenizer (the one written into the GGUF, proven to tokenize exactly as llama.cpp), with the
// prompt in the compact format the product uses at run time:
//   - the request goes through the product's normalizer (dates resolved, as at run time);
//   - the tools offered are the gold tools plus a few others, as the classifier offers them;
//   - loss is taken on the plan and the end token only.
//
//   npx tsx training/planner/prepareData.ts --train a.jsonl --valid b.jsonl --out training/out/data [--merges 3000] [--seed 1]
//
// Output: tokenizer.json, {train,valid}.bin.gz (see writeSplit), meta.json.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { parseArgs } from "node:util";
import { EvalExampleSchema, readJsonLines, type EvalExample } from "../../src/agent/evaluation";
import { normalizeRequest } from "../../src/agent/normalize";
import { actionTasks } from "../../src/agent/plan/plan";
import { parseAndValidatePlan } from "../../src/agent/plan/validatePlan";
import { compactPrompt } from "../../src/agent/prompt/compactPrompt";
import { parseLocalDateTime } from "../../src/core/time/localDateTime";
import { TOOL_NAMES, type ToolName } from "../../src/core/tools/names";
import { encodeBpe, trainByteLevelBpe, type BpeVocabulary } from "../../src/gguf/byteLevelBpe";
import { seededRandom } from "../../src/gguf/quantize";
import { serializePlan } from "../../src/agent/plan/serializePlan";
import { delexicalize, delexicalizeValue } from "../../src/agent/values/delexicalize";
import { goldValueSpans } from "../../src/agent/values/goldSpans";
import { isPlaceholderValue } from "../../src/agent/values/placeholderPlan";
import { PLACEHOLDERS } from "../../src/core/values/valueTypes";

export interface PreparedExample {
  prompt: number[];
  completion: number[];
}

/**
 * The text the planner sees and the text it must write, as at run time: the normalized request
 * with its values as placeholders (from the gold plan's spans), and the gold plan over the same
 * placeholders. Undefined when the plan needs words the grammar cannot write (a value not in the
 * request, a convention outside STRING_PIECES): such a plan cannot be produced at run time either.
 */
export function trainingTexts(example: EvalExample, extraTools: readonly ToolName[]): { prompt: string; completion: string } | undefined {
  const now = parseLocalDateTime(example.now)!.value;
  const plan = parseAndValidatePlan(example.plan);
  if (!plan.ok) throw new Error(`${example.id}: the gold plan is invalid: ${plan.problems.map((p) => p.message).join(" ")}`);
  const gold = actionTasks(plan.plan).map((t) => t.tool as ToolName);
  const tools = TOOL_NAMES.filter((t) => gold.includes(t) || extraTools.includes(t));
  const { text: normalized, changes } = normalizeRequest(example.query, now);
  const delex = delexicalize(normalized, goldValueSpans(normalized, plan.plan.tasks, changes), changes);
  const tasks = plan.plan.tasks.map((t) => ({ ...t, args: t.args.map((a) => delexicalizeValue(a, delex.slots)) }));
  if (!tasks.every((t) => t.args.every(isPlaceholderValue))) return undefined;
  const p = compactPrompt.build({ tools, now, query: delex.text });
  return { prompt: p.system + p.user, completion: serializePlan(tasks) };
}

/** 0–3 tools beyond the gold ones, as a classifier tuned for recall adds them. */
function distractors(rand: () => number): ToolName[] {
  const n = Math.floor(rand() * 4);
  return Array.from({ length: n }, () => TOOL_NAMES[Math.floor(rand() * TOOL_NAMES.length)]!);
}

/**
 * One split as one gzip file (the GPU machine gets the data with the repository, 64 MiB at most):
 * a little-endian header (magic "TAPD", version 1, example count, total tokens), then per example
 * (prompt length u32, completion length u32), then all tokens as u16.
 */
export function writeSplit(path: string, examples: readonly PreparedExample[]): void {
  const total = examples.reduce((s, e) => s + e.prompt.length + e.completion.length, 0);
  const buf = Buffer.alloc(16 + examples.length * 8 + total * 2);
  buf.write("TAPD", 0, "ascii");
  buf.writeUInt32LE(1, 4);
  buf.writeUInt32LE(examples.length, 8);
  buf.writeUInt32LE(total, 12);
  let at = 16;
  for (const e of examples) {
    buf.writeUInt32LE(e.prompt.length, at);
    buf.writeUInt32LE(e.completion.length, at + 4);
    at += 8;
  }
  for (const e of examples) {
    for (const t of [...e.prompt, ...e.completion]) {
      if (t > 0xffff) throw new RangeError("token id does not fit in 16 bits");
      buf.writeUInt16LE(t, at);
      at += 2;
    }
  }
  writeFileSync(path, gzipSync(buf, { level: 9 }));
}

export function prepare(
  splits: Record<string, readonly EvalExample[]>,
  options: { merges: number; seed: number },
): { vocab: BpeVocabulary; prepared: Record<string, PreparedExample[]> } {
  const rand = seededRandom(options.seed);
  const texts = Object.fromEntries(
    Object.entries(splits).map(([name, examples]) => [name, examples.flatMap((e) => trainingTexts(e, distractors(rand)) ?? [])]),
  );
  // The tokenizer learns from (a sample of) the training split only.
  const sample = (texts.train ?? []).slice(0, 20000).flatMap((t) => [t.prompt, t.completion]);
  const vocab = trainByteLevelBpe(sample, { maxMerges: options.merges, userTokens: [...TOOL_NAMES, ...PLACEHOLDERS] });
  const prepared = Object.fromEntries(
    Object.entries(texts).map(([name, list]) => [
      name,
      list.map((t) => ({ prompt: [vocab.bos, ...encodeBpe(vocab, t.prompt)], completion: [...encodeBpe(vocab, t.completion), vocab.eos] })),
    ]),
  );
  return { vocab, prepared };
}

/** An examples file (JSON Lines); a line that does not read stops the run, naming it. */
export function readExamples(path: string): EvalExample[] {
  return readJsonLines(readFileSync(path, "utf8"), EvalExampleSchema).flatMap((l) => {
    if (!l.ok) throw new Error(`${path}: ${l.error}`);
    return [l.value];
  });
}

if (require.main === module) {
  const { values } = parseArgs({
    options: {
      train: { type: "string" },
      valid: { type: "string" },
      out: { type: "string", default: "training/out/data" },
      merges: { type: "string", default: "3000" },
      seed: { type: "string", default: "1" },
    },
  });
  if (!values.train || !values.valid) throw new Error("--train and --valid are required");
  const started = performance.now();
  const { vocab, prepared } = prepare(
    { train: readExamples(values.train), valid: readExamples(values.valid) },
    { merges: Number(values.merges), seed: Number(values.seed) },
  );
  mkdirSync(values.out, { recursive: true });
  writeFileSync(join(values.out, "tokenizer.json"), JSON.stringify(vocab));
  const stats: Record<string, unknown> = { vocabSize: vocab.tokens.length, merges: vocab.merges.length };
  for (const [name, examples] of Object.entries(prepared)) {
    writeSplit(join(values.out, `${name}.bin.gz`), examples);
    const lengths = examples.map((e) => e.prompt.length + e.completion.length).sort((a, b) => a - b);
    stats[name] = { examples: examples.length, maxTokens: lengths.at(-1), medianTokens: lengths[lengths.length >> 1] };
  }
  writeFileSync(join(values.out, "meta.json"), JSON.stringify({ ...stats, bos: vocab.bos, eos: vocab.eos }, null, 2));
  console.log(JSON.stringify(stats), `in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
