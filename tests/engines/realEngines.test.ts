import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../src/cli/main";
import { checkEnginesInWorker } from "../../src/engines/check/checkInWorker";
import { currentPlatform, engineLock, platformLock } from "../../src/engines/engineLock";
import { memoryIO } from "../support/memoryIO";

// The real thing, as the extension does it on first use: in a worker thread with a 64 MB heap
// (bundled the way `ray build` bundles a command), the engines' pinned packages for this platform
// (linux-x64 here and in CI, darwin-arm64 on a Mac) are installed from the real npm registry into a
// temporary support folder, then both engines are loaded from there, each running a tiny generated
// model. Downloads are cached by integrity in the temp folder, so a second run of the suite
// does not fetch the 161 MB again.

const CACHE = join(tmpdir(), "tinyagent-engine-cache");
const supportPath = mkdtempSync(join(tmpdir(), "tinyagent-support-"));
// Shaped like Raycast's support folder, space included.
const dir = join(supportPath, "Application Support", "engines");
afterAll(() => rmSync(supportPath, { recursive: true, force: true }));

const PLATFORM = currentPlatform();
const describeHere = PLATFORM in engineLock().platforms ? describe : describe.skip;

describeHere(`the engines installed from the npm registry (${PLATFORM})`, () => {
  test("a first run in a 64 MB worker installs the engines, loads them from the folder and runs a model through each", async () => {
    const { report } = await checkEnginesInWorker({ dir, cacheDir: CACHE, heapMb: 64, threads: 1, timeoutMs: 220_000 });
    expect(report.install).toEqual({ installed: true, reason: "no finished installation" });
    expect(report.source).toBe(dir);
    expect(report.llama).toMatchObject({ buildType: "prebuilt", gpu: process.platform === "darwin" ? "metal" : "false", warnings: [] });
    expect(report.llama!.promptTokens).toBeGreaterThan(0);
    expect(report.llama!.generatedTokens).toHaveLength(4);
    expect(report.onnx!.maxAbsError).toBeLessThan(1e-5);
    // The cap held: maxOldGenerationSizeMb 64 gives V8 a heap limit around 112 MB (old + young space).
    expect(report.heapLimitMb).toBeLessThan(128);
    process.stdout.write(
      `first run in a worker: ${JSON.stringify({ prepareMs: report.prepareMs, llama: report.llama, onnx: report.onnx })}\n`,
    );
  }, 240_000);

  test("the folder holds only what runs", () => {
    const locked = platformLock(PLATFORM).packages;
    const nm = join(dir, "node_modules");
    for (const p of locked) expect(existsSync(join(dir, p.path, "package.json"))).toBe(true);
    expect(readdirSync(nm)).not.toContain("cmake-js");
    expect(readdirSync(join(nm, "@node-llama-cpp"))).toEqual(
      locked.filter((p) => p.name.startsWith("@node-llama-cpp/")).map((p) => p.name.split("/")[1]),
    );
    expect(readdirSync(join(nm, "onnxruntime-node/bin/napi-v6"))).toEqual([process.platform]);
    expect(readdirSync(join(nm, "onnxruntime-node/bin/napi-v6", process.platform))).toEqual([process.arch]);
    expect(existsSync(join(nm, "node-llama-cpp/llama/gitRelease.bundle"))).toBe(false);
  });

  test("npm run engine -- check verifies every file's hash and runs both engines again", async () => {
    const m = memoryIO();
    const code = await main(["engine", "check", "--dir", dir, "--json", "--threads", "1"], m.io);
    expect(m.stderr()).toBe("");
    expect(code).toBe(0);
    const result = JSON.parse(m.stdout());
    expect(result.problems).toEqual([]);
    expect(result.report.install).toEqual({ installed: false });
    expect(result.report.llama.generatedTokens).toHaveLength(4);
  }, 120_000);

  test("npm run engine -- install finds the installation whole and does nothing", async () => {
    const m = memoryIO();
    expect(await main(["engine", "install", "--dir", dir], m.io)).toBe(0);
    expect(m.stdout()).toContain(`already holds the engines for ${PLATFORM}`);
  }, 60_000);
});
