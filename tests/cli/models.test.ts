import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../src/cli/main";
import { formatProgress } from "../../src/cli/modelsCommand";
import { formatDuration } from "../../src/core/util/formatDuration";
import { defaultModelsDir } from "../../src/cli/modelLocations";
import { ggufFixture, sha256, startHubStandIn, type HubStandIn } from "../support/hubStandIn";
import { memoryIO } from "../support/memoryIO";

const MODEL = ggufFixture(6 * 1024 * 1024, 11);
const work = mkdtempSync(join(tmpdir(), "tinyagent-models-cli-"));
const manifestPath = join(work, "manifest.json");
writeFileSync(
  manifestPath,
  JSON.stringify({
    models: [
      {
        id: "tiny-q4",
        title: "Tiny Planner",
        role: "planner",
        uri: "hf:acme/Tiny-GGUF/tiny-Q4_K_M.gguf",
        format: "gguf",
        bytes: MODEL.length,
        sha256: sha256(MODEL),
        license: "MIT",
        default: true,
        promptFormat: "tinyagent",
        chatTemplate: { kind: "gguf" },
        contextSize: 2048,
        threads: 2,
        gpuLayers: 0,
      },
      {
        id: "gone",
        title: "Gone Planner",
        role: "planner",
        uri: "hf:acme/Gone-GGUF/gone.gguf",
        format: "gguf",
        bytes: 1_000_000,
        sha256: "0".repeat(64),
        license: "Apache-2.0",
        promptFormat: "compact",
        chatTemplate: { kind: "gguf" },
        contextSize: 1024,
        threads: 1,
        gpuLayers: "auto",
      },
      {
        id: "later",
        title: "Later Planner",
        role: "planner",
        uri: "hf:acme/Later-GGUF/later.gguf",
        format: "gguf",
        bytes: 2_000_000,
        sha256: null,
        unavailable: "its SHA-256 is not pinned yet",
        license: "MIT",
        promptFormat: "compact",
        chatTemplate: { kind: "gguf" },
        contextSize: 1024,
        threads: 1,
        gpuLayers: "auto",
      },
    ],
  }),
);

let hub: HubStandIn;
const savedEndpoint = process.env.HF_ENDPOINT;
beforeAll(async () => {
  hub = await startHubStandIn({ "/acme/Tiny-GGUF/resolve/main/tiny-Q4_K_M.gguf": { body: MODEL } });
  // node-llama-cpp and the probe both honour HF_ENDPOINT, as they would for a mirror.
  process.env.HF_ENDPOINT = hub.endpoint;
});
afterAll(async () => {
  if (savedEndpoint === undefined) delete process.env.HF_ENDPOINT;
  else process.env.HF_ENDPOINT = savedEndpoint;
  await hub.close();
});

const run = async (...args: string[]) => {
  const m = memoryIO();
  const code = await main(["models", ...args, "--manifest", manifestPath], m.io);
  return { code, stdout: m.stdout(), stderr: m.stderr() };
};

describe("npm start -- models", () => {
  const dir = join(work, "store");

  test("lists the models with size, license, state and the default, then pulls one with progress", async () => {
    const list = await run("--dir", dir);
    expect(list.code).toBe(0);
    expect(list.stdout.split("\n")).toEqual([
      `Models (downloads go to ${dir}):`,
      "   ID       ROLE     SIZE     LICENSE     STATE                                       TITLE",
      "*  tiny-q4  planner  6.29 MB  MIT         not downloaded                              Tiny Planner",
      "   gone     planner  1.00 MB  Apache-2.0  not downloaded                              Gone Planner",
      "   later    planner  2.00 MB  MIT         unavailable: its SHA-256 is not pinned yet  Later Planner",
      "* default for its role. Download one with: npm start -- models pull <id>",
    ]);

    const pull = await run("pull", "tiny-q4", "--dir", dir);
    expect(pull).toMatchObject({ code: 0 });
    expect(pull.stdout).toBe(`Downloaded and checked tiny-q4: ${join(dir, "tiny-q4.gguf")} (6.29 MB, SHA-256 ${sha256(MODEL)})`);
    const lines = pull.stderr.split("\n");
    expect(lines[0]).toBe(`Downloading Tiny Planner, 6.29 MB, to ${dir}`);
    expect(lines.some((l) => /^ *\d+% {2}[\d.]+ (kB|MB|bytes) of 6\.29 MB {2}[\d.]+ (bytes|kB|MB|GB)\/s/.test(l))).toBe(true);
    expect(lines.at(-1)).toBe("Checking 100%");

    const json = await run("--json", "--dir", dir);
    const listed = JSON.parse(json.stdout);
    expect(listed.dir).toBe(dir);
    expect(listed.models[0]).toMatchObject({
      id: "tiny-q4",
      default: true,
      license: "MIT",
      status: { state: "downloaded", verified: true, sha256: sha256(MODEL), bytesOnDisk: MODEL.length },
    });
    expect(listed.models[1]).toMatchObject({ id: "gone", default: false, status: { state: "not-downloaded" } });

    const again = await run("pull", "tiny-q4", "--json", "--dir", dir);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toEqual({
      id: "tiny-q4",
      path: join(dir, "tiny-q4.gguf"),
      bytes: MODEL.length,
      sha256: sha256(MODEL),
      alreadyDownloaded: true,
      resumed: false,
    });
  });

  test("a download the server does not have fails with exit code 2 and a clear message", async () => {
    const r = await run("pull", "gone", "--dir", join(work, "store2"));
    expect(r.code).toBe(2);
    expect(r.stderr.split("\n").at(-1)).toBe(
      `error: Gone Planner was not found at ${hub.endpoint}acme/Gone-GGUF/resolve/main/gone.gguf?download=true (HTTP 404 Not Found). Its manifest entry may be out of date.`,
    );
  });

  test("a model without a pinned SHA-256 is not downloaded: exit code 2 and the reason, nothing fetched", async () => {
    const before = hub.requests.length;
    const r = await run("pull", "later", "--dir", join(work, "store3"));
    expect(r.code).toBe(2);
    expect(r.stderr.split("\n").at(-1)).toBe(
      "error: Later Planner cannot be downloaded or used yet: its SHA-256 is not pinned yet. TinyAgent only uses model files it can check byte for byte. Use another model meanwhile.",
    );
    expect(hub.requests.length).toBe(before);
  });

  test.each([
    [["pull", "nope"], 'error: unknown model "nope"; known models: tiny-q4, gone, later'],
    [["pull"], "error: give one model id: npm start -- models pull <id> (ids: tiny-q4, gone, later)"],
    [["frob"], 'error: unknown models command "frob". Usage: npm start -- models [--json] [--dir <folder>] [--manifest <file>]'],
    [["--speed"], /^error: Unknown option '--speed'/],
  ])("bad usage %j exits with 2", async (args, message) => {
    const r = await run(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  test("a bad manifest file is reported with its problems", async () => {
    const bad = join(work, "bad.json");
    writeFileSync(bad, JSON.stringify({ models: [{ id: "x", role: "planner" }] }));
    const m = memoryIO();
    expect(await main(["models", "--manifest", bad], m.io)).toBe(2);
    expect(m.stderr()).toMatch(/^error: The model manifest .*bad\.json is not valid:\n {2}- models\[0\] \(x\)\.title: is missing/);
  });
});

describe("models command helpers", () => {
  test("the models folder: TINYAGENT_MODELS_DIR, else the XDG cache, else ~/.cache", () => {
    expect(defaultModelsDir({ TINYAGENT_MODELS_DIR: "/data/m", XDG_CACHE_HOME: "/c" }, "/home/u")).toBe("/data/m");
    expect(defaultModelsDir({ XDG_CACHE_HOME: "/c" }, "/home/u")).toBe("/c/tinyagent/models");
    expect(defaultModelsDir({}, "/home/u")).toBe("/home/u/.cache/tinyagent/models");
  });

  test("progress lines show percent, sizes, speed and time left", () => {
    expect(
      formatProgress({ phase: "downloading", bytes: 274_000_000, totalBytes: 668_000_000, bytesPerSecond: 12_300_000, etaSeconds: 32.4 }),
    ).toBe(" 41%  274 MB of 668 MB  12.3 MB/s  ETA 32 s");
    expect(formatProgress({ phase: "downloading", bytes: 0, totalBytes: 0, bytesPerSecond: 0, etaSeconds: undefined })).toBe(
      "  ?%  0 bytes of 0 bytes  0 bytes/s",
    );
    expect(formatProgress({ phase: "verifying", bytes: 5, totalBytes: 10 })).toBe("Checking  50%");
    expect([59, 61, 3725].map(formatDuration)).toEqual(["59 s", "1 min 1 s", "1 h 2 min"]);
  });
});
