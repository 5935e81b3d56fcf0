import { parseArgs } from "node:util";
import { percentile } from "../../agent/evaluation";
import { runPipeline } from "../../agent/pipeline";
import { actionTasks } from "../../agent/plan/plan";
import { disposeLoadedModels } from "../../agent/planner/llamaRuntime";
import { UsageError } from "../cliErrors";
import type { CliIO } from "../io";
import { commandLineStages, parseThreads } from "../stages";

export const EMBEDDED_BENCH_USAGE = `Usage: npm run bench -- planner [--runs N] [--threads N] [--manifest <file>] [--model <id>]

Times the whole pipeline with the embedded models (or --model): normalize → classify → tag values →
plan (GGUF, node-llama-cpp) → relexicalize → validate, for requests whose plans have 1, 3 and 5
tasks; with the plan grammar and without it; the first request (which loads the models) on its own;
peak RSS of this process.`;

const NOW = { year: 2026, month: 11, day: 22, hour: 10, minute: 0, second: 0 };

/** Requests written for this bench (not from any eval set), by the number of tasks their plans have. */
export const BENCH_REQUESTS: Record<string, readonly string[]> = {
  "1 task": ["open my Groceries note", "directions to the Ferry Building", "remind me to call the dentist tomorrow at 5"],
  "3 tasks": [
    "text Sid and Lutfi that I'm running late",
    "email Anna the budget_2026.xlsx",
    "summarize report_q3.pdf and save it as a note called Q3",
  ],
  "5 tasks": [
    "invite Sid and Lutfi to a sync tomorrow at 2 and email them the agenda.pdf",
    "text Maya and Omar the directions to Blue Bottle Coffee and remind me to leave at 5",
    "email Priya and Jonas the Offsite_Plan_v2.pdf and put the offsite on my calendar for Friday",
  ],
};

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
      const first = await runPipeline(BENCH_REQUESTS["1 task"]![0]!, NOW, stages);
      io.stdout(
        `\n${grammar ? "With the plan grammar" : "Without the grammar (--no-grammar)"}: first request, loading the models, ${(performance.now() - t0).toFixed(0)} ms (plan valid: ${first.validation.ok})`,
      );
      io.stdout("  plan of     runs   p50 ms   p95 ms   first token p50   valid   tasks (mean)");
      for (const [label, requests] of Object.entries(BENCH_REQUESTS)) {
        const totals: number[] = [];
        const firstTokens: number[] = [];
        let valid = 0;
        let tasks = 0;
        for (let r = 0; r < runs; r++) {
          for (const request of requests) {
            const result = await runPipeline(request, NOW, stages);
            totals.push(result.timingsMs.total!);
            firstTokens.push(result.timingsMs.firstToken!);
            if (result.validation.ok) {
              valid++;
              tasks += actionTasks(result.validation.plan).length;
            }
          }
        }
        const n = totals.length;
        io.stdout(
          `  ${label.padEnd(9)} ${String(n).padStart(5)}  ${percentile(totals, 50).toFixed(1).padStart(7)}  ${percentile(totals, 95).toFixed(1).padStart(7)}  ${percentile(firstTokens, 50).toFixed(1).padStart(16)}  ${`${valid}/${n}`.padStart(6)}  ${(valid > 0 ? tasks / valid : 0).toFixed(1).padStart(12)}`,
        );
      }
    }
    io.stdout(`\nPeak RSS of this process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  } finally {
    await disposeLoadedModels();
  }
  return 0;
}
