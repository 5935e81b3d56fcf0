import { disposeLoadedModels } from "../../src/agent/planner/llamaRuntime";
import { main } from "../../src/cli/main";
import { memoryIO } from "../support/memoryIO";
import { manifestWithPlanner } from "../support/testManifest";
import { rankingModel } from "../support/tinyModel";

// The default planner is a tiny model whose fixed ranking prefers closing strings and calls, so
// under the grammar (over placeholders) it writes ten lookups of one of the request's values, then
// join(); the repeats among them are merged (src/agent/plan/mergeRepeats.ts).
const manifest = manifestWithPlanner(rankingModel('")]\ngetphonumbrSidj').path);

afterAll(() => disposeLoadedModels());

describe("npm start with a planner model", () => {
  test("plans with the manifest's default model under the grammar: the plan validates and dry-runs", async () => {
    const m = memoryIO();
    const code = await main(
      ["Text Sid that the Q3_report.pdf is late", "--manifest", manifest, "--now", "2026-11-22T10:00:00", "--json"],
      m.io,
    );
    expect(m.stderr()).toBe("");
    expect(code).toBe(0);
    const out = JSON.parse(m.stdout());
    expect(out.tasks).toHaveLength(3);
    const calls = out.tasks.map((t: { tool: string; args: unknown[] }) => JSON.stringify([t.tool, t.args]));
    expect(new Set(calls).size).toBe(calls.length);
    // The shipped tagger found the values; the planner saw placeholders, and the grammar let this
    // fixed-ranking model look up only one of them (whichever ranks first), never a made-up name.
    expect(out.plannedAs).toMatch(/NAME1/);
    expect(out.values).toEqual(expect.arrayContaining([{ placeholder: "NAME1", type: "NAME", value: "Sid" }]));
    expect(out.tasks[0]).toMatchObject({ id: 1, tool: "get_email_address" });
    expect(out.values.map((v: { value: string }) => v.value)).toContain(out.tasks[0].args[0]);
    expect(out.tasks.at(-1)).toMatchObject({ tool: "join" });
    expect(out.events.at(-1)).toMatchObject({ type: "succeeded" });
    expect(out.timingsMs).toEqual(expect.objectContaining({ firstToken: expect.any(Number), plan: expect.any(Number) }));
  });

  test("without the grammar a random model's text is not a plan, and nothing runs", async () => {
    const m = memoryIO();
    const code = await main(["Text Sid", "--manifest", manifest, "--no-grammar", "--json"], m.io);
    expect(code).toBe(1);
    const out = JSON.parse(m.stdout());
    expect(out.error).toBe("The plan is not valid, so nothing runs.");
    expect(out.events).toEqual([]);
    expect(out.problems.length).toBeGreaterThan(0);
  });

  test("an unknown model id is a usage error", async () => {
    const m = memoryIO();
    expect(await main(["x", "--manifest", manifest, "--model", "nope"], m.io)).toBe(2);
    expect(m.stderr()).toMatch(/no model "nope" in the manifest/);
  });
});
