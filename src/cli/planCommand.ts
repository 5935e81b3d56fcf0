import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { AgentError } from "../agent/errors";
import { defaultModel, findModel } from "../agent/models/manifest";
import { ModelStore } from "../agent/models/modelStore";
import { createPlanner } from "../agent/planner/plannerFactory";
import { lazyPlanner } from "../agent/planner/lazyPlanner";
import { loadDefaultExampleBank } from "../agent/prompt/defaultExampleBank";
import { executePlan, type ExecutionEvent, type ToolImplementations } from "../agent/executor";
import { normalizeRequest } from "../agent/normalize";
import { actionTasks } from "../agent/plan/plan";
import { runPipeline, type PipelineStages } from "../agent/pipeline";
import { TextPlanner } from "../agent/textPlanner";
import { formatLocalDateTime } from "../agent/time/localDateTime";
import { TOOL_NAMES, TOOLS, type ToolName } from "../agent/tools/catalog";
import { createToolSelector } from "../agent/toolSelector";
import { macTools } from "../applescript/macTools";
import { DRY_RUN, osascriptRunner } from "../applescript/runner";
import { UsageError } from "./cliErrors";
import { formatEvent, formatNow, formatPlan, formatProblems, formatSelection } from "./format";
import type { CliIO } from "./io";
import { defaultModelsDir, readManifest } from "./modelLocations";
import { parseNowOption } from "./now";

export const PLAN_USAGE = `Usage: npm start -- "<request>" [--now <ISO>] [--json] [--plan-file <file>] [--model <id>] [--no-grammar] [--threads N] [--dry-run | --execute] [--yes]

Plans the request and shows the plan as a graph of tasks, then dry-runs it (or, on a Mac with
--execute, runs it after you confirm).
  --now <ISO>         the time the request is made, e.g. 2026-11-22T10:00:00 (default: now)
  --json              print one JSON object instead of text
  --plan-file <file>  use the plan in this file instead of asking the planner model (the tool
                      classifier still runs and shows its pick; the plan may use any tool)
  --manifest <file>   read models from this manifest instead of the bundled one
  --model <id>        the planner model to use (see npm start -- models; default: the manifest's)
  --no-grammar        let the model write without the plan grammar (for comparison)
  --threads <N>       CPU threads for the planner (default: the model's recommendation, at most the cores)
  --dry-run           show what would run without running it (the default; always on Linux)
  --execute           run the plan for real (macOS only)
  --yes               do not ask before running tasks that change or send something
Environment: TINYAGENT_ZOOM_TOKEN, your Zoom API token (for get_zoom_meeting_link).`;

export async function planCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      now: { type: "string" },
      json: { type: "boolean", default: false },
      "plan-file": { type: "string" },
      model: { type: "string" },
      manifest: { type: "string" },
      "no-grammar": { type: "boolean", default: false },
      threads: { type: "string" },
      "dry-run": { type: "boolean", default: false },
      execute: { type: "boolean", default: false },
      yes: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    io.stdout(PLAN_USAGE);
    return 0;
  }
  const query = positionals.join(" ").trim();
  if (query === "") throw new UsageError(`no request given. ${PLAN_USAGE.split("\n")[0]}`);
  if (values["dry-run"] && values.execute) throw new UsageError("choose either --dry-run or --execute, not both");
  const now = parseNowOption(values.now);
  const json = values.json;
  const say = (line: string) => {
    if (!json) io.stdout(line);
  };

  const stages = await defaultStages({
    planFile: values["plan-file"],
    model: values.model,
    manifest: values.manifest,
    grammar: !values["no-grammar"],
    threads: parseThreads(values.threads),
  });
  say(`Request: ${query}`);
  say(`Now:     ${formatNow(now)}`);
  const result = await runPipeline(query, now, stages, {
    onEvent: (e) => {
      if (e.type === "tools") say(`Tools:   ${formatSelection(e.selection)}`);
      if (e.type === "normalized" && e.normalized.changes.length > 0) {
        say(`Read as: ${e.normalized.text}`);
      }
    },
  });

  const output: Record<string, unknown> = {
    query,
    now: formatLocalDateTime(now).replace(" ", "T"),
    normalizedQuery: result.normalized.text,
    selectedTools: result.selection.classified ?? result.selection.selected,
    outOfScopeProbability: result.selection.outOfScope,
    plan: result.planText,
    tasks: [],
    events: [],
    timingsMs: result.timingsMs,
  };

  if (!result.validation.ok) {
    output.problems = result.validation.problems;
    output.error = "The plan is not valid, so nothing runs.";
    if (json) io.stdout(JSON.stringify(output, null, 2));
    else io.stderr(formatProblems(result.validation.problems));
    // A hand-written plan file is the user's input; a model's bad plan is ours.
    return values["plan-file"] !== undefined ? 2 : 1;
  }

  const plan = result.validation.plan;
  output.tasks = plan.tasks.map(({ id, tool, args, dependencies }) => ({ id, tool, args, dependencies }));
  say(formatPlan(plan));

  const wantsExecute = values.execute;
  const canExecute = io.platform === "darwin";
  let tools: ToolImplementations;
  if (wantsExecute && canExecute) {
    tools = macTools({ runner: osascriptRunner({ host: "your terminal app" }), zoom: { token: zoomToken() } });
    const effects = actionTasks(plan).filter((t) => TOOLS[t.tool as ToolName].effect !== "read");
    if (effects.length > 0 && !values.yes) {
      const answer = await io.ask(`Run ${actionTasks(plan).length} task(s), ${effects.length} of which change or send something? [y/N] `);
      if (!/^y(es)?$/i.test(answer.trim())) {
        say("Nothing was run.");
        output.error = "Not confirmed: nothing was run.";
        if (json) io.stdout(JSON.stringify(output, null, 2));
        return 0;
      }
    }
    say("Running:");
  } else {
    tools = macTools({ runner: DRY_RUN, zoom: { token: zoomToken() } });
    output.dryRun = true;
    say(
      wantsExecute
        ? `Dry run: --execute needs macOS (AppleScript), and this is ${io.platform}. Nothing runs; this is what would:`
        : `Dry run${canExecute ? "" : ` (this is ${io.platform}; plans only run on macOS)`}: nothing runs, this is what would:`,
    );
  }

  const events: ExecutionEvent[] = [];
  const toolOf = (id: number) => plan.tasks.find((t) => t.id === id)?.tool ?? "?";
  const began = performance.now();
  for await (const e of executePlan(plan, { tools })) {
    if (e.type === "started" && result.timingsMs.firstTaskStarted === undefined && toolOf(e.taskId) !== "join") {
      result.timingsMs.firstTaskStarted = result.timingsMs.total! + (performance.now() - began);
    }
    events.push(e);
    if (toolOf(e.taskId) === "join") {
      if (e.type === "succeeded") say(`Summary: ${e.result}`);
      continue;
    }
    const line = formatEvent(e, toolOf);
    if (line) say(line);
  }
  result.timingsMs.execute = performance.now() - began;
  output.events = events;
  if (json) io.stdout(JSON.stringify(output, null, 2));
  return 0;
}

interface StageOptions {
  planFile?: string;
  model?: string;
  manifest?: string;
  grammar: boolean;
  threads?: number;
}

async function defaultStages(options: StageOptions): Promise<PipelineStages> {
  const { manifest, embeddedDir } = await readManifest(options.manifest);
  const store = new ModelStore(defaultModelsDir(), embeddedDir);
  if (options.planFile !== undefined) {
    let text: string;
    try {
      text = await readFile(options.planFile, "utf8");
    } catch (e) {
      throw new UsageError(`cannot read the plan file ${options.planFile}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    // The classifier still runs (its pick is shown), but a given plan may use any tool.
    const selector = createToolSelector({ enabledTools: TOOL_NAMES, classifier: { manifest, store }, offerAll: true });
    return { normalize: normalizeRequest, selector, planner: new TextPlanner(text) };
  }
  const entry = options.model !== undefined ? findModel(manifest, options.model) : defaultModel(manifest, "planner");
  if (!entry) {
    throw new UsageError(
      options.model !== undefined
        ? `no model "${options.model}" in the manifest (see npm start -- models)`
        : "the manifest names no default planner model",
    );
  }
  if (entry.role !== "planner") throw new UsageError(`"${entry.id}" is a ${entry.role}, not a planner model`);
  // Loaded only when a request needs planning: one no tool serves is answered by the classifier alone.
  const planner = lazyPlanner(async () => {
    let modelPath: string;
    try {
      modelPath = await store.ensureReady(entry);
    } catch (error) {
      if (error instanceof AgentError && error.code === "model_not_downloaded") {
        throw new AgentError(
          `${error.message} Run: npm start -- models pull ${entry.id} (or pass a plan with --plan-file <file>)`,
          error.code,
          {
            cause: error,
          },
        );
      }
      throw error;
    }
    return createPlanner(entry, {
      modelPath,
      grammar: options.grammar,
      examples: await loadDefaultExampleBank(),
      threads: options.threads,
    });
  });
  return {
    normalize: normalizeRequest,
    selector: createToolSelector({ enabledTools: TOOL_NAMES, classifier: { manifest, store } }),
    planner,
  };
}

function parseThreads(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--threads must be a whole number of at least 1 (got "${value}")`);
  return n;
}

/** The Zoom API token for get_zoom_meeting_link (the extension reads its "Zoom Token" preference instead). */
const zoomToken = () => process.env.TINYAGENT_ZOOM_TOKEN?.trim() || undefined;
