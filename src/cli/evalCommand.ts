import { parseArgs } from "node:util";
import {
  EvalExampleSchema,
  PredictionSchema,
  readJsonLines,
  scoreExample,
  summarizeEval,
  type EvalExample,
  type EvalItem,
  type EvalReport,
} from "../agent/evaluation";
import { AgentError } from "../core/errors";
import { normalizeRequest } from "../agent/normalize";
import { runPipeline, taggedRequest, type PipelineStages, type ToolSelector, type ValueFinder } from "../agent/pipeline";
import { actionTasks } from "../agent/plan/plan";
import { parseAndValidatePlan } from "../agent/plan/validatePlan";
import { parseLocalDateTime, type LocalDateTime } from "../core/time/localDateTime";
import type { ToolName } from "../core/tools/names";
import { ModelStore } from "../agent/models/modelStore";
import { TOOL_NAMES } from "../core/tools/names";
import { createToolSelector } from "../agent/toolSelector";
import { percentile } from "../agent/evaluation";
import { coverChanges } from "../agent/values/delexicalize";
import { valueStage } from "../agent/pipelineStages";
import { goldValueSpans } from "../agent/values/goldSpans";
import type { ValueSpan } from "../core/values/valueTypes";
import { UsageError } from "./cliErrors";
import { MAX_DATA_FILE_BYTES, readInputFile } from "./inputFiles";
import type { CliIO } from "./io";
import { defaultModelsDir, readManifest } from "./modelLocations";
import { commandLineStages, MODEL_OPTIONS, MODEL_OPTIONS_HELP, parseThreads } from "./stages";
import { ENGINE_MODULES } from "../engines/engineLoader";

export const EVAL_USAGE = `Usage: npm run eval -- --data <file.jsonl> [--predictions <file.jsonl> | --tools-only] [--json] [model options]

Plans every request in the data file with the pipeline npm start uses (or takes the plan with the
same id from --predictions), scores it against the gold plan and prints plan success, strict
success, the parse/validation failure rate, tool recall, per-tool errors and latency per stage.
  --tools-only        only normalize and classify (no planner): tool recall (all gold tools
                      selected), tools per query, precision, out-of-scope accuracy, latency
  --limit <N>         the first N examples only
  --gold-tools        offer the gold plan's tools instead of the classifier's (what the classifier costs)
  --gold-spans        give the embedded planner the gold plan's values instead of the tagger's
                      (what the tagger costs)
  --tagger-only       only the value tagger: exact-span precision, recall and F1 per value type,
                      against the spans the gold plans copy
${MODEL_OPTIONS_HELP}`;

export async function evalCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      data: { type: "string" },
      predictions: { type: "string" },
      "tools-only": { type: "boolean", default: false },
      "tagger-only": { type: "boolean", default: false },
      "gold-tools": { type: "boolean", default: false },
      "gold-spans": { type: "boolean", default: false },
      limit: { type: "string" },
      ...MODEL_OPTIONS,
      json: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    io.stdout(EVAL_USAGE);
    return 0;
  }
  if (!values.data) throw new UsageError(`--data is required. ${EVAL_USAGE.split("\n")[0]}`);

  const { examples: readable, malformed } = readExamples(await readText(values.data, "data"));
  for (const m of malformed) io.stderr(`${values.data}: ${m.error} (skipped)`);

  const examples = readable.slice(0, values.limit ? parseLimit(values.limit) : undefined);
  if (values["tools-only"]) {
    if (values.predictions) throw new UsageError("choose either --predictions or --tools-only, not both");
    const { manifest, embeddedDir } = await readManifest(values.manifest);
    const store = new ModelStore(defaultModelsDir(), embeddedDir, ENGINE_MODULES);
    const selector = createToolSelector({ enabledTools: TOOL_NAMES, classifier: { manifest, store } });
    const report = summarizeEval(await classifyOnly(examples, selector, valueStage(manifest, store)), malformed);
    io.stdout(values.json ? JSON.stringify(report, null, 2) : formatToolsReport(report));
    return 0;
  }

  if (values["tagger-only"]) {
    const { manifest, embeddedDir } = await readManifest(values.manifest);
    const tagger = valueStage(manifest, new ModelStore(defaultModelsDir(), embeddedDir, ENGINE_MODULES));
    if (!tagger) throw new UsageError("the manifest names no value tagger");
    const report = await tagOnly(examples, tagger);
    io.stdout(values.json ? JSON.stringify(report, null, 2) : formatTaggerReport(report));
    return 0;
  }

  let items: EvalItem[];
  if (values.predictions) {
    const predictions = new Map<string, string>();
    for (const p of readJsonLines(await readText(values.predictions, "predictions"), PredictionSchema)) {
      if (p.ok) predictions.set(p.value.id, p.value.plan);
      else io.stderr(`${values.predictions}: ${p.error} (skipped)`);
    }
    items = examples.map((example) => {
      const predicted = predictions.get(example.id);
      return scoreExample(example, predicted, predicted === undefined ? { error: `no prediction with id "${example.id}"` } : {});
    });
  } else {
    // The gold selections below answer for the example being planned (one at a time).
    let current: EvalExample | undefined;
    const goldPlan = () => {
      const plan = current && parseAndValidatePlan(current.plan);
      return plan?.ok ? plan.plan : undefined;
    };
    const stages = await commandLineStages({
      model: values.model,
      manifest: values.manifest,
      grammar: !values["no-grammar"],
      threads: parseThreads(values.threads),
      ...(values["gold-spans"]
        ? {
            spansInstead: async (text: string) => {
              const changes = current ? normalizeRequest(current.query, parseLocalDateTime(current.now)!.value).changes : [];
              return goldValueSpans(text, goldPlan()?.tasks ?? [], changes);
            },
          }
        : {}),
    });
    if (values["gold-tools"]) {
      stages.selector = {
        async select() {
          const plan = goldPlan();
          const tools = plan ? [...new Set(actionTasks(plan).map((t) => t.tool as ToolName))] : [];
          return { selected: tools.map((tool) => ({ tool, probability: 1 })) };
        },
      };
    }
    items = await planAll(examples, stages, io, (e) => (current = e));
  }
  const report = summarizeEval(items, malformed);
  io.stdout(values.json ? JSON.stringify(report, null, 2) : formatReport(report));
  return 0;
}

/**
 * The data file's examples, and the lines that cannot be one: not JSON, a missing field, or a gold
 * plan that does not parse or validate (bad data, not a planner's failure: it is skipped, not scored).
 */
function readExamples(text: string): { examples: EvalExample[]; malformed: { line: number; error: string }[] } {
  const examples: EvalExample[] = [];
  const malformed: { line: number; error: string }[] = [];
  for (const l of readJsonLines(text, EvalExampleSchema)) {
    if (!l.ok) {
      malformed.push({ line: l.line, error: l.error });
      continue;
    }
    const gold = parseAndValidatePlan(l.value.plan);
    if (gold.ok) examples.push(l.value);
    else malformed.push({ line: l.line, error: `line ${l.line}: the gold plan is invalid: ${gold.problems[0]!.message}` });
  }
  return { examples, malformed };
}

/** Plans each request with the pipeline, timing every stage, and scores the plan. */
async function planAll(
  examples: readonly EvalExample[],
  stages: PipelineStages,
  io: CliIO,
  onExample: (e: EvalExample) => void = () => {},
): Promise<EvalItem[]> {
  const items: EvalItem[] = [];
  for (const [i, example] of examples.entries()) {
    onExample(example);
    let result;
    try {
      result = await runPipeline(example.query, parseLocalDateTime(example.now)!.value, stages);
    } catch (error) {
      // A model that is missing or cannot load fails every example the same way: stop and say so.
      if (error instanceof AgentError) throw error;
      items.push(scoreExample(example, undefined, { error: (error as Error).message }));
      continue;
    }
    const selectedTools = (result.selection.classified ?? result.selection.selected).map((s) => s.tool);
    items.push(scoreExample(example, result.planText, { selectedTools, predictedPlan: result.planText, timingsMs: result.timingsMs }));
    if (io.status && (i + 1) % 10 === 0) io.status(`planned ${i + 1} of ${examples.length}`);
  }
  io.status?.("");
  return items;
}

function parseLimit(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--limit must be a whole number of at least 1 (got "${value}")`);
  return n;
}

/** Normalizes and classifies each request, timing both; the selection stands in for a plan. */
async function classifyOnly(examples: readonly EvalExample[], selector: ToolSelector, values?: ValueFinder): Promise<EvalItem[]> {
  const classify = async (query: string, now: LocalDateTime) => {
    const t0 = performance.now();
    const normalized = normalizeRequest(query, now);
    const t1 = performance.now();
    const tagged = values ? taggedRequest(normalized, await values.read(normalized.text)).tagged : undefined;
    const t2 = performance.now();
    const selection = await selector.select(normalized.text, tagged);
    const t3 = performance.now();
    return { selection, timingsMs: { normalize: t1 - t0, ...(values ? { tag: t2 - t1 } : {}), classify: t3 - t2, total: t3 - t0 } };
  };
  // The first calls compile chrono's patterns (V8 recompiles regular expressions to native code on
  // their second use, ~0.3 s once) and onnxruntime's kernels: start-up, not per-request latency.
  const warmUp: LocalDateTime = { year: 2026, month: 1, day: 1, hour: 9, minute: 0, second: 0 };
  for (const q of ["warm up tomorrow at 2", "warm up", "warm up on Friday"]) await classify(q, warmUp);
  const items: EvalItem[] = [];
  for (const example of examples) {
    const gold = parseAndValidatePlan(example.plan);
    const { selection, timingsMs } = await classify(example.query, parseLocalDateTime(example.now)!.value);
    const selected = selection.selected.map((s) => s.tool);
    items.push({
      id: example.id,
      planSuccess: false,
      strictSuccess: false,
      parseFailure: false,
      ...(gold.ok ? {} : { error: `the gold plan is invalid: ${gold.problems.map((p) => p.message).join(" ")}` }),
      goldTools: gold.ok ? [...new Set(actionTasks(gold.plan).map((t) => t.tool as ToolName))] : [],
      predictedTools: selected,
      selectedTools: selected,
      timingsMs,
    });
  }
  return items;
}

interface TaggerReport {
  n: number;
  spanF1: number;
  exactRequests: number;
  perType: Record<string, { gold: number; predicted: number; correct: number; precision: number; recall: number; f1: number }>;
  latencyMs: { p50: number; p95: number };
}

/** The tagger against the spans each gold plan copies (times excluded: they are found by pattern). */
async function tagOnly(examples: readonly EvalExample[], tagger: ValueFinder): Promise<TaggerReport> {
  const counts = new Map<string, { gold: number; predicted: number; correct: number }>();
  const count = (type: string) => counts.get(type) ?? (counts.set(type, { gold: 0, predicted: 0, correct: 0 }), counts.get(type)!);
  const times: number[] = [];
  let exact = 0;
  let scored = 0;
  await tagger.read("warm up");
  for (const example of examples) {
    const gold = parseAndValidatePlan(example.plan);
    if (!gold.ok) continue;
    scored++;
    const { text, changes } = normalizeRequest(example.query, parseLocalDateTime(example.now)!.value);
    const key = (s: ValueSpan) => `${s.type}:${s.start}:${s.end}`;
    const expected = goldValueSpans(text, gold.plan.tasks, changes).filter((s) => s.type !== "TIME");
    const t0 = performance.now();
    const found = (await tagger.read(text)).spans.filter((s) => s.type !== "TIME").map((s) => coverChanges(s, changes));
    times.push(performance.now() - t0);
    const expectedKeys = new Set(expected.map(key));
    const foundKeys = new Set(found.map(key));
    for (const s of expected) count(s.type).gold++;
    for (const s of found) {
      count(s.type).predicted++;
      if (expectedKeys.has(key(s))) count(s.type).correct++;
    }
    if (expectedKeys.size === foundKeys.size && [...expectedKeys].every((k) => foundKeys.has(k))) exact++;
  }
  const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
  const perType: TaggerReport["perType"] = {};
  let all = { gold: 0, predicted: 0, correct: 0 };
  for (const [type, c] of counts) {
    const precision = ratio(c.correct, c.predicted);
    const recall = ratio(c.correct, c.gold);
    perType[type] = { ...c, precision, recall, f1: ratio(2 * precision * recall, precision + recall) };
    all = { gold: all.gold + c.gold, predicted: all.predicted + c.predicted, correct: all.correct + c.correct };
  }
  return {
    n: scored,
    spanF1: ratio(2 * all.correct, all.gold + all.predicted),
    exactRequests: ratio(exact, scored),
    perType,
    latencyMs: { p50: percentile(times, 50), p95: percentile(times, 95) },
  };
}

function formatTaggerReport(r: TaggerReport): string {
  const lines = [
    `Examples:           ${r.n}`,
    `Span F1 (exact):    ${r.spanF1.toFixed(3)}`,
    `Requests all right: ${pct(r.exactRequests)}`,
    "Per type            gold  found  F1     precision  recall",
    ...Object.entries(r.perType).map(
      ([type, c]) =>
        `  ${type.padEnd(16)} ${String(c.gold).padStart(5)}  ${String(c.predicted).padStart(5)}  ${c.f1.toFixed(3)}  ${c.precision.toFixed(3).padStart(9)}  ${c.recall.toFixed(3).padStart(6)}`,
    ),
    `Latency (ms)        p50 ${r.latencyMs.p50.toFixed(3)}  p95 ${r.latencyMs.p95.toFixed(3)}`,
  ];
  return lines.join("\n");
}

const readText = (path: string, what: string) => readInputFile(path, `${what} file`, MAX_DATA_FILE_BYTES);

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function formatToolsReport(r: EvalReport): string {
  const lines = [
    `Examples:           ${r.n}${r.malformed.length > 0 ? ` (${r.malformed.length} malformed line(s) skipped)` : ""}`,
    `Tool recall:        ${(r.toolRecall ?? 0).toFixed(3)}   (every gold tool selected)`,
    `Tools per query:    ${(r.toolsPerQuery ?? 0).toFixed(2)}`,
    `Tool precision:     ${(r.toolPrecision ?? 0).toFixed(3)}`,
    `Out-of-scope acc.:  ${r.outOfScopeAccuracy === undefined ? "n/a (no out-of-scope examples)" : pct(r.outOfScopeAccuracy)}`,
    "Latency (ms)        p50      p95",
    ...Object.entries(r.latencyMs).map(
      ([stage, { p50, p95 }]) => `  ${stage.padEnd(16)} ${p50.toFixed(3).padStart(7)}  ${p95.toFixed(3).padStart(7)}`,
    ),
  ];
  const weak = r.perTool.filter((c) => c.falseNegatives + c.falsePositives > 0);
  if (weak.length > 0) {
    lines.push("Per-tool errors     missed  extra");
    for (const c of weak)
      lines.push(`  ${c.tool.padEnd(24)} ${String(c.falseNegatives).padStart(3)}  ${String(c.falsePositives).padStart(5)}`);
  }
  const missed = r.items.filter(
    (i) => i.goldTools.some((t) => !i.selectedTools?.includes(t)) || (i.goldTools.length === 0 && (i.selectedTools?.length ?? 0) > 0),
  );
  if (missed.length > 0) {
    lines.push(`Wrong selections (${missed.length}):`);
    for (const i of missed.slice(0, 20))
      lines.push(`  ${i.id}: gold ${i.goldTools.join(", ") || "(out of scope)"} | selected ${i.selectedTools?.join(", ") || "(nothing)"}`);
    if (missed.length > 20) lines.push(`  … and ${missed.length - 20} more (see --json)`);
  }
  return lines.join("\n");
}

export function formatReport(r: EvalReport): string {
  const lines = [
    `Examples:           ${r.n}${r.malformed.length > 0 ? ` (${r.malformed.length} malformed line(s) skipped)` : ""}`,
    `Plan success:       ${pct(r.planSuccess)}`,
    `Strict success:     ${pct(r.strictSuccess)}`,
    `Parse/valid. fail:  ${pct(r.parseFailureRate)}`,
  ];
  if (r.toolRecall !== undefined) lines.push(`Tool recall:        ${r.toolRecall.toFixed(3)}`);
  if (r.toolsPerQuery !== undefined) lines.push(`Tools per query:    ${r.toolsPerQuery.toFixed(2)}`);
  if (r.toolPrecision !== undefined) lines.push(`Tool precision:     ${r.toolPrecision.toFixed(3)}`);
  if (r.outOfScopeAccuracy !== undefined) lines.push(`Out-of-scope acc.:  ${pct(r.outOfScopeAccuracy)}`);
  if (r.byCategory) {
    lines.push("By kind             n     plan   strict");
    for (const [kind, c] of Object.entries(r.byCategory))
      lines.push(`  ${kind.padEnd(16)} ${String(c.n).padStart(4)}  ${pct(c.planSuccess).padStart(6)}  ${pct(c.strictSuccess).padStart(6)}`);
  }
  const stages = Object.entries(r.latencyMs);
  if (stages.length > 0) {
    lines.push("Latency (ms)        p50      p95");
    for (const [stage, { p50, p95 }] of stages)
      lines.push(`  ${stage.padEnd(16)} ${p50.toFixed(1).padStart(7)}  ${p95.toFixed(1).padStart(7)}`);
  }
  const weak = r.perTool.filter((c) => c.falseNegatives + c.falsePositives > 0);
  if (weak.length > 0) {
    lines.push("Per-tool errors     missed  extra  (missed → used instead)");
    for (const c of weak) {
      const instead = Object.entries(c.confusedWith)
        .sort((a, b) => b[1] - a[1])
        .map(([t, n]) => `${t}×${n}`)
        .join(", ");
      lines.push(`  ${c.tool.padEnd(24)} ${String(c.falseNegatives).padStart(3)}  ${String(c.falsePositives).padStart(5)}  ${instead}`);
    }
  }
  const failed = r.items.filter((i) => !i.planSuccess);
  if (failed.length > 0) {
    lines.push(`Failed (${failed.length}):`);
    for (const i of failed.slice(0, 20)) lines.push(`  ${i.id}: ${i.error ?? "plan differs from gold"}`);
    if (failed.length > 20) lines.push(`  … and ${failed.length - 20} more (see --json)`);
  }
  return lines.join("\n");
}
