// The value tagger's misses on a generated split, for error analysis (never on the hand-written dev
// sets: those are measurements). Scores like `npm run eval -- --tagger-only` (exact spans, times
// excluded) with the model a sidecar names, so a candidate can be measured before it is installed.
//
//   npx tsx training/tagger/errors.ts --model training/out/tagger/value-tagger.json \
//     --data training/out/generated/valid.jsonl [--show 40] [--type TEXT]
import { parseArgs } from "node:util";
import { normalizeRequest } from "../../src/agent/normalize";
import { parseAndValidatePlan } from "../../src/agent/plan/validatePlan";
import { parseLocalDateTime } from "../../src/core/time/localDateTime";
import { coverChanges } from "../../src/agent/values/delexicalize";
import { goldValueSpans } from "../../src/agent/values/goldSpans";
import type { ValueSpan } from "../../src/core/values/valueTypes";
import { ValueTagger, wholeChunk } from "../../src/classifier/valueTagger";
import { FEATURES_PER_TOKEN, labelSpans, taggerFeatures } from "../../src/classifier/taggerFeatures";
import { timeSpans } from "../../src/core/values/timeSpans";
import { readExamples } from "../planner/prepareData";

const { values } = parseArgs({
  options: {
    model: { type: "string", default: "assets/models/value-tagger.json" },
    data: { type: "string", default: "training/out/generated/valid.jsonl" },
    show: { type: "string", default: "30" },
    type: { type: "string" },
    // Simulates a run-time rule: a tagged value whose type and text (case aside) an earlier tagged
    // span already has is dropped (gold spans mark a value's first occurrence only).
    dedupe: { type: "boolean", default: false },
    // Simulates BIO-constrained decoding (Viterbi over the log-softmax; an I- only after a B- or
    // I- of its type) instead of the run time's per-token argmax.
    viterbi: { type: "boolean", default: false },
    // Simulates trimming a closing ")" without its "(" and a sentence's "." (not an initial's: "Volfango I.")
    // from the end of a NAME, NOTE or FOLDER (a place keeps them: "(כפר נוער)", "St.").
    "trim-punct": { type: "boolean", default: false },
  },
});

/** The best label sequence in which every I- follows a B- or I- of its type (O = 0, B-t = 1 + 2t, I-t = 2 + 2t). */
export function bioViterbi(logits: Float32Array, n: number, width: number): Uint8Array {
  const logSoftmax = (i: number) => {
    const row = logits.subarray(i * width, (i + 1) * width);
    const max = Math.max(...row);
    const z = Math.log(row.reduce((a, x) => a + Math.exp(x - max), 0)) + max;
    return Array.from(row, (x) => x - z);
  };
  const allowed = (from: number, to: number) => to === 0 || to % 2 === 1 || (from !== 0 && Math.ceil(from / 2) === to / 2);
  let score = logSoftmax(0).map((x, l) => (l !== 0 && l % 2 === 0 ? -Infinity : x));
  const back: number[][] = [];
  for (let i = 1; i < n; i++) {
    const emit = logSoftmax(i);
    const row: number[] = [];
    const next = emit.map((e, to) => {
      let best = -Infinity;
      let arg = 0;
      for (let from = 0; from < width; from++) if (allowed(from, to) && score[from]! > best) [best, arg] = [score[from]!, from];
      row.push(arg);
      return best + e;
    });
    back.push(row);
    score = next;
  }
  const labels = new Uint8Array(n);
  labels[n - 1] = score.indexOf(Math.max(...score));
  for (let i = n - 1; i > 0; i--) labels[i - 1] = back[i - 1]![labels[i]!]!;
  return labels;
}

const EDGE_SEPARATORS = /[\s,;]/u;
const VALUE_CHARACTER = /[\p{L}\p{N}]/u;

/** ValueTagger.spans() with BIO-constrained decoding (its session read from outside: an analysis only). */
async function viterbiSpans(tagger: ValueTagger, text: string): Promise<ValueSpan[]> {
  const { session, ort } = tagger as unknown as {
    session: { inputNames: string[]; outputNames: string[]; run(feeds: object): Promise<Record<string, { data: unknown }>> };
    ort: { Tensor: new (type: string, data: BigInt64Array, dims: number[]) => unknown };
  };
  const { tokens, ids } = taggerFeatures(text, tagger.sidecar.buckets);
  const times = timeSpans(text);
  if (tokens.length === 0) return times;
  const out = await session.run({ [session.inputNames[0]!]: new ort.Tensor("int64", ids, [1, tokens.length, FEATURES_PER_TOKEN]) });
  const labels = bioViterbi(out[session.outputNames[0]!]!.data as Float32Array, tokens.length, tagger.sidecar.labels.length);
  const trimmed = (s: ValueSpan) => {
    let { start, end } = s;
    while (start < end && EDGE_SEPARATORS.test(text[start]!)) start++;
    while (end > start && EDGE_SEPARATORS.test(text[end - 1]!)) end--;
    return { ...s, start, end };
  };
  const tagged = labelSpans(tokens, labels)
    .map((s) => (s.type === "FILE" || s.type === "EMAIL" ? wholeChunk(text, s) : trimmed(s)))
    .filter((s) => s.end > s.start && VALUE_CHARACTER.test(text.slice(s.start, s.end)))
    .filter((s) => !times.some((t) => s.start >= t.start && s.end <= t.end));
  const unique = [...new Map([...times, ...tagged].map((s) => [`${s.type}:${s.start}:${s.end}`, s])).values()];
  return unique.sort((a, b) => a.start - b.start || b.end - a.end);
}

async function main(): Promise<void> {
  // Two signatures while src/ is being reorganized: the newer one is handed the runtime.
  const load = ValueTagger.load as (path: string, ort: () => Promise<unknown>) => Promise<ValueTagger>;
  const tagger = await load(values.model, () => import("onnxruntime-node"));
  const counts = new Map<string, { gold: number; found: number; correct: number }>();
  const count = (t: string) => counts.get(t) ?? (counts.set(t, { gold: 0, found: 0, correct: 0 }), counts.get(t)!);
  const kinds = new Map<string, number>();
  const misses: string[] = [];
  const key = (s: ValueSpan) => `${s.type}:${s.start}:${s.end}`;
  for (const example of readExamples(values.data)) {
    const gold = parseAndValidatePlan(example.plan);
    if (!gold.ok) continue;
    const { text, changes } = normalizeRequest(example.query, parseLocalDateTime(example.now)!.value);
    const expected = goldValueSpans(text, gold.plan.tasks, changes).filter((s) => s.type !== "TIME");
    let found = (await (values.viterbi ? viterbiSpans(tagger, text) : tagger.spans(text)))
      .filter((s) => s.type !== "TIME")
      .map((s) => coverChanges(s, changes));
    if (values["trim-punct"]) {
      found = found.map((s) => {
        if (!["NAME", "NOTE", "FOLDER"].includes(s.type)) return s;
        let end = s.end;
        const piece = () => text.slice(s.start, end);
        if (piece().endsWith(")") && !piece().includes("(")) end--;
        if (piece().endsWith(".") && !/(^|\s)\p{L}{1,2}\.$/u.test(piece())) end--;
        while (end > s.start && /\s/.test(text[end - 1]!)) end--;
        return { ...s, end };
      });
    }
    if (values.dedupe) {
      const seen = new Set<string>();
      found = found.filter((s) => {
        const k = `${s.type}:${text.slice(s.start, s.end).toLowerCase()}`;
        return seen.has(k) ? false : (seen.add(k), true);
      });
    }
    const e = new Set(expected.map(key));
    const f = new Set(found.map(key));
    for (const s of expected) count(s.type).gold++;
    for (const s of found) {
      count(s.type).found++;
      if (e.has(key(s))) count(s.type).correct++;
    }
    const missed = expected.filter((s) => !f.has(key(s)));
    const extra = found.filter((s) => !e.has(key(s)));
    if (missed.length + extra.length === 0) continue;
    // What kind of miss: a boundary (overlaps a gold span of the same type), a type confusion (same
    // place, another type), a missed value, a spurious one.
    const overlaps = (a: ValueSpan, b: ValueSpan) => a.start < b.end && b.start < a.end;
    for (const s of missed) {
      const o = found.find((x) => overlaps(x, s));
      const kind = !o
        ? "missed"
        : o.type !== s.type
          ? `confused as ${o.type}`
          : o.end - o.start < s.end - s.start
            ? "too short"
            : "too long/shifted";
      kinds.set(`${s.type} ${kind}`, (kinds.get(`${s.type} ${kind}`) ?? 0) + 1);
    }
    const said = (s: ValueSpan) => text.slice(s.start, s.end).toLowerCase();
    for (const s of extra) {
      if (expected.some((x) => overlaps(x, s))) continue;
      const outOfScope = gold.plan.tasks.every((t) => t.tool === "join");
      const kind = outOfScope ? "spurious (out of scope)" : expected.some((x) => said(x) === said(s)) ? "spurious (a repeat)" : "spurious";
      kinds.set(`${s.type} ${kind}`, (kinds.get(`${s.type} ${kind}`) ?? 0) + 1);
    }
    if (values.type && ![...missed, ...extra].some((s) => s.type === values.type)) continue;
    const show = (s: ValueSpan) => `${s.type}「${text.slice(s.start, s.end)}」`;
    misses.push(`${text}\n   gold-only: ${missed.map(show).join(" ")}\n   found-only: ${extra.map(show).join(" ")}`);
  }
  let all = { gold: 0, found: 0, correct: 0 };
  for (const [t, c] of counts) {
    const f1 = (2 * c.correct) / Math.max(1, c.gold + c.found);
    console.log(`${t.padEnd(8)} gold ${String(c.gold).padStart(5)} found ${String(c.found).padStart(5)} F1 ${f1.toFixed(4)}`);
    all = { gold: all.gold + c.gold, found: all.found + c.found, correct: all.correct + c.correct };
  }
  console.log(`span F1 ${((2 * all.correct) / Math.max(1, all.gold + all.found)).toFixed(4)}`);
  console.log(
    [...kinds]
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => `  ${String(n).padStart(4)}  ${k}`)
      .join("\n"),
  );
  const n = Number(values.show);
  for (const m of misses.slice(0, n)) console.log(m);
}

if (require.main === module) void main();
