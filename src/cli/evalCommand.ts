import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import {
  EvalExampleSchema,
  PredictionSchema,
  readJsonLines,
  scoreExample,
  summarizeEval,
  type EvalItem,
  type EvalReport,
} from "../agent/evaluation";
import { UsageError } from "./cliErrors";
import type { CliIO } from "./io";

export const EVAL_USAGE = `Usage: npm run eval -- --data <file.jsonl> [--predictions <file.jsonl>] [--json]

Plans every request in the data file (or takes the plan with the same id from --predictions),
scores it against the gold plan and prints plan success, strict success, the parse/validation
failure rate, per-tool errors and latency percentiles per stage.`;

export async function evalCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      data: { type: "string" },
      predictions: { type: "string" },
      json: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    io.stdout(EVAL_USAGE);
    return 0;
  }
  if (!values.data) throw new UsageError(`--data is required. ${EVAL_USAGE.split("\n")[0]}`);

  const lines = readJsonLines(await readText(values.data, "data"), EvalExampleSchema);
  const malformed = lines.filter((l) => !l.ok).map((l) => ({ line: l.line, error: (l as { error: string }).error }));
  for (const m of malformed) io.stderr(`${values.data}: ${m.error} (skipped)`);

  let predictions: Map<string, string> | undefined;
  if (values.predictions) {
    predictions = new Map();
    for (const p of readJsonLines(await readText(values.predictions, "predictions"), PredictionSchema)) {
      if (p.ok) predictions.set(p.value.id, p.value.plan);
      else io.stderr(`${values.predictions}: ${p.error} (skipped)`);
    }
  } else {
    throw new UsageError("no planner model is installed yet: pass --predictions <file.jsonl> with the plans to score");
  }

  const items: EvalItem[] = [];
  for (const line of lines) {
    if (!line.ok) continue;
    const example = line.value;
    const predicted = predictions.get(example.id);
    items.push(scoreExample(example, predicted, predicted === undefined ? { error: `no prediction with id "${example.id}"` } : {}));
  }
  const report = summarizeEval(items, malformed);
  io.stdout(values.json ? JSON.stringify(report, null, 2) : formatReport(report));
  return 0;
}

async function readText(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (e) {
    throw new UsageError(`cannot read the ${what} file ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

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
