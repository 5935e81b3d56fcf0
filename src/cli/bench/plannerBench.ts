import { existsSync, mkdirSync, renameSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { disposeLoadedModels, loadPlannerModel, type LoadedModel } from "../../agent/planner/llamaRuntime";
import { buildPlanGrammar, gbnfLiteral } from "../../agent/planner/planGrammar";
import { PlanStreamParser } from "../../agent/plan/planParser";
import { ALPACA_TEMPLATE, renderChatTemplate } from "../../agent/prompt/chatTemplate";
import { tinyagentPrompt } from "../../agent/prompt/tinyagentPrompt";
import { TOOL_NAMES, type ToolName } from "../../core/tools/names";
import { trainByteLevelBpe, type BpeVocabulary } from "../../gguf/byteLevelBpe";
import { TINYLLAMA_1_1B, writeLlamaGguf } from "../../gguf/llamaGguf";
import { UsageError } from "../cliErrors";
import type { CliIO } from "../io";
import { ENGINE_MODULES } from "../../engines/engineLoader";

export const PLANNER_BENCH_USAGE = `Usage: npm run bench -- tinyagent-shaped [--quant Q4_0|Q8_0] [--threads N] [--runs N] [--dir <cache dir>]

Makes a random-weight model shaped like TinyAgent-1.1B (TinyLlama: 22 layers, width 2048, 32 heads,
4 KV heads, FF 5632, 32,000-token vocabulary) and times the planner on the TinyAgent prompt with all
16 tools (~2.7k tokens) and with 4 tools (~1.4k): time to first token, to the first complete task and
to the end of a forced 60-token plan, cold and with the prompt prefix cached; with and without the
plan grammar; prompt and generation tokens/s; peak RSS.`;

const NOW = { year: 2026, month: 11, day: 22, hour: 10, minute: 0, second: 0 };
const FOUR_TOOLS: ToolName[] = ["get_phone_number", "get_email_address", "create_calendar_event", "send_sms"];
const FORCED_PLAN =
  '1. get_email_address("Sid")\n2. get_email_address("Lutfi")\n3. create_calendar_event("Project Sync", "2026-11-23 14:00:00", "2026-11-23 15:00:00", "", ["$1", "$2"], "", "")\n4. join()';

interface Run {
  firstTokenMs: number;
  firstTaskMs: number;
  completeMs: number;
  outputTokens: number;
}

/** TinyLlama's SentencePiece needs ~2.7k tokens for the 16-tool prompt; this BPE is trained to match. */
function benchVocabulary(): BpeVocabulary {
  const all = tinyagentPrompt.build({ tools: TOOL_NAMES, now: NOW, query: "x" }).system;
  const four = tinyagentPrompt.build({ tools: FOUR_TOOLS, now: NOW, query: "x" }).system;
  return trainByteLevelBpe([all, four, FORCED_PLAN], { maxMerges: 30000, targetTokens: 4200, vocabSize: 32000 });
}

export async function plannerBench(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      quant: { type: "string", default: "Q4_0" },
      threads: { type: "string" },
      runs: { type: "string", default: "2" },
      dir: { type: "string", default: join(homedir(), ".cache", "tinyagent", "bench") },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    io.stdout(PLANNER_BENCH_USAGE);
    return 0;
  }
  const quant = values.quant === "Q8_0" ? "Q8_0" : "Q4_0";
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new UsageError(`--runs must be a whole number of at least 1 (got "${values.runs}")`);
  const vocab = benchVocabulary();
  mkdirSync(values.dir, { recursive: true });
  const path = join(values.dir, `tinyllama-shaped-random-${quant}-v1.gguf`);
  if (!existsSync(path)) {
    io.stderr(`Writing a random-weight TinyLlama-shaped ${quant} model to ${path} (once)…`);
    const t = performance.now();
    const size = writeLlamaGguf(`${path}.partial`, {
      name: "tinyllama-shaped-random",
      dims: TINYLLAMA_1_1B,
      vocab,
      weights: { kind: "random", type: quant, seed: 1 },
    });
    renameSync(`${path}.partial`, path);
    io.stderr(`  ${(size / 1e6).toFixed(0)} MB in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }

  const loadStart = performance.now();
  const loaded = await loadPlannerModel({
    engines: ENGINE_MODULES,
    modelPath: path,
    contextSize: 4096,
    threads: values.threads ? Number(values.threads) : undefined,
  });
  const loadMs = performance.now() - loadStart;
  const forced = await loaded.llama.createGrammar({ grammar: `root ::= ${gbnfLiteral(FORCED_PLAN)}` });
  const forcedTokens = loaded.model.tokenize(FORCED_PLAN).length;
  io.stdout(
    `model: TinyLlama-shaped random ${quant}, ${loaded.threads} threads, loaded in ${loadMs.toFixed(0)} ms; forced plan = ${forcedTokens} tokens`,
  );

  const { LlamaCompletion } = loaded.lib;
  const completion = new LlamaCompletion({ contextSequence: loaded.sequence });
  const generate = async (
    tools: readonly ToolName[],
    query: string,
    options: { grammar?: Awaited<ReturnType<LoadedModel["llama"]["createGrammar"]>>; maxTokens: number },
  ): Promise<Run> => {
    const prompt = renderChatTemplate(ALPACA_TEMPLATE, tinyagentPrompt.build({ tools, now: NOW, query }));
    const parser = new PlanStreamParser();
    const start = performance.now();
    let firstTokenMs = NaN;
    let firstTaskMs = NaN;
    let outputTokens = 0;
    await completion.generateCompletion(prompt, {
      maxTokens: options.maxTokens,
      ...(options.grammar ? { grammar: options.grammar } : {}),
      onToken: (tokens) => {
        outputTokens += tokens.length;
        if (Number.isNaN(firstTokenMs)) firstTokenMs = performance.now() - start;
      },
      onTextChunk: (text) => {
        if (Number.isNaN(firstTaskMs) && parser.push(text).some((e) => e.type === "step")) firstTaskMs = performance.now() - start;
      },
    });
    return { firstTokenMs, firstTaskMs, completeMs: performance.now() - start, outputTokens };
  };

  const rows: string[][] = [["prompt", "tokens", "cache", "first token", "first task", "plan done", "prompt tok/s", "gen tok/s"]];
  const summary: Record<string, { cold: Run; warm: Run; promptTokens: number }> = {};
  for (const [label, tools] of [
    ["16 tools", TOOL_NAMES],
    ["4 tools", FOUR_TOOLS],
  ] as const) {
    const promptTokens = loaded.model.tokenize(
      renderChatTemplate(ALPACA_TEMPLATE, tinyagentPrompt.build({ tools, now: NOW, query: "Invite Sid and Lutfi" })),
    ).length;
    const colds: Run[] = [];
    const warms: Run[] = [];
    for (let r = 0; r < runs; r++) {
      await loaded.sequence.clearHistory();
      colds.push(
        await generate(tools, `Invite Sid and Lutfi to a project sync tomorrow at 2pm (${r})`, {
          grammar: forced,
          maxTokens: forcedTokens + 4,
        }),
      );
      warms.push(
        await generate(tools, `Set up a project sync with Sid and Lutfi tomorrow at 2pm (${r})`, {
          grammar: forced,
          maxTokens: forcedTokens + 4,
        }),
      );
    }
    const cold = median(colds);
    const warm = median(warms);
    summary[label] = { cold, warm, promptTokens };
    for (const [cache, run] of [
      ["cold", cold],
      ["warm", warm],
    ] as const) {
      const genMs = run.completeMs - run.firstTokenMs;
      if (rows.length === 1) io.stdout(rows[0]!.join("  "));
      rows.push([
        label,
        String(promptTokens),
        cache,
        ms(run.firstTokenMs),
        ms(run.firstTaskMs),
        ms(run.completeMs),
        cache === "cold" ? (promptTokens / (run.firstTokenMs / 1000)).toFixed(0) : "-",
        ((run.outputTokens - 1) / (genMs / 1000)).toFixed(1),
      ]);
      // Each row as soon as it is measured: on a 2-core machine a cold 16-tool prompt takes minutes.
      io.stdout(rows.at(-1)!.join("  "));
    }
  }

  // Grammar overhead: the same warm 4-tool prompt, 60 generated tokens, with the real plan grammar and without.
  const planGrammar = await loaded.llama.createGrammar({
    grammar: buildPlanGrammar({ tools: FOUR_TOOLS, endOfPlan: true, copyFrom: "Invite Sid and Lutfi" }),
  });
  const perToken = (r: Run) => (r.completeMs - r.firstTokenMs) / Math.max(1, r.outputTokens - 1);
  const withGrammar: number[] = [];
  const without: number[] = [];
  for (let r = 0; r < runs; r++) {
    without.push(perToken(await generate(FOUR_TOOLS, `Invite Sid and Lutfi (${r})`, { maxTokens: 60 })));
    withGrammar.push(perToken(await generate(FOUR_TOOLS, `Invite Sid and Lutfi (${r})`, { grammar: planGrammar, maxTokens: 60 })));
  }
  const g = medianOf(withGrammar);
  const n = medianOf(without);
  io.stdout(
    `grammar overhead (generation, 4-tool plan grammar vs none): ${g.toFixed(1)} vs ${n.toFixed(1)} ms/token (${(((g - n) / n) * 100).toFixed(0)}%)`,
  );

  const four = summary["4 tools"]!;
  const ratio = four.warm.firstTaskMs / four.cold.firstTaskMs;
  io.stdout(`warm/cold time to first task, 4 tools: ${(ratio * 100).toFixed(1)}% (target ≤ 25%) ${ratio <= 0.25 ? "✓" : "✗"}`);
  io.stdout(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  await disposeLoadedModels();
  return 0;
}

function median(runs: Run[]): Run {
  return [...runs].sort((a, b) => a.completeMs - b.completeMs)[Math.floor((runs.length - 1) / 2)]!;
}
const medianOf = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
const ms = (x: number) => (Number.isNaN(x) ? "-" : `${x.toFixed(0)} ms`);
