import { parseArgs } from "node:util";
import { percentile } from "../../agent/evaluation";
import { runPipeline } from "../../agent/pipeline";
import { actionTasks } from "../../agent/plan/plan";
import { disposeLoadedModels } from "../../agent/planner/llamaRuntime";
import { UsageError } from "../cliErrors";
import type { CliIO } from "../io";
import { commandLineStages, parseThreads } from "../stages";

export const EMBEDDED_BENCH_USAGE = `Usage: npm run bench -- planner [--runs N] [--threads N] [--manifest <file>] [--model <id>]

Times the whole pipeline with the embedded models (or --model): normalize → tag values → classify →
plan (GGUF, node-llama-cpp) → relexicalize → validate, end to end per request, grouped by the number
of tasks in the plan it wrote; with the plan grammar and without it; the first request (which loads
the models) on its own; peak RSS of this process.`;

const NOW = { year: 2026, month: 11, day: 22, hour: 10, minute: 0, second: 0 };

/** Requests written for this bench (not from any eval set), meant to give plans of 1 to 7 tasks. */
export const BENCH_REQUESTS: readonly string[] = [
  "open my Groceries note",
  "directions to the Ferry Building",
  "remind me to call the dentist tomorrow at 5",
  "text Sid that I'm running late",
  "text Sid and Lutfi that I'm running late",
  "summarize report_q3.pdf and save it as a note called Q3",
  "email Anna the budget_2026.xlsx",
  "invite Sid and Lutfi to a sync tomorrow at 2 and email them the agenda.pdf",
  "text Maya and Omar that dinner is at 8 and remind me to book a table at 6",
  "set up a zoom with Priya and Jonas on Friday at 10 about the roadmap and text them the link",
];
export async function embeddedBench(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      runs: { type: "string", default: "5" },
      threads: { type: "string" },
      manifest: { type: "string" },
      model: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    io.stdout(EMBEDDED_BENCH_USAGE);
    return 0;
  }
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new UsageError(`--runs must be a whole number of at least 1 (got "${values.runs}")`);
  const threads = parseThreads(values.threads);
  try {
    for (const grammar of [true, false]) {
      const stages = await commandLineStages({ model: values.model, manifest: values.manifest, grammar, threads });
      const t0 = performance.now();
      const first = await runPipeline(BENCH_REQUESTS[0]!, NOW, stages);
      const load = grammar ? `; first request, loading the tagger, classifier and planner: ${(performance.now() - t0).toFixed(0)} ms` : "";
      io.stdout(
        `\n${grammar ? "With the plan grammar" : "Without the grammar (--no-grammar)"}${load} (plan valid: ${first.validation.ok})`,
      );
      const byTasks = new Map<number, { totals: number[]; firstTokens: number[] }>();
      let invalid = 0;
      for (let r = 0; r < runs; r++) {
        for (const request of BENCH_REQUESTS) {
          const result = await runPipeline(request, NOW, stages);
          if (!result.validation.ok) {
            invalid++;
            continue;
          }
          const tasks = actionTasks(result.validation.plan).length;
          const group = byTasks.get(tasks) ?? { totals: [], firstTokens: [] };
          group.totals.push(result.timingsMs.total!);
          group.firstTokens.push(result.timingsMs.firstToken!);
          byTasks.set(tasks, group);
        }
      }
      io.stdout("  tasks in plan   plans   p50 ms   p95 ms   first token p50 ms");
      for (const [tasks, g] of [...byTasks].sort((a, b) => a[0] - b[0])) {
        io.stdout(
          `  ${String(tasks).padStart(13)}  ${String(g.totals.length).padStart(6)}  ${percentile(g.totals, 50).toFixed(1).padStart(7)}  ${percentile(g.totals, 95).toFixed(1).padStart(7)}  ${percentile(g.firstTokens, 50).toFixed(1).padStart(19)}`,
        );
      }
      if (invalid > 0) io.stdout(`  ${invalid} plan(s) did not validate (not timed)`);
    }
    io.stdout(`\nPeak RSS of this process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  } finally {
    await disposeLoadedModels();
  }
  return 0;
}
