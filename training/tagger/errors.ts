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
import { ValueTagger } from "../../src/classifier/valueTagger";
import { ENGINE_MODULES } from "../../src/engines/engineLoader";
import { readExamples } from "../planner/prepareData";

const { values } = parseArgs({
  options: {
    model: { type: "string", default: "assets/models/value-tagger.json" },
    data: { type: "string", default: "training/out/generated/valid.jsonl" },
    show: { type: "string", default: "30" },
    type: { type: "string" },
  },
});

async function main(): Promise<void> {
  const tagger = await ValueTagger.load(values.model, ENGINE_MODULES.onnxRuntime);
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
    // ValueTagger.spans() as the pipeline runs it: BIO-constrained decoding, names trimmed of a
    // sentence's punctuation, each value's first mention only.
    const found = (await tagger.spans(text)).filter((s) => s.type !== "TIME").map((s) => coverChanges(s, changes));
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
