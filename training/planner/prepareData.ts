// Turns (request, plan) JSON Lines into what train.py reads: token ids made by the project's own
// tokenizer (the one written into the GGUF, proven to tokenize exactly as llama.cpp), with the
// prompt in the compact format the product uses at run time:
//   - the request goes through the product's normalizer (dates resolved, as at run time);
//   - the tools offered are the gold tools plus a few others: with --classifier, those the tool
//     classifier offers for the request (the plausible wrong ones) and up to two at random;
//   - loss is taken on the plan and the end token only;
//   - the values are placeholders from the gold plan's spans, except where the tagger's own are what
//     the planner will see: out-of-scope requests (no gold plan marks their values) take the value
//     tagger's spans (--tagger), and a share of the others (--mistakes) one tagger-like mistake
//     (spanNoise.ts), so the planner learns to plan from the spans it gets at run time.
//
//   npx tsx training/planner/prepareData.ts --train a.jsonl --valid b.jsonl --out training/out/data \
//     [--merges 3000] [--seed 1] [--tagger assets/models/value-tagger.json] [--mistakes 0.3]
//     [--classifier assets/models/toolrag-classifier.json] [--tokenizer tokenizer.json]
//
// --tokenizer keeps a shipped planner's vocabulary (read out of its GGUF by ggufWeights.py), so that
// train.py --init can go on training it on new data; without it a vocabulary is learned.
//
// Output: tokenizer.json, {train,valid}.bin.gz (see writeSplit), meta.json.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { parseArgs } from "node:util";
import { EvalExampleSchema, readJsonLines, type EvalExample } from "../../src/agent/evaluation";
import { normalizeRequest } from "../../src/agent/normalize";
import { taggedRequest } from "../../src/agent/pipeline";
import { actionTasks } from "../../src/agent/plan/plan";
import { parseAndValidatePlan } from "../../src/agent/plan/validatePlan";
import { compactPrompt } from "../../src/agent/prompt/compactPrompt";
import { parseLocalDateTime } from "../../src/core/time/localDateTime";
import { TOOL_NAMES, type ToolName } from "../../src/core/tools/names";
import { encodeBpe, trainByteLevelBpe, type BpeVocabulary } from "../../src/gguf/byteLevelBpe";
import { seededRandom } from "../../src/gguf/quantize";
import { serializePlan } from "../../src/agent/plan/serializePlan";
import { delexicalize, delexicalizeValue, placeholdersIn, renamePlaceholders } from "../../src/agent/values/delexicalize";
import { goldValueSpans } from "../../src/agent/values/goldSpans";
import { isPlaceholderValue } from "../../src/agent/values/placeholderPlan";
import { PLACEHOLDERS, type ValueSpan } from "../../src/core/values/valueTypes";
import type { PyValue } from "../../src/agent/plan/pythonLiteral";
import { ValueTagger } from "../../src/classifier/valueTagger";
import { ClassifierSelector } from "../../src/agent/classifierSelector";
import { ENGINE_MODULES } from "../../src/engines/engineLoader";
import { withTaggerMistake } from "./spanNoise";

export interface PreparedExample {
  prompt: number[];
  completion: number[];
}

/** How the values of one example are found, beyond the gold plan's spans. */
export interface SpanSource {
  /** The tagger's spans of the normalized request, used for an out-of-scope request (its plan marks none). */
  tagged?: readonly ValueSpan[];
  /** When given, one tagger-like mistake is made in the gold spans (spanNoise.ts) with this randomness. */
  mistake?: () => number;
}

/**
 * The text the planner sees and the text it must write, as at run time: the normalized request
 * with its values as placeholders (from the gold plan's spans), and the gold plan over the same
 * placeholders. Undefined when the plan needs words the grammar cannot write (a value not in the
 * request, a form isPlaceholderValue does not read): such a plan cannot be produced at run time either.
 */
export function trainingTexts(
  example: EvalExample,
  extraTools: readonly ToolName[],
  source: SpanSource = {},
): { prompt: string; completion: string } | undefined {
  const now = parseLocalDateTime(example.now)!.value;
  const plan = parseAndValidatePlan(example.plan);
  if (!plan.ok) throw new Error(`${example.id}: the gold plan is invalid: ${plan.problems.map((p) => p.message).join(" ")}`);
  const gold = actionTasks(plan.plan).map((t) => t.tool as ToolName);
  const tools = TOOL_NAMES.filter((t) => gold.includes(t) || extraTools.includes(t));
  const { text: normalized, changes } = normalizeRequest(example.query, now);
  const goldSpans = gold.length === 0 && source.tagged ? source.tagged : goldValueSpans(normalized, plan.plan.tasks, changes);
  let delex = delexicalize(normalized, goldSpans, changes);
  let tasks = plan.plan.tasks.map((t) => ({ ...t, args: t.args.map((a) => delexicalizeValue(a, delex.slots)) }));
  if (!tasks.every((t) => t.args.every(isPlaceholderValue))) return undefined;
  const mistaken = gold.length > 0 && source.mistake ? withTaggerMistake(normalized, goldSpans, changes, source.mistake) : undefined;
  if (mistaken) {
    // Each placeholder of the plan becomes the one whose span overlaps its value's: a swapped type
    // renames it, a grown or shrunk span keeps it; a plan that then reads no form of the
    // conventions ("Meeting with PLACE1") keeps the gold spans.
    const noisy = delexicalize(normalized, mistaken, changes);
    const rename = new Map<string, string>();
    for (const slot of delex.slots) {
      const to = noisy.slots.find((n) => n.start < slot.end && slot.start < n.end);
      if (to) rename.set(slot.placeholder, to.placeholder);
    }
    const renamed = tasks.map((t) => ({ ...t, args: t.args.map((a) => renamedValue(a, rename)) }));
    const used = placeholdersIn(serializePlan(tasks));
    if (used.every((p) => rename.has(p)) && renamed.every((t) => t.args.every(isPlaceholderValue))) {
      delex = noisy;
      tasks = renamed;
    }
  }
  const p = compactPrompt.build({ tools, now, query: delex.text });
  return { prompt: p.system + p.user, completion: serializePlan(tasks) };
}

function renamedValue(value: PyValue, rename: ReadonlyMap<string, string>): PyValue {
  if (typeof value === "string") return renamePlaceholders(value, rename);
  if (Array.isArray(value)) return value.map((v) => renamedValue(v, rename));
  return value;
}

/** Up to `most` random tools beyond the gold ones, as a classifier tuned for recall adds them. */
function distractors(rand: () => number, most = 3): ToolName[] {
  const n = Math.floor(rand() * (most + 1));
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
  options: {
    merges: number;
    seed: number;
    tagged?: ReadonlyMap<string, ValueSpan[]>;
    mistakes?: number;
    /** The tools the classifier offers for each request (by id): the plausible extras ("send_sms" beside an email). */
    offered?: ReadonlyMap<string, ToolName[]>;
    /** A shipped planner's vocabulary, so that its training can go on (train.py --init); else one is learned. */
    vocab?: BpeVocabulary;
  },
): { vocab: BpeVocabulary; prepared: Record<string, PreparedExample[]> } {
  const rand = seededRandom(options.seed);
  // Its own stream, so the tools offered do not change with the share of mistakes.
  const noise = seededRandom(options.seed + 1);
  const source = (e: EvalExample): SpanSource => ({
    tagged: options.tagged?.get(e.id),
    mistake: noise() < (options.mistakes ?? 0) ? noise : undefined,
  });
  const texts = Object.fromEntries(
    Object.entries(splits).map(([name, examples]) => [
      name,
      examples.flatMap((e) => {
        // With the classifier's own picks, fewer random ones: the extras it offers are the ones
        // a planner must learn to leave alone (measured: 1.0 wrong tool per request on validation).
        const offered = options.offered?.get(e.id);
        const extra = offered ? [...offered, ...distractors(rand, 2)] : distractors(rand);
        return trainingTexts(e, extra, source(e)) ?? [];
      }),
    ]),
  );
  // The tokenizer learns from (a sample of) the training split only.
  const sample = (texts.train ?? []).slice(0, 20000).flatMap((t) => [t.prompt, t.completion]);
  const vocab = options.vocab ?? trainByteLevelBpe(sample, { maxMerges: options.merges, userTokens: [...TOOL_NAMES, ...PLACEHOLDERS] });
  const prepared = Object.fromEntries(
    Object.entries(texts).map(([name, list]) => [
      name,
      list.map((t) => ({ prompt: [vocab.bos, ...encodeBpe(vocab, t.prompt)], completion: [...encodeBpe(vocab, t.completion), vocab.eos] })),
    ]),
  );
  return { vocab, prepared };
}

/**
 * A vocabulary written by this script (tokenizer.json) or read out of a planner GGUF by
 * `ggufWeights.py --tokenizer`; its tool and placeholder tokens must be today's, or the plans
 * would be encoded with tokens the model never learned as such.
 */
export function readVocabulary(path: string): BpeVocabulary {
  const vocab = JSON.parse(readFileSync(path, "utf8")) as BpeVocabulary;
  const missing = [...TOOL_NAMES, ...PLACEHOLDERS].filter((t) => !vocab.tokens.includes(t));
  if (missing.length > 0)
    throw new Error(`${path} lacks the tokens ${missing.join(", ")}: prepare without --tokenizer and train from scratch`);
  return vocab;
}

/** An examples file (JSON Lines); a line that does not read stops the run, naming it. */
export function readExamples(path: string): EvalExample[] {
  return readJsonLines(readFileSync(path, "utf8"), EvalExampleSchema).flatMap((l) => {
    if (!l.ok) throw new Error(`${path}: ${l.error}`);
    return [l.value];
  });
}

/**
 * What the stages before the planner give it, per request (by id), read in one pass with one
 * normalization each: the tagger's spans of an out-of-scope request (its plan marks none), and the
 * tools the classifier offers, as the pipeline asks them.
 */
async function runTimeInputs(
  examples: readonly EvalExample[],
  models: { tagger?: string; classifier?: string },
): Promise<{ tagged?: Map<string, ValueSpan[]>; offered?: Map<string, ToolName[]> }> {
  const tagger = models.tagger ? await ValueTagger.load(models.tagger, ENGINE_MODULES.onnxRuntime) : undefined;
  const selector = models.classifier ? await ClassifierSelector.load(models.classifier, ENGINE_MODULES.onnxRuntime) : undefined;
  const tagged = tagger ? new Map<string, ValueSpan[]>() : undefined;
  const offered = selector ? new Map<string, ToolName[]>() : undefined;
  if (!tagger && !selector) return {};
  for (const e of examples) {
    const normalized = normalizeRequest(e.query, parseLocalDateTime(e.now)!.value);
    const plan = parseAndValidatePlan(e.plan);
    const outOfScope = plan.ok && actionTasks(plan.plan).length === 0;
    // The tagger reads every request when a classifier asks too: its tool votes join the classifier's.
    const found = tagger && (selector || outOfScope) ? await tagger.read(normalized.text) : undefined;
    if (found && outOfScope) tagged!.set(e.id, found.spans);
    if (selector) {
      const request = found && taggedRequest(normalized, found).tagged;
      offered!.set(
        e.id,
        (await selector.select(normalized.text, request)).selected.map((s) => s.tool),
      );
    }
  }
  return { tagged, offered };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      train: { type: "string" },
      valid: { type: "string" },
      out: { type: "string", default: "training/out/data" },
      merges: { type: "string", default: "3000" },
      seed: { type: "string", default: "1" },
      tagger: { type: "string" },
      mistakes: { type: "string", default: "0" },
      classifier: { type: "string" },
      tokenizer: { type: "string" },
    },
  });
  if (!values.train || !values.valid) throw new Error("--train and --valid are required");
  const mistakes = Number(values.mistakes);
  if (!(mistakes >= 0 && mistakes <= 1)) throw new Error(`--mistakes is a share between 0 and 1 (got "${values.mistakes}")`);
  const started = performance.now();
  const splits = { train: readExamples(values.train), valid: readExamples(values.valid) };
  const { tagged, offered } = await runTimeInputs([...splits.train, ...splits.valid], values);
  if (tagged || offered)
    console.log(
      `${tagged?.size ?? 0} out-of-scope requests tagged, ${offered?.size ?? 0} classified in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  const given = values.tokenizer === undefined ? undefined : readVocabulary(values.tokenizer);
  const { vocab, prepared } = prepare(splits, {
    merges: Number(values.merges),
    seed: Number(values.seed),
    tagged,
    mistakes,
    offered,
    vocab: given,
  });
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

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
