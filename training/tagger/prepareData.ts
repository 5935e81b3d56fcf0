// Turns generated (request, plan) JSON Lines into what training/tagger/train.py reads: for each
// request, normalized as at run time, the tagger's feature ids per token and the BIO label of each
// token, from the spans the gold plan copies (goldValueSpans; times are found by pattern, not tagged).
// Half of the dictated messages and titles are varied as people type them (vary()).
//
//   npx tsx training/tagger/prepareData.ts --train a.jsonl --valid b.jsonl --out training/out/tagger-data
//
// Output per split: <split>.bin.gz — "TATG", version 1, example count, features per token (u32 each);
// then per example its token count (u16); then all feature ids (u16) and all labels (u8).
// And <split>.tools.bin.gz: per example, the tools its gold plan calls as a u32 bit mask (bit i:
// TOOL_NAMES[i]; bit 16: out of scope, a plan with none), for a tool-selection head (train.py
// --tools-weight).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import type { EvalExample } from "../../src/agent/evaluation";
import { normalizeRequest } from "../../src/agent/normalize";
import { parseAndValidatePlan } from "../../src/agent/plan/validatePlan";
import { parseLocalDateTime } from "../../src/core/time/localDateTime";
import { TOOLS } from "../../src/tools/catalog";
import type { ToolName } from "../../src/core/tools/names";
import { labelsOf } from "../classifier/train";
import { goldValueSpans } from "../../src/agent/values/goldSpans";
import type { ValueSpan } from "../../src/core/values/valueTypes";
import { seededRandom } from "../../src/gguf/quantize";
import { readExamples } from "../planner/prepareData";
import { FEATURES_PER_TOKEN, TAGGER_BUCKETS, TAGGER_LABELS, spanLabels, taggerFeatures } from "../../src/classifier/taggerFeatures";

/** The longest request trained on, in tokens (longer ones are cut; the GRU reads any length at run time). */
const MAX_TOKENS = 160;

export interface TaggedExample {
  ids: BigInt64Array;
  labels: Uint8Array;
  /** The gold plan's tools as a bit mask (toolMask). */
  tools: number;
}

/** The tools a gold plan calls (the classifier's labelsOf) as one bit mask, as prepareData writes them for the tool-selection head. */
export function toolMask(plan: string): number {
  if (!parseAndValidatePlan(plan).ok) throw new Error("the gold plan is invalid");
  return labelsOf(plan).reduce((mask, on, i) => mask | (on << i), 0);
}

/**
 * Dictated words as people type them. The generator's messages and titles are runs of plain words;
 * real ones carry punctuation, emoji, numbers, a second clause and times ("sounds good, see you at
 * 5!"). The generator keeps times out of dictated text (its plans would not say how to read them);
 * here a share of messages and titles is varied in both the request and the plan, so the tagger
 * learns where such text really ends. A time stays as typed in the plan (relexicalization gives it
 * back that way). The planner never sees these words, only TEXT1, so its data is not varied.
 */
const DICTATED_TIMES = [
  "at 5",
  "at 6:30",
  "tomorrow",
  "tonight",
  "on friday",
  "by monday",
  "at noon",
  "this evening",
  "at 7pm",
  "next week",
  "in 2 hours",
  "tmrw at 9",
  "at 10 tomorrow",
  "on sat",
];
const ENDINGS = ["!", "!!", "?", ".", "...", " :)", " 🎉", " ❤️", " 🙏", " 👍", "!! 🌹", " 😊"];
const JOINS = [", ", "! ", " - ", "; ", ". ", ", and ", " & "];
const NUMBERS = ["5 min", "10 minutes", "2 tickets", "#12", "$20", "room 204", "3 of them", "v2", "20%", "100"];
const LINKS = ["for the", "of the", "about the", "at the", "under the", "before the", "from the", "to the", "in the"];

const pick = <T>(rand: () => number, list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;

function vary(value: string, role: "text" | "title", rand: () => number, pool: readonly string[]): string {
  let out = value;
  const other = () => (pool.length > 0 ? pick(rand, pool) : "see you soon");
  if (role === "title") {
    if (rand() < 0.5) out += ` ${pick(rand, LINKS)} ${other().split(" ").slice(0, 2).join(" ")}`;
    if (rand() < 0.2) out += ` ${pick(rand, NUMBERS)}`;
    if (rand() < 0.15) out += ` ${pick(rand, DICTATED_TIMES)}`;
    return out;
  }
  if (rand() < 0.35) out += `${pick(rand, JOINS)}${other()}`;
  if (rand() < 0.2) out += ` ${pick(rand, NUMBERS)}`;
  if (rand() < 0.25) out += ` ${pick(rand, DICTATED_TIMES)}`;
  if (rand() < 0.4) out += pick(rand, ENDINGS);
  if (rand() < 0.2) out = out[0]!.toUpperCase() + out.slice(1);
  return out;
}

const VARIED_SHARE = 0.5;
const pool: string[] = [];

/** The normalized (and varied) request and the spans its plan copies. */
export function variedExample(example: EvalExample, rand: () => number = () => 1): { text: string; spans: ValueSpan[] } {
  const now = parseLocalDateTime(example.now)!.value;
  const plan = parseAndValidatePlan(example.plan);
  if (!plan.ok) throw new Error(`${example.id}: the gold plan is invalid`);
  let query = example.query;
  let tasks = plan.plan.tasks;
  const dictated = tasks.flatMap((t) =>
    t.tool === "join"
      ? []
      : t.args.flatMap((a, i) => {
          const role = TOOLS[t.tool as ToolName].params[i]?.role;
          const ok =
            (role === "text" || role === "title") && typeof a === "string" && a.length > 2 && !a.includes("$") && query.includes(a);
          return ok ? [{ value: a as string, role: role as "text" | "title" }] : [];
        }),
  );
  for (const { value, role } of dictated) {
    if (rand() >= VARIED_SHARE) continue;
    const varied = vary(value, role, rand, pool);
    if (query.split(value).length !== 2) continue;
    query = query.replace(value, varied);
    tasks = tasks.map((t) => ({ ...t, args: t.args.map((a) => (a === value ? varied : a)) }));
  }
  for (const { value } of dictated) if (pool.push(value) > 500) pool.shift();
  const normalized = normalizeRequest(query, now);
  return { text: normalized.text, spans: goldValueSpans(normalized.text, tasks, normalized.changes) };
}

export function taggedExample(example: EvalExample, rand: () => number = () => 1): TaggedExample {
  const { text, spans } = variedExample(example, rand);
  const { tokens, ids } = taggerFeatures(text);
  const labels = spanLabels(tokens, spans);
  const n = Math.min(tokens.length, MAX_TOKENS);
  return { ids: ids.slice(0, n * FEATURES_PER_TOKEN), labels: labels.slice(0, n), tools: toolMask(example.plan) };
}

export function writeTaggedSplit(path: string, examples: readonly TaggedExample[]): void {
  const tokens = examples.reduce((s, e) => s + e.labels.length, 0);
  const buf = Buffer.alloc(16 + examples.length * 2 + tokens * FEATURES_PER_TOKEN * 2 + tokens);
  buf.write("TATG", 0, "ascii");
  buf.writeUInt32LE(1, 4);
  buf.writeUInt32LE(examples.length, 8);
  buf.writeUInt32LE(FEATURES_PER_TOKEN, 12);
  let at = 16;
  for (const e of examples) at = buf.writeUInt16LE(e.labels.length, at);
  for (const e of examples) for (const id of e.ids) at = buf.writeUInt16LE(Number(id), at);
  for (const e of examples) for (const label of e.labels) at = buf.writeUInt8(label, at);
  writeFileSync(path, gzipSync(buf, { level: 6 }));
  const masks = Buffer.alloc(examples.length * 4);
  examples.forEach((e, i) => masks.writeUInt32LE(e.tools, i * 4));
  writeFileSync(path.replace(/\.bin\.gz$/, ".tools.bin.gz"), gzipSync(masks));
}

if (require.main === module) {
  const { values } = parseArgs({
    options: {
      train: { type: "string" },
      valid: { type: "string" },
      out: { type: "string", default: "training/out/tagger-data" },
      seed: { type: "string", default: "1" },
    },
  });
  if (!values.train || !values.valid) throw new Error("--train and --valid are required");
  const started = performance.now();
  mkdirSync(values.out, { recursive: true });
  const stats: Record<string, unknown> = { labels: TAGGER_LABELS, buckets: TAGGER_BUCKETS, featuresPerToken: FEATURES_PER_TOKEN };
  for (const [name, path] of [
    ["train", values.train],
    ["valid", values.valid],
  ] as const) {
    const rand = seededRandom(Number(values.seed) + (name === "train" ? 0 : 1));
    const examples = readExamples(path).map((e) => taggedExample(e, rand));
    writeTaggedSplit(join(values.out, `${name}.bin.gz`), examples);
    stats[name] = { examples: examples.length, tokens: examples.reduce((s, e) => s + e.labels.length, 0) };
  }
  writeFileSync(join(values.out, "meta.json"), JSON.stringify(stats, null, 2));
  console.log(JSON.stringify(stats), `in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
