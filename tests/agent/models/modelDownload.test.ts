import { mkdtempSync, readdirSync, writeFileSync, readFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AgentError } from "../../../src/core/errors";
import { parseManifest, type ModelEntry } from "../../../src/agent/models/manifest";
import { downloadModel, type DownloadProgress } from "../../../src/agent/models/modelDownload";
import { ModelStore } from "../../../src/agent/models/modelStore";
import { ggufFixture, sha256, startHubStandIn, type HubStandIn } from "../../support/hubStandIn";
import { ENGINE_MODULES } from "../../../src/engines/engineLoader";

// node-llama-cpp's downloader (ipull) fetches in 5 MiB chunks over 3 connections: a 12 MiB file
// has three chunks, so a resumed download can be seen skipping the ones already on disk.
const CHUNK = 5 * 1024 * 1024;
const MODEL = ggufFixture(12 * 1024 * 1024, 7);
const PATH = "/acme/Tiny-GGUF/resolve/main/tiny-Q4_K_M.gguf";

function entry(overrides: Partial<Record<string, unknown>> = {}): ModelEntry {
  const manifest = parseManifest(
    {
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
          promptFormat: "tinyagent",
          chatTemplate: { kind: "gguf" },
          contextSize: 2048,
          threads: 2,
          gpuLayers: 0,
          ...overrides,
        },
      ],
    },
    "test",
  );
  return manifest.models[0]!;
}

let hub: HubStandIn;
let store: ModelStore;
const fault: { current?: (r: { start: number; end: number }) => "drop" | "stall" | "silent" | undefined } = {};
const served: Record<string, Buffer> = {};

beforeEach(async () => {
  served[PATH] = MODEL;
  fault.current = undefined;
  hub = await startHubStandIn({
    [PATH]: {
      get body() {
        return served[PATH]!;
      },
      fault: (r) => fault.current?.(r),
    },
  });
  store = new ModelStore(mkdtempSync(join(tmpdir(), "tinyagent-models-")), join(tmpdir(), "no-embedded"), ENGINE_MODULES);
});
afterEach(() => hub.close());

const dataRequests = () => hub.requests.filter((r) => r.range && r.range.end > 0);

async function failure(promise: Promise<unknown>): Promise<AgentError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AgentError);
  return error as AgentError;
}

describe("downloadModel against a local Hugging Face stand-in", () => {
  test("downloads an hf: model, reports progress, verifies its SHA-256 and gives it its final name", async () => {
    const progress: DownloadProgress[] = [];
    const result = await downloadModel(store, entry(), { hubEndpoint: hub.endpoint, onProgress: (p) => progress.push(p) });

    expect(result).toMatchObject({ bytes: MODEL.length, sha256: sha256(MODEL), alreadyDownloaded: false, resumed: false });
    expect(result.path).toBe(join(store.dir, "tiny-q4.gguf"));
    expect(readFileSync(result.path).equals(MODEL)).toBe(true);
    expect(readdirSync(store.dir).sort()).toEqual(["tiny-q4.gguf", "tiny-q4.gguf.verified.json"]);
    expect(await store.inspect(entry())).toMatchObject({ state: "downloaded", verified: true, sha256: sha256(MODEL) });

    const downloading = progress.filter((p) => p.phase === "downloading");
    expect(downloading.length).toBeGreaterThan(0);
    expect(downloading.every((p) => p.totalBytes === MODEL.length)).toBe(true);
    expect(downloading.map((p) => p.bytes)).toEqual([...downloading.map((p) => p.bytes)].sort((a, b) => a - b));
    expect(progress.at(-1)).toEqual({ phase: "verifying", bytes: MODEL.length, totalBytes: MODEL.length });

    // The probe and node-llama-cpp's own hf: resolution asked for the same file.
    expect(new Set(hub.requests.map((r) => r.path))).toEqual(new Set([PATH]));
  });

  test("a second download of a verified model fetches nothing", async () => {
    await downloadModel(store, entry(), { hubEndpoint: hub.endpoint });
    const before = hub.requests.length;
    const again = await downloadModel(store, entry(), { hubEndpoint: hub.endpoint });
    expect(again).toMatchObject({ alreadyDownloaded: true, sha256: sha256(MODEL) });
    expect(hub.requests.length).toBe(before);
  });

  test("two downloads of one model at once: the second waits, then finds it ready; a delete waits too", async () => {
    const [a, b] = await Promise.all([
      downloadModel(store, entry(), { hubEndpoint: hub.endpoint }),
      downloadModel(store, entry(), { hubEndpoint: hub.endpoint }),
    ]);
    expect([a.alreadyDownloaded, b.alreadyDownloaded].sort()).toEqual([false, true]);
    expect(readFileSync(a.path).equals(MODEL)).toBe(true);
    await store.remove(entry());
    expect((await store.inspect(entry())).state).toBe("not-downloaded");
  });

  test("a connection dropped mid-way is retried with a Range request and the file completes", async () => {
    let dropped = 0;
    fault.current = (r) => (r.start >= CHUNK && dropped++ === 0 ? "drop" : undefined);
    const result = await downloadModel(store, entry(), { hubEndpoint: hub.endpoint });
    expect(dropped).toBeGreaterThan(1);
    expect(readFileSync(result.path).equals(MODEL)).toBe(true);
    const ranges = dataRequests().map((r) => `${r.range!.start}-${r.range!.end}`);
    const retried = ranges.filter((r, i) => ranges.indexOf(r) !== i);
    expect(retried.length).toBeGreaterThan(0);
    expect(retried.every((r) => !r.startsWith("0-"))).toBe(true);
  });

  test("an interrupted download keeps what arrived and the next attempt resumes it with Range requests", async () => {
    // First attempt: the first chunk arrives, then the server goes silent.
    fault.current = (r) => (r.start >= CHUNK ? "stall" : undefined);
    const stalled = await failure(downloadModel(store, entry(), { hubEndpoint: hub.endpoint, stallTimeoutMs: 400 }));
    expect(stalled.code).toBe("download_stalled");
    expect(stalled.message).toMatch(/^The download of Tiny Planner stalled: nothing arrived from 127\.0\.0\.1:\d+ for 400 ms\. Download it again later; it resumes from the [\d.]+ MB already here\.$/);
    const partial = await store.inspect(entry());
    expect(partial.state).toBe("partial");
    expect(partial.bytesOnDisk).toBeGreaterThanOrEqual(CHUNK);

    fault.current = undefined;
    hub.requests.length = 0;
    hub.rangedBytesSent = 0;
    const result = await downloadModel(store, entry(), { hubEndpoint: hub.endpoint });
    expect(result).toMatchObject({ resumed: true, sha256: sha256(MODEL) });
    expect(readFileSync(result.path).equals(MODEL)).toBe(true);
    const data = dataRequests();
    expect(data.length).toBeGreaterThan(0);
    expect(data.every((r) => r.range!.start >= CHUNK)).toBe(true);
    expect(hub.rangedBytesSent).toBeLessThan(MODEL.length);
  });

  test("a server that answers but sends nothing stalls before the first chunk, and the error says nothing was kept", async () => {
    // The probe (bytes 0-0) is answered; every data request gets headers and then silence.
    fault.current = (r) => (r.end > 0 ? "silent" : undefined);
    const stalled = await failure(downloadModel(store, entry(), { hubEndpoint: hub.endpoint, stallTimeoutMs: 300 }));
    expect(stalled.code).toBe("download_stalled");
    expect(stalled.message).toMatch(/^The download of Tiny Planner stalled: 127\.0\.0\.1:\d+ answered but sent nothing for 300 ms, so nothing was kept\. Try again later\.$/);
    expect(stalled.message).not.toMatch(/resumes/);
    expect((await store.inspect(entry())).state).toBe("not-downloaded");
  });

  test("a redirect loop is reported as one, not as an unreachable server", async () => {
    await hub.close();
    hub = await startHubStandIn({ [PATH]: { body: MODEL, redirectLoop: true } });
    const error = await failure(downloadModel(store, entry(), { hubEndpoint: hub.endpoint }));
    expect(error.code).toBe("redirect_loop");
    expect(error.message).toMatch(/^127\.0\.0\.1:\d+ redirected the download of Tiny Planner over and over \(more than 20 redirects, a loop\), so nothing was downloaded\./);
    expect(readdirSync(store.dir)).toEqual([]);
  });

  test("cancelling with an AbortSignal stops the download, keeps the part for later and says so", async () => {
    fault.current = (r) => (r.start >= CHUNK ? "stall" : undefined);
    const controller = new AbortController();
    let scheduled = false;
    const error = await failure(
      downloadModel(store, entry(), {
        hubEndpoint: hub.endpoint,
        signal: controller.signal,
        onProgress: (p) => {
          // Give the first chunk time to reach the disk, then cancel while the rest hangs.
          if (p.phase === "downloading" && p.bytes >= CHUNK && !scheduled) {
            scheduled = true;
            setTimeout(() => controller.abort(), 300);
          }
        },
      }),
    );
    expect(error.code).toBe("cancelled");
    expect(error.message).toMatch(/Tiny Planner was cancelled/);
    expect(existsSync(join(store.dir, "tiny-q4.gguf"))).toBe(false);
    expect((await store.inspect(entry())).state).toBe("partial");
  });

  test("cancelling while the file is being checked keeps it, and the next call only checks it", async () => {
    const controller = new AbortController();
    const error = await failure(
      downloadModel(store, entry(), {
        hubEndpoint: hub.endpoint,
        signal: controller.signal,
        onProgress: (p) => {
          if (p.phase === "verifying") controller.abort();
        },
      }),
    );
    expect(error.code).toBe("cancelled");
    expect(await store.inspect(entry())).toMatchObject({ state: "partial", bytesOnDisk: MODEL.length });

    hub.rangedBytesSent = 0;
    const result = await downloadModel(store, entry(), { hubEndpoint: hub.endpoint });
    expect(result).toMatchObject({ resumed: true, sha256: sha256(MODEL) });
    expect(hub.rangedBytesSent).toBeLessThanOrEqual(1);
  });

  test("a file whose SHA-256 does not match is deleted and the error names the model", async () => {
    const wrong = Buffer.from(MODEL);
    wrong.writeUInt8(wrong.readUInt8(MODEL.length - 10) ^ 0xff, MODEL.length - 10);
    served[PATH] = wrong;
    const error = await failure(downloadModel(store, entry(), { hubEndpoint: hub.endpoint }));
    expect(error.code).toBe("model_corrupt");
    expect(error.message).toMatch(/Tiny Planner is damaged \(its SHA-256 is [0-9a-f]{64}, expected [0-9a-f]{64}\), so it was deleted/);
    expect(readdirSync(store.dir)).toEqual([]);
    expect((await store.inspect(entry())).state).toBe("not-downloaded");
  });

  test("a file that is not GGUF v3 is deleted by the quick look, before it is hashed", async () => {
    const notGguf = Buffer.from(MODEL);
    notGguf.write("PK\u0003\u0004", 0, "latin1");
    served[PATH] = notGguf;
    const phases: string[] = [];
    const error = await failure(downloadModel(store, entry(), { hubEndpoint: hub.endpoint, onProgress: (p) => phases.push(p.phase) }));
    expect(error.code).toBe("model_corrupt");
    expect(error.message).toMatch(/Tiny Planner is damaged \(it is not a GGUF file .*\), so it was deleted/);
    expect(phases).not.toContain("verifying");
    expect(readdirSync(store.dir)).toEqual([]);
  });

  test("a file 0.8% shorter than the pinned size is refused before downloading", async () => {
    served[PATH] = MODEL.subarray(0, Math.round(MODEL.length * 0.992));
    const error = await failure(downloadModel(store, entry(), { hubEndpoint: hub.endpoint }));
    expect(error.code).toBe("size_mismatch");
    expect(error.message).toBe(
      `The server offers 12.5 MB (${served[PATH]!.length} bytes) for Tiny Planner, but the manifest pins exactly ${MODEL.length} bytes. The file may have changed upstream, so it was not downloaded.`,
    );
    expect(dataRequests()).toEqual([]);
    expect(readdirSync(store.dir)).toEqual([]);
  });

  test("a model without a pinned SHA-256 is neither downloaded nor used, and the error says why", async () => {
    const unpinned = entry({ sha256: null, unavailable: "its SHA-256 is not pinned yet" });
    const error = await failure(downloadModel(store, unpinned, { hubEndpoint: hub.endpoint }));
    expect(error.code).toBe("model_unavailable");
    expect(error.message).toBe(
      "Tiny Planner cannot be downloaded or used yet: its SHA-256 is not pinned yet. TinyAgent only uses model files it can check byte for byte. Use another model meanwhile.",
    );
    expect(hub.requests).toEqual([]);
    // Nor a file put in the folder by hand: nothing could tell it from another of the same size.
    writeFileSync(store.pathsOf(unpinned).file, MODEL);
    expect((await failure(store.ensureReady(unpinned))).code).toBe("model_unavailable");
  });

  test("not enough disk space is reported before anything is downloaded", async () => {
    const error = await failure(downloadModel(store, entry(), { hubEndpoint: hub.endpoint, freeDiskBytes: async () => 30_000_000 }));
    expect(error.code).toBe("disk_full");
    expect(error.message).toBe(
      `Not enough disk space to download Tiny Planner: it needs 76.6 MB (with 64.0 MB to spare) and ${store.dir} has 30.0 MB free. Free up space or choose another models folder.`,
    );
    expect(dataRequests()).toEqual([]);
  });

  test("a 404 from the server is a clear error", async () => {
    const error = await failure(downloadModel(store, entry({ uri: "hf:acme/Tiny-GGUF/missing.gguf" }), { hubEndpoint: hub.endpoint }));
    expect(error.code).toBe("not_found");
    expect(error.message).toBe(
      `Tiny Planner was not found at ${hub.endpoint}acme/Tiny-GGUF/resolve/main/missing.gguf?download=true (HTTP 404 Not Found). Its manifest entry may be out of date.`,
    );
    expect(readdirSync(store.dir)).toEqual([]);
  });

  test("an unreachable server fails at once instead of retrying for minutes", async () => {
    await hub.close();
    const error = await failure(downloadModel(store, entry(), { hubEndpoint: hub.endpoint }));
    expect(error.code).toBe("network");
    expect(error.message).toMatch(/^Cannot reach 127\.0\.0\.1:\d+ to download Tiny Planner \(ECONNREFUSED\)\. Check your internet connection/);
  });

  test("plain https/http URIs download the same way", async () => {
    const result = await downloadModel(store, entry({ uri: `${hub.endpoint}${PATH.slice(1)}` }), {});
    expect(readFileSync(result.path).equals(MODEL)).toBe(true);
  });
});

describe("ModelStore.ensureReady: the check before first use", () => {
  test("a model not downloaded yet is an error that says what to do", async () => {
    const error = await failure(store.ensureReady(entry()));
    expect(error.code).toBe("model_not_downloaded");
    expect(error.message).toBe("Tiny Planner is not downloaded yet: download it (12.6 MB) before using it.");
  });

  test("a file put in the folder by hand is hashed once, then trusted while unchanged", async () => {
    writeFileSync(store.pathsOf(entry()).file, MODEL);
    expect(await store.inspect(entry())).toMatchObject({ state: "downloaded", verified: false });
    expect(await store.ensureReady(entry())).toBe(store.pathsOf(entry()).file);
    expect(await store.inspect(entry())).toMatchObject({ state: "downloaded", verified: true, sha256: sha256(MODEL) });
  });

  test("a verified file changed afterwards is checked again, and deleted when it fails", async () => {
    await downloadModel(store, entry(), { hubEndpoint: hub.endpoint });
    const path = store.pathsOf(entry()).file;
    const tampered = Buffer.from(MODEL);
    tampered.writeUInt8(tampered.readUInt8(100) ^ 1, 100);
    writeFileSync(path, tampered);
    const error = await failure(store.ensureReady(entry()));
    expect(error.code).toBe("model_corrupt");
    expect(existsSync(path)).toBe(false);
  });

  test("a truncated file is reported as corrupt by a quick look and deleted before use", async () => {
    writeFileSync(store.pathsOf(entry()).file, MODEL.subarray(0, 1000));
    expect(await store.inspect(entry())).toMatchObject({ state: "corrupt", problem: `it is 1000 bytes, expected exactly ${MODEL.length}` });
    const error = await failure(store.ensureReady(entry()));
    expect(error.message).toMatch(/^The file of Tiny Planner is damaged \(it is 1000 bytes.*\), so it was deleted/);
    expect(readdirSync(store.dir)).toEqual([]);
  });
});
