import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../src/cli/main";
import { disposeLoadedModels } from "../../src/agent/planner/llamaRuntime";
import { memoryIO } from "../support/memoryIO";
import { manifestWithPlanner } from "../support/testManifest";
import { rankingModel } from "../support/tinyModel";

const SMOKE = join(__dirname, "../../training/data/smoke.jsonl");
const dir = mkdtempSync(join(tmpdir(), "tinyagent-eval-"));

describe("npm run eval", () => {
  test("scores the smoke examples against themselves as 100%", async () => {
    const m = memoryIO();
    expect(await main(["eval", "--data", SMOKE, "--predictions", SMOKE, "--json"], m.io)).toBe(0);
    const report = JSON.parse(m.stdout());
    expect(report).toMatchObject({ n: 12, planSuccess: 1, strictSuccess: 1, parseFailureRate: 0, outOfScopeAccuracy: 1 });
    expect(report.items).toHaveLength(12);
    expect(report.items[0]).toMatchObject({ id: "e01", planSuccess: true, strictSuccess: true });
  });

  test("a malformed line is reported and the run goes on", async () => {
    const data = join(dir, "data.jsonl");
    writeFileSync(
      data,
      [
        '{"id": "a", "now": "2026-11-22T10:00:00", "query": "open Apple Park", "plan": "1. maps_open_location(\\"Apple Park\\")\\n2. join()"}',
        "{not json",
        '{"id": "b", "now": "yesterday", "query": "x", "plan": "1. join()"}',
        '{"id": "c", "now": "2026-11-22T10:00:00", "query": "weather?", "plan": "1. join()"}',
      ].join("\n"),
    );
    const predictions = join(dir, "pred.jsonl");
    writeFileSync(
      predictions,
      [
        '{"id": "a", "plan": "1. maps_show_directions(\\"\\", \\"Apple Park\\", \\"d\\")\\n2. join()"}',
        '{"id": "c", "plan": "1. join()"}',
      ].join("\n"),
    );
    const m = memoryIO();
    expect(await main(["eval", "--data", data, "--predictions", predictions], m.io)).toBe(0);
    expect(m.stderr()).toContain("line 2 is not valid JSON");
    expect(m.stderr()).toContain('line 3: "now" expected a local time like 2026-11-22T10:00:00');
    const out = m.stdout();
    expect(out).toContain("Examples:           2 (2 malformed line(s) skipped)");
    expect(out).toContain("Plan success:       50.0%");
    expect(out).toMatch(/maps_open_location\s+1\s+0\s+maps_show_directions×1/);
  });

  test("a prediction that does not parse counts as a parse failure", async () => {
    const predictions = join(dir, "broken.jsonl");
    writeFileSync(predictions, '{"id": "e01", "plan": "1. get_phone_number(Sid)"}');
    const m = memoryIO();
    await main(["eval", "--data", SMOKE, "--predictions", predictions, "--json"], m.io);
    const report = JSON.parse(m.stdout());
    expect(report.items[0]).toMatchObject({ id: "e01", planSuccess: false, error: expect.stringMatching(/must be quoted/) });
    expect(report.items[1]).toMatchObject({ id: "e02", error: 'no prediction with id "e02"' });
    expect(report.parseFailureRate).toBe(1);
  });

  test("--tools-only normalizes and classifies: recall, tools per query, out-of-scope accuracy, latency", async () => {
    const m = memoryIO();
    expect(await main(["eval", "--data", SMOKE, "--tools-only", "--json"], m.io)).toBe(0);
    const report = JSON.parse(m.stdout());
    expect(report).toMatchObject({ n: 12, toolRecall: expect.any(Number), toolsPerQuery: expect.any(Number), outOfScopeAccuracy: 1 });
    expect(report.toolRecall).toBeGreaterThanOrEqual(0.9);
    expect(report.toolsPerQuery).toBeLessThanOrEqual(4);
    expect(Object.keys(report.latencyMs)).toEqual(expect.arrayContaining(["normalize", "classify", "total"]));
    const text = memoryIO();
    await main(["eval", "--data", SMOKE, "--tools-only"], text.io);
    expect(text.stdout()).toMatch(/Tool recall: +\d\.\d{3}/);
    expect(text.stdout()).toMatch(/classify +\d+\.\d{3} +\d+\.\d{3}/);
    expect(text.stdout()).not.toContain("Plan success");
  });

  test("a gold plan nested 4,000 lists deep is reported and skipped; a prediction like it is a parse failure", async () => {
    const deep = (tool: string) => `1. ${tool}(${"[".repeat(4000)}\\"+1555\\"${"]".repeat(4000)}, \\"hi\\")\\n2. join()`;
    const data = join(dir, "deep.jsonl");
    writeFileSync(
      data,
      [
        '{"id": "a", "now": "2026-11-22T10:00:00", "query": "text +1555 hi", "plan": "1. send_sms([\\"+1555\\"], \\"hi\\")\\n2. join()"}',
        `{"id": "b", "now": "2026-11-22T10:00:00", "query": "text +1555 hi", "plan": "${deep("send_sms")}"}`,
      ].join("\n"),
    );
    const predictions = join(dir, "deep-pred.jsonl");
    writeFileSync(predictions, `{"id": "a", "plan": "${deep("send_sms")}"}`);
    const m = memoryIO();
    expect(await main(["eval", "--data", data, "--predictions", predictions, "--json"], m.io)).toBe(0);
    expect(m.stderr()).toMatch(/line 2: the gold plan is invalid: Line 1, column 45: lists are nested more than 32 deep.*\(skipped\)/);
    const report = JSON.parse(m.stdout());
    expect(report).toMatchObject({ n: 1, parseFailureRate: 1, malformed: [{ line: 2 }] });
    expect(report.items[0]).toMatchObject({ id: "a", parseFailure: true, error: expect.stringMatching(/nested more than 32 deep/) });
  });

  test("a data file that starts with a UTF-8 byte order mark keeps its line 1", async () => {
    const data = join(dir, "bom.jsonl");
    writeFileSync(data, '\uFEFF{"id": "a", "now": "2026-11-22T10:00:00", "query": "weather?", "plan": "1. join()"}\n');
    const m = memoryIO();
    expect(await main(["eval", "--data", data, "--predictions", data, "--json"], m.io)).toBe(0);
    expect(m.stderr()).toBe("");
    expect(JSON.parse(m.stdout())).toMatchObject({ n: 1, planSuccess: 1, malformed: [] });
  });

  test("a missing --data is a usage error", async () => {
    const m = memoryIO();
    expect(await main(["eval"], m.io)).toBe(2);
    expect(m.stderr()).toMatch(/--data is required/);
  });
});

describe("npm run eval with a planner model", () => {
  afterAll(() => disposeLoadedModels());

  test("plans every request with the pipeline npm start uses, and reports classifier and planner together", async () => {
    const manifest = manifestWithPlanner(rankingModel('")]\ngetphonumbrSidj').path, { classifier: true });
    const m = memoryIO();
    expect(await main(["eval", "--data", SMOKE, "--manifest", manifest, "--json"], m.io)).toBe(0);
    const report = JSON.parse(m.stdout());
    expect(report.n).toBe(12);
    // The grammar keeps even this model's plans valid; the classifier alone answers e09 (weather).
    expect(report.parseFailureRate).toBe(0);
    expect(report.items.find((i: { id: string }) => i.id === "e09")).toMatchObject({ planSuccess: true, strictSuccess: true });
    expect(report.toolRecall).toBeGreaterThan(0.9);
    expect(Object.keys(report.latencyMs)).toEqual(expect.arrayContaining(["normalize", "classify", "firstToken", "plan", "total"]));
  });

  test("a planner that is not downloaded stops the run with what to do", async () => {
    const m = memoryIO();
    const saved = process.env.TINYAGENT_MODELS_DIR;
    process.env.TINYAGENT_MODELS_DIR = mkdtempSync(join(tmpdir(), "tinyagent-no-models-"));
    try {
      expect(await main(["eval", "--data", SMOKE, "--limit", "2", "--model", "tinyagent-1.1b-q4_k_m"], m.io)).toBe(2);
    } finally {
      process.env.TINYAGENT_MODELS_DIR = saved;
    }
    expect(m.stderr()).toMatch(/not downloaded yet.*models pull/);
  });
});
