import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { disposeLoadedModels } from "../../src/agent/planner/llamaRuntime";
import { main } from "../../src/cli/main";
import { memoryIO } from "../support/memoryIO";

const dir = mkdtempSync(join(tmpdir(), "tinyagent-cli-"));
const planFile = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

const SMS = planFile("sms.txt", '1. get_phone_number("Sid")\n2. send_sms(["$1"], "Running 10 minutes late")\n3. join()\n');

afterAll(() => disposeLoadedModels());

describe("npm start (plan command)", () => {
  test("prints the plan as a DAG and a dry run, saying why it is one", async () => {
    const m = memoryIO();
    expect(await main(["Text Sid that I'm running late", "--now", "2026-11-22T10:00:00", "--plan-file", SMS], m.io)).toBe(0);
    const out = m.stdout();
    expect(out).toContain("Now:     Sunday 2026-11-22 10:00");
    expect(out).toMatch(/#2 send_sms\(\["\$1"\], "Running 10 minutes late"\)\s+← after #1/);
    expect(out).toContain("plans only run on macOS");
    // The dry run shows the AppleScript each task would run, earlier results as markers.
    expect(out).toContain('set theRecipients to {"⟨result of #1⟩"}');
    expect(out).toContain('set theMessage to "Running 10 minutes late"');
    expect(out).toContain('tell application "Messages"');
    expect(out).toContain("Summary: 2 done.");
  });

  test("--json prints one JSON object on a failure too, with the error and its code", async () => {
    const usage = memoryIO();
    expect(await main(["--json"], usage.io)).toBe(2);
    expect(JSON.parse(usage.stdout())).toMatchObject({ error: expect.stringContaining("no request given"), code: "usage" });
    const missing = memoryIO();
    const manifest = planFile("manifest.json", JSON.stringify({ models: [] }));
    expect(await main(["Text Sid", "--manifest", manifest, "--json"], missing.io)).toBe(2);
    expect(JSON.parse(missing.stdout())).toMatchObject({ error: expect.stringContaining("names no default planner") });
  });

  test("--json prints one object with the public keys", async () => {
    const m = memoryIO();
    expect(await main(["Text Sid", "--now", "2026-11-22T10:00:00", "--plan-file", SMS, "--json"], m.io)).toBe(0);
    const json = JSON.parse(m.stdout());
    expect(json).toMatchObject({
      query: "Text Sid",
      now: "2026-11-22T10:00:00",
      plan: expect.stringContaining("send_sms"),
      selectedTools: expect.arrayContaining([{ tool: "send_sms", probability: expect.any(Number) }]),
      tasks: [
        { id: 1, tool: "get_phone_number", args: ["Sid"], dependencies: [] },
        { id: 2, tool: "send_sms", args: [["$1"], "Running 10 minutes late"], dependencies: [1] },
        { id: 3, tool: "join", args: [], dependencies: [1, 2] },
      ],
      timingsMs: expect.objectContaining({ normalize: expect.any(Number), plan: expect.any(Number), firstTaskStarted: expect.any(Number) }),
    });
    const started = json.events.filter((e: { type: string }) => e.type === "started");
    expect(started[0]).toMatchObject({ taskId: 1, script: expect.stringContaining("value of phones of every person") });
    expect(started[1]).toMatchObject({ taskId: 2, script: expect.stringContaining('set theRecipients to {"⟨result of #1⟩"}') });
    expect(json.events.find((e: { type: string; taskId: number }) => e.type === "succeeded" && e.taskId === 2)).toMatchObject({
      result: "⟨result of #2⟩",
    });
  });

  test("--execute on macOS asks before anything that changes or sends, and runs nothing on no", async () => {
    const m = memoryIO({ platform: "darwin", answers: ["n"] });
    expect(await main(["Text Sid", "--plan-file", SMS, "--execute"], m.io)).toBe(0);
    expect(m.stdout()).toContain("Nothing was run.");
    expect(m.stdout()).not.toContain("▶");
  });

  test("--execute with standard input closed says nothing ran and exits 2, one JSON object under --json", async () => {
    const m = memoryIO({ platform: "darwin" }); // no answers: standard input is closed
    expect(await main(["Text Sid", "--plan-file", SMS, "--execute"], m.io)).toBe(2);
    expect(m.stderr()).toBe(
      "error: No answer to the question (standard input is closed), so nothing was run. Add --yes to run without asking.",
    );
    expect(m.stdout()).not.toContain("▶");
    const json = memoryIO({ platform: "darwin" });
    expect(await main(["Text Sid", "--plan-file", SMS, "--execute", "--json"], json.io)).toBe(2);
    const out = JSON.parse(json.stdout());
    expect(out).toMatchObject({ code: "not_confirmed", error: expect.stringMatching(/nothing was run/), events: [] });
  });

  // A piped "y" runs the plan. Where osascript does not exist the real runner fails: the tasks start
  // and do not finish (exit 3). Skipped on a Mac, where it would really send the message.
  (process.platform === "darwin" ? test.skip : test)("--execute with a piped y runs the plan", async () => {
    const m = memoryIO({ platform: "darwin", answers: ["y"] });
    expect(await main(["Text Sid", "--plan-file", SMS, "--execute"], m.io)).toBe(3);
    expect(m.stdout()).toContain("Running:");
    expect(m.stdout()).toContain("▶ #1 get_phone_number");
    expect(m.stdout()).toContain("✗ #1 get_phone_number");
  });

  // Where osascript does not exist (not macOS) the real runner fails, which is what this needs: a
  // task that does not finish. Skipped on a Mac, where it would really query Contacts.
  (process.platform === "darwin" ? test.skip : test)("a plan whose tasks do not all finish exits 3", async () => {
    const LOOKUP = planFile("lookup.txt", '1. get_phone_number("Sid")\n2. join()\n');
    const m = memoryIO({ platform: "darwin" });
    expect(await main(["Find Sid's number", "--plan-file", LOOKUP, "--execute", "--yes"], m.io)).toBe(3);
    expect(m.stdout()).toContain("✗ #1 get_phone_number");
  });

  test("the classifier picks the tools; its probabilities show even with a plan file", async () => {
    const m = memoryIO();
    expect(await main(["Text Sid that I'm late", "--now", "2026-11-22T10:00:00", "--plan-file", SMS, "--json"], m.io)).toBe(0);
    const json = JSON.parse(m.stdout());
    const tools = json.selectedTools.map((s: { tool: string }) => s.tool);
    expect(tools).toEqual(expect.arrayContaining(["send_sms", "get_phone_number"]));
    expect(tools.length).toBeLessThan(16);
    for (const s of json.selectedTools) expect(s.probability).toBeGreaterThan(0);
    const text = memoryIO();
    await main(["Text Sid that I'm late", "--plan-file", SMS], text.io);
    expect(text.stdout()).toMatch(/Tools: {3}.*send_sms \d\.\d\d.*\(classifier; the given plan may use any tool\)/);
  });

  test("a request no tool serves is answered without a planner: nothing to do", async () => {
    const m = memoryIO();
    expect(await main(["what's the weather like in Berkeley?", "--now", "2026-11-22T10:00:00", "--json"], m.io)).toBe(0);
    const json = JSON.parse(m.stdout());
    expect(json).toMatchObject({ selectedTools: [], plan: "1. join()", tasks: [{ id: 1, tool: "join" }] });
    expect(json.outOfScopeProbability).toBeGreaterThan(0.5);
    expect(json.nothingToDo).toEqual({ reason: "out_of_scope", message: expect.stringMatching(/^None of TinyAgent's tools does this\./) });
    const text = memoryIO();
    expect(await main(["what's the weather like in Berkeley?", "--now", "2026-11-22T10:00:00"], text.io)).toBe(0);
    expect(text.stdout()).toMatch(/Plan: nothing to do \(join only\)\.\n {2}None of TinyAgent's tools does this\./);
  });

  test("with the models that ship in assets/models/, a request plans with no download and no plan file", async () => {
    const m = memoryIO();
    const saved = process.env.TINYAGENT_MODELS_DIR;
    process.env.TINYAGENT_MODELS_DIR = mkdtempSync(join(tmpdir(), "tinyagent-no-models-"));
    try {
      expect(await main(["Text Sid that I'm running late", "--now", "2026-11-22T10:00:00", "--json"], m.io)).toBe(0);
    } finally {
      process.env.TINYAGENT_MODELS_DIR = saved;
    }
    const out = JSON.parse(m.stdout());
    expect(out.plannedAs).toBe("Text NAME1 that TEXT1");
    expect(out.tasks.map((t: { tool: string; args: unknown[] }) => [t.tool, t.args])).toEqual([
      ["get_phone_number", ["Sid"]],
      ["send_sms", [["$1"], "I'm running late"]],
      ["join", []],
    ]);
    expect(out.events.at(-1)).toMatchObject({ type: "succeeded" });
  });

  test("a request too long for the embedded planner says so and what to do; --json carries the error", async () => {
    const m = memoryIO();
    // Thirty written addresses: each stays in the prompt as written (a placeholder holds a dozen at most).
    const addresses = Array.from({ length: 30 }, (_, i) => `person${i}@example.com`).join(", ");
    expect(await main([`email ${addresses} that I am late`, "--now", "2026-11-22T10:00:00", "--json"], m.io)).toBe(2);
    expect(JSON.parse(m.stdout())).toMatchObject({
      code: "prompt_too_long",
      error: expect.stringMatching(/Shorten the request or split it in two/),
    });
  });

  test("a planner that is not downloaded, chosen with --model, says what to do", async () => {
    const m = memoryIO();
    const saved = process.env.TINYAGENT_MODELS_DIR;
    process.env.TINYAGENT_MODELS_DIR = mkdtempSync(join(tmpdir(), "tinyagent-no-models-"));
    try {
      expect(await main(["Text Sid that I'm late", "--now", "2026-11-22T10:00:00", "--model", "tinyagent-1.1b-q4_k_m"], m.io)).toBe(2);
    } finally {
      process.env.TINYAGENT_MODELS_DIR = saved;
    }
    expect(m.stderr()).toMatch(
      /not downloaded yet.*npm start -- models pull tinyagent-1\.1b-q4_k_m \(or pass a plan with --plan-file <file>\)/,
    );
  });

  test("dates are read before planning and shown", async () => {
    const m = memoryIO();
    await main(["Remind me to water the plants tomorrow at 6pm", "--now", "2026-11-22T10:00:00", "--plan-file", SMS], m.io);
    expect(m.stdout()).toContain("Read as: Remind me to water the plants 2026-11-23 18:00:00 (ends 2026-11-23 19:00:00, 60 min)");
  });

  test("--execute on Linux dry-runs and says so", async () => {
    const m = memoryIO({ platform: "linux" });
    expect(await main(["Text Sid", "--plan-file", SMS, "--execute"], m.io)).toBe(0);
    expect(m.stdout()).toContain("--execute needs macOS (AppleScript), and this is linux");
  });

  test("an invalid plan never runs; the problems are listed", async () => {
    const bad = planFile("bad.txt", '1. send_sms(["$2"], "x")\n2. get_phone_number("Sid")\n');
    const m = memoryIO();
    expect(await main(["Text Sid", "--plan-file", bad], m.io)).toBe(2);
    expect(m.stderr()).toContain("The plan is not valid, so nothing runs");
    expect(m.stderr()).toContain("Task 1 uses $2");
    expect(m.stderr()).toContain("must end with join()");
    expect(m.stdout()).not.toContain("▶");
  });

  test("a task its tool would refuse is shown before anything runs, even with --execute --yes", async () => {
    const bad = planFile("refused.txt", '1. send_sms(["Sid"], "Running late")\n2. join()\n');
    const m = memoryIO({ platform: "darwin" });
    expect(await main(["Text Sid", "--plan-file", bad, "--execute", "--yes"], m.io)).toBe(2);
    expect(m.stderr()).toContain("Task 1: Recipient “Sid” is not a phone number or email address. Look it up with get_phone_number");
    expect(m.stdout()).not.toContain("▶");
  });

  test("a request too long to plan is refused before anything is read or loaded, --json included", async () => {
    const seq = Array.from({ length: 20000 }, (_, i) => String(i + 1));
    const m = memoryIO();
    // The plan file does not exist: the request is refused before it is looked for.
    expect(await main([...seq, "--plan-file", "/nonexistent/plan.txt", "--json"], m.io)).toBe(2);
    expect(JSON.parse(m.stdout())).toEqual({
      code: "request_too_long",
      error: "The request is 108,893 characters long; TinyAgent plans requests of up to 4,000. Shorten it or split it in two.",
    });
  });

  test("the request can come from standard input (-) or a file (--request-file), off the command line", async () => {
    const stdin = memoryIO({ stdin: "Text Sid that I'm running late\n" });
    expect(await main(["-", "--plan-file", SMS, "--json"], stdin.io)).toBe(0);
    expect(JSON.parse(stdin.stdout())).toMatchObject({ query: "Text Sid that I'm running late", tasks: [{}, {}, {}] });

    const file = planFile("request.txt", "\uFEFFText Sid that I'm running late\n");
    const fromFile = memoryIO();
    expect(await main(["--request-file", file, "--plan-file", SMS, "--json"], fromFile.io)).toBe(0);
    expect(JSON.parse(fromFile.stdout())).toMatchObject({ query: "Text Sid that I'm running late" });

    const huge = memoryIO({ stdin: "x".repeat(100_000) });
    expect(await main(["-", "--plan-file", "/nonexistent/plan.txt"], huge.io)).toBe(2);
    expect(huge.stderr()).toBe(
      "error: The request is more than 64.0 kB; TinyAgent plans requests of up to 4,000 characters. Shorten it or split it in two.",
    );
    const bigFile = memoryIO();
    expect(await main(["--request-file", planFile("big.txt", "x".repeat(100_000)), "--json"], bigFile.io)).toBe(2);
    expect(JSON.parse(bigFile.stdout())).toMatchObject({ code: "request_too_long" });
    const empty = memoryIO({ stdin: "  \n" });
    expect(await main(["-", "--plan-file", SMS], empty.io)).toBe(2);
    expect(empty.stderr()).toMatch(/The request is empty/);
  });

  test("a request on standard input cannot be confirmed, so --execute on a Mac needs --yes", async () => {
    const m = memoryIO({ platform: "darwin", stdin: "Text Sid hi" });
    expect(await main(["-", "--plan-file", SMS, "--execute"], m.io)).toBe(2);
    expect(m.stderr()).toMatch(/no one to answer the confirmation: add --yes, or use --request-file/);
  });

  test("a 10,000-line bad plan lists 20 problems and counts the rest; --json lists 100", async () => {
    const bad = planFile("10k.txt", "oops\n".repeat(10_000));
    const m = memoryIO();
    expect(await main(["Text Sid", "--plan-file", bad], m.io)).toBe(2);
    const lines = m.stderr().split("\n");
    expect(lines).toHaveLength(22);
    expect(lines[20]).toMatch(/^ {2}- Line 20, column 1: expected a numbered action/);
    expect(lines[21]).toBe("  … and 9,981 more problems (--json lists up to 100)");
    const json = memoryIO();
    expect(await main(["Text Sid", "--plan-file", bad, "--json"], json.io)).toBe(2);
    const out = JSON.parse(json.stdout());
    expect(out.problems).toHaveLength(100);
    expect(out.moreProblems).toBe(9_901);
  });

  test("--plan-file /dev/urandom is refused at once; --json=true still gets its JSON object", async () => {
    const m = memoryIO();
    expect(await main(["Text Sid", "--plan-file", "/dev/urandom", "--json"], m.io)).toBe(2);
    expect(JSON.parse(m.stdout())).toEqual({
      code: "usage",
      error: "the plan file /dev/urandom is not a file but a character device: give the path of a text file",
    });
    const flag = memoryIO();
    expect(await main(["Text Sid", "--json=true"], flag.io)).toBe(2);
    expect(JSON.parse(flag.stdout())).toMatchObject({ code: "usage", error: expect.stringMatching(/does not take an argument/) });
  });

  test.each([
    [[], /no request given/],
    [["x", "--request-file", "/nonexistent/request.txt"], /give the request either as words or with --request-file, not both/],
    [["--request-file", "/nonexistent/request.txt"], /cannot read the request file \/nonexistent\/request.txt: ENOENT/],
    [["x", "--now", "tomorrow"], /--now must be a local date and time/],
    [["x", "--bogus"], /Unknown option '--bogus'/],
    [["x", "--plan-file", "/nonexistent/plan.txt"], /cannot read the plan file \/nonexistent\/plan.txt: ENOENT/],
    [["x", "--dry-run", "--execute", "--plan-file", SMS], /either --dry-run or --execute/],
  ])("bad usage %j exits 2 with one clear line", async (argv, message) => {
    const m = memoryIO();
    expect(await main(argv as string[], m.io)).toBe(2);
    expect(m.stderr()).toMatch(message);
    expect(m.stderr().split("\n")).toHaveLength(1);
  });
});
