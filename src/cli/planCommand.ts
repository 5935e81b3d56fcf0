import { parseArgs } from "node:util";
import { nothingToDo } from "../agent/nothingToDo";
import type { ToolImplementations } from "../tools/toolContract";
import { actionTasks } from "../agent/plan/plan";
import { AgentError } from "../core/errors";
import { checkedRequest, MAX_REQUEST_CHARS, runPipeline } from "../agent/pipeline";
import { runSession, sideEffectTasks } from "../agent/runSession";
import { formatLocalDateTime } from "../core/time/localDateTime";
import { showInline } from "../core/util/displayText";
import { formatBytes } from "../core/util/formatBytes";
import { macTools } from "../tools/macTools";
import { DRY_RUN, osascriptRunner } from "../applescript/runner";
import { EXIT, UsageError } from "./cliErrors";
import { formatEvent, formatNow, formatPlan, formatProblems, formatSelection, formatValues, MAX_JSON_PROBLEMS } from "./format";
import { readInputFile } from "./inputFiles";
import type { CliIO } from "./io";
import { parseNowOption } from "./now";
import { commandLineStages, MODEL_OPTIONS, MODEL_OPTIONS_HELP, parseThreads } from "./stages";

export const PLAN_USAGE = `Usage: npm start -- "<request>" | - | --request-file <file> [--now <ISO>] [--json] [--plan-file <file>] [--model <id>] [--no-grammar] [--threads N] [--dry-run | --execute] [--yes]

Plans the request and shows the plan as a graph of tasks, then dry-runs it (or, on a Mac with
--execute, runs it after you confirm). A request is at most ${MAX_REQUEST_CHARS.toLocaleString("en-US")} characters.
  -                   read the request from standard input (echo "Text Sid hi" | npm start -- -)
  --request-file <file>
                      read the request from a file
  --now <ISO>         the time the request is made, e.g. 2026-11-22T10:00:00 (default: now)
  --json              print one JSON object instead of text
  --plan-file <file>  use the plan in this file instead of asking the planner model (the tool
                      classifier still runs and shows its pick; the plan may use any tool)
${MODEL_OPTIONS_HELP}
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
      "request-file": { type: "string" },
      ...MODEL_OPTIONS,
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
  if (values["dry-run"] && values.execute) throw new UsageError("choose either --dry-run or --execute, not both");
  const fromStdin = positionals.length === 1 && positionals[0] === "-";
  if (fromStdin && values.execute && !values.yes && io.platform === "darwin") {
    throw new UsageError("with the request on standard input there is no one to answer the confirmation: add --yes, or use --request-file");
  }
  // Checked before anything is loaded: a request that cannot be planned never reaches a model.
  const query = checkedRequest(await readRequest(positionals, values["request-file"], io));
  const now = parseNowOption(values.now);
  const json = values.json;
  const say = (line: string) => {
    if (!json) io.stdout(line);
  };

  const stages = await commandLineStages({
    planFile: values["plan-file"],
    model: values.model,
    manifest: values.manifest,
    grammar: !values["no-grammar"],
    threads: parseThreads(values.threads),
  });
  say(`Request: ${showInline(query)}`);
  say(`Now:     ${formatNow(now)}`);
  const result = await runPipeline(query, now, stages, {
    onEvent: (e) => {
      if (e.type === "tools") say(`Tools:   ${formatSelection(e.selection)}`);
      if (e.type === "normalized" && e.normalized.changes.length > 0) {
        say(`Read as: ${showInline(e.normalized.text)}`);
      }
      if (e.type === "delexicalized") say(`Values:  ${formatValues(e.delexicalized)}`);
    },
  });

  const output: Record<string, unknown> = {
    query,
    now: formatLocalDateTime(now).replace(" ", "T"),
    normalizedQuery: result.normalized.text,
    selectedTools: result.selection.classified ?? result.selection.selected,
    outOfScopeProbability: result.selection.outOfScope,
    ...(result.delexicalized
      ? {
          plannedAs: result.delexicalized.text,
          values: result.delexicalized.slots.map(({ placeholder, type, value }) => ({ placeholder, type, value })),
        }
      : {}),
    plan: result.planText,
    tasks: [],
    events: [],
    timingsMs: result.timingsMs,
  };

  if (!result.validation.ok) {
    const problems = result.validation.problems;
    output.problems = problems.slice(0, MAX_JSON_PROBLEMS);
    if (problems.length > MAX_JSON_PROBLEMS) output.moreProblems = problems.length - MAX_JSON_PROBLEMS;
    output.error = "The plan is not valid, so nothing runs.";
    if (json) io.stdout(JSON.stringify(output, null, 2));
    else io.stderr(formatProblems(result.validation.problems));
    // A hand-written plan file is the user's input; a model's bad plan is ours.
    return values["plan-file"] !== undefined ? EXIT.usage : EXIT.internal;
  }

  const plan = result.validation.plan;
  output.tasks = plan.tasks.map(({ id, tool, args, dependencies }) => ({ id, tool, args, dependencies }));
  say(formatPlan(plan));
  const idle = nothingToDo(result);
  if (idle) {
    output.nothingToDo = idle;
    say(`  ${idle.message}`);
  }

  const wantsExecute = values.execute;
  const canExecute = io.platform === "darwin";
  const execute = wantsExecute && canExecute;
  const tools: ToolImplementations = macTools({
    runner: execute ? osascriptRunner({ host: "your terminal app" }) : DRY_RUN,
    zoom: { token: zoomToken() },
  });
  if (!execute) {
    output.dryRun = true;
    say(
      wantsExecute
        ? `Dry run: --execute needs macOS (AppleScript), and this is ${io.platform}. Nothing runs; this is what would:`
        : `Dry run${canExecute ? "" : ` (this is ${io.platform}; plans only run on macOS)`}: nothing runs, this is what would:`,
    );
  }

  let unanswered = false;
  const toolOf = (id: number) => plan.tasks.find((t) => t.id === id)?.tool ?? "?";
  const began = performance.now();
  const session = await runSession(query, plan, {
    tools,
    // A dry run changes nothing, so it asks nothing.
    policy: !execute || values.yes ? "never" : "sideEffects",
    confirm: async () => {
      const actions = actionTasks(plan).length;
      const answer = await io.ask(
        `Run ${actions} task(s), ${sideEffectTasks(plan.tasks).length} of which change or send something? [y/N] `,
      );
      unanswered = answer === undefined;
      return answer !== undefined && /^y(es)?$/i.test(answer.trim());
    },
    starting: async () => {
      if (execute) say("Running:");
      return true;
    },
    onEvent: (e) => {
      if (e.type === "started" && result.timingsMs.firstTaskStarted === undefined && toolOf(e.taskId) !== "join") {
        result.timingsMs.firstTaskStarted = result.timingsMs.total! + (performance.now() - began);
      }
      if (toolOf(e.taskId) === "join") {
        if (e.type === "succeeded") say(`Summary: ${showInline(e.result)}`);
        return;
      }
      const line = formatEvent(e, toolOf);
      if (line) say(line);
    },
  });
  if (!session.ran) {
    if (unanswered) {
      // Standard input is closed: no one could answer, so a script must not read this as done.
      const message = "No answer to the question (standard input is closed), so nothing was run. Add --yes to run without asking.";
      io.stderr(`error: ${message}`);
      output.error = message;
      output.code = "not_confirmed";
      if (json) io.stdout(JSON.stringify(output, null, 2));
      return EXIT.usage;
    }
    say("Nothing was run.");
    output.error = "Not confirmed: nothing was run.";
    if (json) io.stdout(JSON.stringify(output, null, 2));
    return 0;
  }
  result.timingsMs.execute = performance.now() - began;
  output.events = session.events;
  if (json) io.stdout(JSON.stringify(output, null, 2));
  return session.unfinished > 0 ? EXIT.tasksFailed : EXIT.ok;
}

/**
 * A request big enough to hold MAX_REQUEST_CHARS characters of any script and the spaces around
 * them; more is not read.
 */
const MAX_REQUEST_BYTES = 64_000;

/**
 * The request: the words on the command line, standard input (`-`) or a file (--request-file). A long
 * request is better not passed on the command line: it is the process's to show (ps) and, before
 * onnxruntime's telemetry was turned off, crashed it past about 29 KB.
 */
async function readRequest(positionals: string[], requestFile: string | undefined, io: CliIO): Promise<string> {
  const tooLong = () =>
    new AgentError(
      `The request is more than ${formatBytes(MAX_REQUEST_BYTES)}; TinyAgent plans requests of up to ${MAX_REQUEST_CHARS.toLocaleString("en-US")} characters. Shorten it or split it in two.`,
      "request_too_long",
    );
  if (requestFile !== undefined) {
    if (positionals.length > 0) throw new UsageError("give the request either as words or with --request-file, not both");
    return readInputFile(requestFile, "request file", MAX_REQUEST_BYTES, tooLong);
  }
  if (positionals.length === 1 && positionals[0] === "-") {
    const text = await io.readStdin(MAX_REQUEST_BYTES);
    if (text === undefined) throw tooLong();
    return text;
  }
  const words = positionals.join(" ");
  if (words.trim() === "") throw new UsageError(`no request given. ${PLAN_USAGE.split("\n")[0]}`);
  return words;
}

/** The Zoom API token for get_zoom_meeting_link (the extension reads its "Zoom Token" preference instead). */
const zoomToken = () => process.env.TINYAGENT_ZOOM_TOKEN?.trim() || undefined;
