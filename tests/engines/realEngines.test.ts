import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../src/cli/main";
import { currentPlatform, engineLock, platformLock } from "../../src/engines/engineLock";
import { memoryIO } from "../support/memoryIO";

// The real thing, as the extension does it on first use: the engines' pinned packages for this
// platform (linux-x64 here and in CI, darwin-arm64 on a Mac) from the real npm registry into a temporary support folder, then both engines loaded from there in
// a worker thread with a 64 MB heap (bundled like `ray build` bundles a command), each running a tiny
// generated model. Downloads are cached by integrity in the temp folder, so a second run of the suite
// does not fetch the 161 MB again.

const CACHE = join(tmpdir(), "tinyagent-engine-cache");
const supportPath = mkdtempSync(join(tmpdir(), "tinyagent-support-"));
const dir = join(supportPath, "engines");
afterAll(() => rmSync(supportPath, { recursive: true, force: true }));

const PLATFORM = currentPlatform();
const describeHere = PLATFORM in engineLock().platforms ? describe : describe.skip;

describeHere(`the engines installed from the npm registry (${PLATFORM})`, () => {
  test("npm run engine -- install lays out only what runs", async () => {
    const m = memoryIO();
    expect(await main(["engine", "install", "--dir", dir, "--cache", CACHE], m.io)).toBe(0);
    const locked = platformLock(PLATFORM).packages;
    expect(m.stdout()).toMatch(new RegExp(`^Installed node-llama-cpp and onnxruntime-node for ${PLATFORM} .*: ${locked.length} packages`));
    expect(m.stderr()).toContain("done");

    const nm = join(dir, "node_modules");
    for (const p of locked) expect(existsSync(join(dir, p.path, "package.json"))).toBe(true);
    expect(readdirSync(nm)).not.toContain("cmake-js");
    expect(readdirSync(join(nm, "@node-llama-cpp"))).toEqual(
      locked.filter((p) => p.name.startsWith("@node-llama-cpp/")).map((p) => p.name.split("/")[1]),
    );
    expect(readdirSync(join(nm, "onnxruntime-node/bin/napi-v6"))).toEqual([process.platform]);
    expect(readdirSync(join(nm, "onnxruntime-node/bin/napi-v6", process.platform))).toEqual([process.arch]);
    expect(existsSync(join(nm, "node-llama-cpp/llama/gitRelease.bundle"))).toBe(false);
  }, 240_000);

  test("npm run engine -- check loads both engines from the folder in a 64 MB worker and runs a model through each", async () => {
    const m = memoryIO();
    const code = await main(["engine", "check", "--dir", dir, "--json", "--threads", "1"], m.io);
    expect(m.stderr()).toBe("");
    expect(code).toBe(0);
    const result = JSON.parse(m.stdout());
    expect(result.problems).toEqual([]);
    expect(result.report.source).toBe(dir);
    expect(result.report.llama).toMatchObject({
      buildType: "prebuilt",
      gpu: process.platform === "darwin" ? "metal" : "false",
      warnings: [],
    });
    expect(result.report.llama.promptTokens).toBeGreaterThan(0);
    expect(result.report.llama.generatedTokens).toHaveLength(4);
    expect(result.report.onnx.maxAbsError).toBeLessThan(1e-5);
    // The cap held: maxOldGenerationSizeMb 64 gives V8 a heap limit around 100 MB (old + young space).
    expect(result.report.heapLimitMb).toBeLessThan(128);
    process.stdout.write(
      `engine check timings: ${JSON.stringify({ llama: result.report.llama, onnx: result.report.onnx, totalMs: result.totalMs })}\n`,
    );
  }, 240_000);

  test("a second install finds the installation whole and does nothing", async () => {
    const m = memoryIO();
    expect(await main(["engine", "install", "--dir", dir], m.io)).toBe(0);
    expect(m.stdout()).toContain(`already holds the engines for ${PLATFORM}`);
  }, 60_000);
});
