import { z } from "zod";
import { scorePlan } from "./metric";
import { actionTasks, type Plan, type PlanTask } from "./plan/plan";
import { parseAndValidatePlan } from "./plan/validatePlan";
import { parseLocalDateTime } from "../core/time/localDateTime";
import { TOOL_NAMES, type ToolName } from "../core/tools/names";
import { isWrittenAddress } from "../core/values/valueTypes";
import { TOOLS } from "../tools/catalog";

/** One line of an eval file (DESIGN.md): the request, when it was made, and the gold plan. */
export const EvalExampleSchema = z.object({
  id: z.string().min(1),
  now: z.string().refine((s) => parseLocalDateTime(s)?.dateOnly === false, { message: "expected a local time like 2026-11-22T10:00:00" }),
  query: z.string().min(1),
  plan: z.string().min(1),
});
export type EvalExample = z.infer<typeof EvalExampleSchema>;

/** A stored prediction, matched to an example by id. */
export const PredictionSchema = z.object({ id: z.string().min(1), plan: z.string() });
export type Prediction = z.infer<typeof PredictionSchema>;

export type JsonLine<T> = { line: number; ok: true; value: T } | { line: number; ok: false; error: string };

/** Reads JSON Lines, checking each line against a schema; a bad line is reported, not fatal. */
export function readJsonLines<T>(text: string, schema: z.ZodType<T>): JsonLine<T>[] {
  const out: JsonLine<T>[] = [];
  // A byte order mark (U+FEFF, as some editors start UTF-8 files) is not part of line 1's JSON.
  const lines = text.replace(/^\uFEFF/, "").split("\n");
  lines.forEach((raw, i) => {
    if (raw.trim() === "") return;
    const line = i + 1;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (e) {
      out.push({ line, ok: false, error: `line ${line} is not valid JSON (${(e as Error).message})` });
      return;
    }
    const parsed = schema.safeParse(json);
    if (parsed.success) out.push({ line, ok: true, value: parsed.data });
    else {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? `"${issue.path.join(".")}"` : "the object";
      out.push({ line, ok: false, error: `line ${line}: ${where} ${issue?.message.replace(/^Invalid input: /, "") ?? "is invalid"}` });
    }
  });
  return out;
}

export interface EvalItem {
  id: string;
  planSuccess: boolean;
  strictSuccess: boolean;
  /** The prediction did not parse or validate. */
  parseFailure: boolean;
  error?: string;
  goldTools: ToolName[];
  predictedTools: ToolName[];
  /** The plan the pipeline wrote, as text, when one ran (for reading the misses). */
  predictedPlan?: string;
  /** Tools the classifier offered, when one ran. */
  selectedTools?: ToolName[];
  timingsMs?: Record<string, number>;
  /** What kind of request the gold plan answers (exampleCategory). */
  category?: ExampleCategory;
}

export const EXAMPLE_CATEGORIES = ["single", "multi", "explicit", "out_of_scope"] as const;
export type ExampleCategory = (typeof EXAMPLE_CATEGORIES)[number];

/** Tools that find what another task uses; the rest are the request's actions. */
const LOOKUPS: ReadonlySet<string> = new Set(["get_phone_number", "get_email_address", "open_and_get_file_path"]);

/**
 * The kind of request, read from its gold plan as the natural dev set is composed: nothing to do;
 * a written email address or phone number used without a lookup; one action with its lookups;
 * several actions.
 */
export function exampleCategory(plan: Plan): ExampleCategory {
  const tasks = actionTasks(plan);
  if (tasks.length === 0) return "out_of_scope";
  // Only where an address goes: an all-day reminder's "2026-09-10" has the digits of a phone number.
  const written = (v: unknown): boolean => (Array.isArray(v) ? v.some(written) : typeof v === "string" && isWrittenAddress(v));
  const addresses = (t: PlanTask) => t.args.filter((_, i) => TOOLS[t.tool as ToolName]?.params[i]?.role === "addresses");
  if (tasks.some((t) => addresses(t).some(written))) return "explicit";
  return tasks.filter((t) => !LOOKUPS.has(t.tool)).length <= 1 ? "single" : "multi";
}

const toolsOf = (plan: Plan) => [...new Set(actionTasks(plan).map((t) => t.tool as ToolName))];

/** Scores one prediction against one example's gold plan. */
export function scoreExample(example: EvalExample, predictedText: string | undefined, extra: Partial<EvalItem> = {}): EvalItem {
  const gold = parseAndValidatePlan(example.plan);
  if (!gold.ok) {
    return {
      id: example.id,
      planSuccess: false,
      strictSuccess: false,
      parseFailure: false,
      error: `the gold plan is invalid: ${someProblems(gold.problems)}`,
      goldTools: [],
      predictedTools: [],
      ...extra,
    };
  }
  const base = { id: example.id, goldTools: toolsOf(gold.plan), category: exampleCategory(gold.plan), ...extra };
  const unusable = (error: string) => ({
    ...base,
    planSuccess: false,
    strictSuccess: false,
    parseFailure: true,
    predictedTools: [],
    error,
  });
  if (predictedText === undefined) return unusable(extra.error ?? "no prediction");
  // TinyAgent's metric: the plan language and argument types, not what a tool would refuse at run time.
  const predicted = parseAndValidatePlan(predictedText, { checkValues: false });
  if (!predicted.ok) return unusable(`the predicted plan is invalid: ${someProblems(predicted.problems)}`);
  return { ...base, ...scorePlan(gold.plan, predicted.plan), parseFailure: false, predictedTools: toolsOf(predicted.plan) };
}

/** The first few problems' messages, and how many more there are (a 10,000-line prediction is not one huge error). */
function someProblems(problems: readonly { message: string }[], max = 3): string {
  const shown = problems.slice(0, max).map((p) => p.message);
  return [...shown, ...(problems.length > max ? [`(and ${(problems.length - max).toLocaleString("en-US")} more)`] : [])].join(" ");
}

export interface ToolConfusion {
  tool: ToolName;
  /** Examples whose gold plan uses the tool and the prediction does too. */
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  /** When the tool was missed, which tools the prediction used instead, with counts. */
  confusedWith: Record<string, number>;
}

export interface EvalReport {
  n: number;
  planSuccess: number;
  strictSuccess: number;
  parseFailureRate: number;
  toolRecall?: number;
  toolsPerQuery?: number;
  toolPrecision?: number;
  outOfScopeAccuracy?: number;
  /** Plan and strict success per kind of request. */
  byCategory?: Partial<Record<ExampleCategory, { n: number; planSuccess: number; strictSuccess: number }>>;
  latencyMs: Record<string, { p50: number; p95: number }>;
  perTool: ToolConfusion[];
  /** Lines that could not be read (bad JSON, missing fields). */
  malformed: { line: number; error: string }[];
  items: EvalItem[];
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function summarizeEval(items: EvalItem[], malformed: { line: number; error: string }[] = []): EvalReport {
  const scored = items;
  const n = scored.length;
  const rate = (f: (i: EvalItem) => boolean) => (n === 0 ? 0 : scored.filter(f).length / n);

  const latencyMs: EvalReport["latencyMs"] = {};
  const stages = new Set(scored.flatMap((i) => Object.keys(i.timingsMs ?? {})));
  for (const stage of stages) {
    const values = scored.map((i) => i.timingsMs?.[stage]).filter((v): v is number => v !== undefined);
    latencyMs[stage] = { p50: percentile(values, 50), p95: percentile(values, 95) };
  }

  const perTool: ToolConfusion[] = TOOL_NAMES.map((tool) => {
    const c: ToolConfusion = { tool, truePositives: 0, falsePositives: 0, falseNegatives: 0, confusedWith: {} };
    for (const item of scored) {
      if (item.parseFailure && item.predictedTools.length === 0 && item.goldTools.length === 0) continue;
      const inGold = item.goldTools.includes(tool);
      const inPred = item.predictedTools.includes(tool);
      if (inGold && inPred) c.truePositives++;
      else if (inPred) c.falsePositives++;
      else if (inGold) {
        c.falseNegatives++;
        const extra = item.predictedTools.filter((t) => !item.goldTools.includes(t));
        for (const t of extra.length > 0 ? extra : ["(nothing)"]) c.confusedWith[t] = (c.confusedWith[t] ?? 0) + 1;
      }
    }
    return c;
  }).filter((c) => c.truePositives + c.falsePositives + c.falseNegatives > 0);

  const report: EvalReport = {
    n,
    planSuccess: rate((i) => i.planSuccess),
    strictSuccess: rate((i) => i.strictSuccess),
    parseFailureRate: rate((i) => i.parseFailure),
    latencyMs,
    perTool,
    malformed,
    items: scored,
  };

  const byCategory: NonNullable<EvalReport["byCategory"]> = {};
  for (const category of EXAMPLE_CATEGORIES) {
    const of = scored.filter((i) => i.category === category);
    if (of.length === 0) continue;
    const share = (f: (i: EvalItem) => boolean) => of.filter(f).length / of.length;
    byCategory[category] = { n: of.length, planSuccess: share((i) => i.planSuccess), strictSuccess: share((i) => i.strictSuccess) };
  }
  if (Object.keys(byCategory).length > 0) report.byCategory = byCategory;

  const withSelection = scored.filter((i) => i.selectedTools !== undefined);
  if (withSelection.length > 0) {
    const inScope = withSelection.filter((i) => i.goldTools.length > 0);
    report.toolRecall =
      inScope.length === 0 ? 1 : inScope.filter((i) => i.goldTools.every((t) => i.selectedTools!.includes(t))).length / inScope.length;
    report.toolsPerQuery = inScope.length === 0 ? 0 : inScope.reduce((s, i) => s + i.selectedTools!.length, 0) / inScope.length;
    const offered = inScope.reduce((s, i) => s + i.selectedTools!.length, 0);
    const needed = inScope.reduce((s, i) => s + i.selectedTools!.filter((t) => i.goldTools.includes(t)).length, 0);
    report.toolPrecision = offered === 0 ? 1 : needed / offered;
  }
  const outOfScope = scored.filter((i) => i.goldTools.length === 0 && !i.error?.startsWith("the gold plan"));
  if (outOfScope.length > 0) {
    report.outOfScopeAccuracy = outOfScope.filter((i) => !i.parseFailure && i.predictedTools.length === 0).length / outOfScope.length;
  }
  return report;
}
