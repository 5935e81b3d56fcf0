import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AgentError } from "../../src/core/errors";
import { ensureEngines, markIfDamaged, reinstallEngines, type InstallProgress } from "../../src/engines/engineInstaller";
import { MARKER_FILE, verifyInstallation } from "../../src/engines/engineLayout";
import { fakeLock, fakePackage, startFakeRegistry, type FakePackage, type FakeRegistry } from "../support/fakeRegistry";

// The installer against a local stand-in registry serving small fake packages: the same code path
// as the real install (tests/engines/realEngines.test.ts), fast and offline, with failures on demand.

const PLATFORM = "test-x64";
const PACKAGES: FakePackage[] = [
  fakePackage("node_modules/node-llama-cpp", { "dist/index.js": 'import dep from "dep"; export const hello = "llama " + dep;\n' }),
  fakePackage("node_modules/dep", { "index.js": 'export default "dep 1";\n' }),
  // The same tarball at two paths, as chalk is in the real tree.
  fakePackage("node_modules/node-llama-cpp/node_modules/dep", { "index.js": 'export default "dep 1";\n' }),
  fakePackage(
    "node_modules/@scope/native",
    { "bin/test/x64/addon.node": Buffer.alloc(3000, 7), "bin/other/arm64/addon.node": Buffer.alloc(5000, 9) },
    {
      skip: ["bin/", "!bin/test/x64/"],
    },
  ),
];
const LOCK = fakeLock(PACKAGES, PLATFORM, ["node-llama-cpp"]);

let registry: FakeRegistry;
let dir: string;
const options = (extra: Record<string, unknown> = {}) => ({ platform: PLATFORM, lock: LOCK, registry: registry.url, ...extra });

beforeEach(async () => {
  registry = await startFakeRegistry(PACKAGES);
  dir = mkdtempSync(join(tmpdir(), "tinyagent-engines-"));
});
afterEach(async () => {
  await registry.close();
  rmSync(dir, { recursive: true, force: true });
});

const listDir = (path: string) => readdirSync(path).sort();

describe("ensureEngines", () => {
  test("lays out the locked tree, marker last, and reports progress to the end", async () => {
    const events: InstallProgress[] = [];
    const outcome = await ensureEngines(dir, options({ onProgress: (p: InstallProgress) => events.push(p) }));

    expect(outcome).toMatchObject({ installed: true, reason: "no finished installation", platform: PLATFORM });
    expect(listDir(dir)).toEqual(["node_modules"]);
    expect(listDir(join(dir, "node_modules"))).toEqual([MARKER_FILE, "@scope", "dep", "node-llama-cpp"].sort());
    expect(readFileSync(join(dir, "node_modules/node-llama-cpp/node_modules/dep/index.js"), "utf8")).toContain("dep 1");
    expect(listDir(join(dir, "node_modules/@scope/native/bin"))).toEqual(["test"]);
    expect(Object.keys(outcome.marker.files)).toContain("node_modules/@scope/native/bin/test/x64/addon.node");

    const last = events.at(-1)!;
    expect(last).toMatchObject({ phase: "done", packagesDone: 4, packagesTotal: 4 });
    expect(last.bytesDone).toBe(last.bytesTotal);
    // Three distinct tarballs, each fetched once.
    expect(registry.requests).toHaveLength(3);
    expect(events.map((e) => e.phase).filter((p, i, a) => p !== a[i - 1])).toEqual(["downloading", "finishing", "done"]);
  });

  test("a whole installation is left alone", async () => {
    await ensureEngines(dir, options());
    const before = statSync(join(dir, "node_modules", MARKER_FILE)).mtimeMs;
    const again = await ensureEngines(dir, options());
    expect(again.installed).toBe(false);
    expect(statSync(join(dir, "node_modules", MARKER_FILE)).mtimeMs).toBe(before);
    expect(registry.requests).toHaveLength(3);
  });

  test.each<[string, (dir: string) => void, string]>([
    ["a missing marker (killed before it was written)", (d) => rmSync(join(d, "node_modules", MARKER_FILE)), "no finished installation"],
    ["a deleted file", (d) => rmSync(join(d, "node_modules/dep/index.js")), "node_modules/dep/index.js is missing"],
    ["a truncated file", (d) => writeFileSync(join(d, "node_modules/@scope/native/bin/test/x64/addon.node"), "x"), "has changed"],
    [
      "a marker for other versions",
      (d) => {
        const path = join(d, "node_modules", MARKER_FILE);
        writeFileSync(path, JSON.stringify({ ...JSON.parse(readFileSync(path, "utf8")), digest: "0".repeat(64) }));
      },
      "other engine versions",
    ],
    ["a garbled marker", (d) => writeFileSync(join(d, "node_modules", MARKER_FILE), "{"), "unreadable"],
  ])("repairs %s", async (_what, damage, reason) => {
    await ensureEngines(dir, options());
    damage(dir);
    const outcome = await ensureEngines(dir, options());
    expect(outcome.installed).toBe(true);
    expect(outcome.reason).toContain(reason);
    expect((await verifyInstallation(dir, PLATFORM, LOCK.platforms[PLATFORM]!, "hashes")).ok).toBe(true);
    expect(listDir(dir)).toEqual(["node_modules"]);
  });

  test("a same-size change is caught by hashes, and markIfDamaged makes the next start reinstall", async () => {
    await ensureEngines(dir, options());
    const file = join(dir, "node_modules/@scope/native/bin/test/x64/addon.node");
    const bytes = readFileSync(file);
    bytes[100] = bytes[100]! ^ 0xff;
    writeFileSync(file, bytes);
    expect((await verifyInstallation(dir, PLATFORM, LOCK.platforms[PLATFORM]!, "sizes")).ok).toBe(true);
    expect(await markIfDamaged(dir, options())).toContain("addon.node has changed");
    const outcome = await ensureEngines(dir, options());
    expect(outcome).toMatchObject({ installed: true, reason: "no finished installation" });
    expect(readFileSync(file)[100]).toBe(7);
  });

  test("leftovers of a killed install are cleared", async () => {
    mkdirSync(join(dir, ".staging-abc123/node_modules/dep"), { recursive: true });
    mkdirSync(join(dir, "node_modules/dep"), { recursive: true });
    writeFileSync(join(dir, "node_modules/dep/half-written.js"), "");
    const outcome = await ensureEngines(dir, options());
    expect(outcome.installed).toBe(true);
    expect(listDir(dir)).toEqual(["node_modules"]);
    expect(existsSync(join(dir, "node_modules/dep/half-written.js"))).toBe(false);
  });

  test("a tampered tarball is refused with the package named, and nothing is extracted", async () => {
    registry.tamper("@scope/native");
    const attempt = ensureEngines(dir, options());
    await expect(attempt).rejects.toBeInstanceOf(AgentError);
    await expect(attempt).rejects.toMatchObject({
      code: "engine_integrity",
      message: expect.stringMatching(/^The download of @scope\/native@1\.0\.0 does not match its pinned checksum/),
    });
    // No tree, no staging folder, no download, no lock left behind.
    expect(listDir(dir)).toEqual([]);
  });

  test("a tampered tarball does not replace a working installation", async () => {
    await ensureEngines(dir, options());
    registry.tamper("dep");
    await expect(reinstallEngines(dir, options())).rejects.toMatchObject({
      code: "engine_integrity",
      message: expect.stringContaining("dep@1.0.0"),
    });
    expect(listDir(dir)).toEqual(["node_modules"]);
    expect((await verifyInstallation(dir, PLATFORM, LOCK.platforms[PLATFORM]!, "hashes")).ok).toBe(true);
  });

  test("an interrupted download leaves nothing, and the next start installs", async () => {
    registry.stall("node-llama-cpp");
    const controller = new AbortController();
    const attempt = ensureEngines(dir, options({ signal: controller.signal }));
    setTimeout(() => controller.abort(), 200);
    await expect(attempt).rejects.toThrow();
    expect(listDir(dir)).toEqual([]);

    await registry.close();
    registry = await startFakeRegistry(PACKAGES);
    expect((await ensureEngines(dir, options())).installed).toBe(true);
  });

  test("a connection dropped mid-download is retried", async () => {
    registry.dropOnce("dep");
    const events: InstallProgress[] = [];
    expect((await ensureEngines(dir, options({ onProgress: (p: InstallProgress) => events.push(p) }))).installed).toBe(true);
    expect(registry.requests.filter((r) => r === "/dep/-/dep-1.0.0.tgz")).toHaveLength(2);
    // The bytes of the broken attempt are not counted twice.
    expect(events.at(-1)!.bytesDone).toBe(events.at(-1)!.bytesTotal);
  });

  test("a registry that goes silent is given up after the stall timeout, retried, then reported as stalled", async () => {
    registry.silence("dep");
    const events: InstallProgress[] = [];
    const started = Date.now();
    const error = await ensureEngines(dir, options({ stallTimeoutMs: 150, onProgress: (p: InstallProgress) => events.push(p) })).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AgentError);
    expect(error).toMatchObject({ code: "engine_download_stalled" });
    expect((error as Error).message).toMatch(
      /^The download of dep@1\.0\.0 from 127\.0\.0\.1:\d+ stalled: nothing arrived for 150 ms \(after 3 attempts\)\. The server, or something between it and this Mac, stopped sending; try again later\.$/,
    );
    expect((error as Error).message).not.toMatch(/internet connection/);
    expect(registry.requests.filter((r) => r === "/dep/-/dep-1.0.0.tgz")).toHaveLength(3);
    // Three 150 ms stalls and two short pauses, not undici's 300 s each.
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(listDir(dir)).toEqual([]);
  });

  test("a download that stalls part-way is retried and completes, its bytes counted once", async () => {
    // The first attempt gets 16 bytes, then nothing; the second gets the whole tarball.
    registry.stallOnce("dep");
    const events: InstallProgress[] = [];
    expect((await ensureEngines(dir, options({ stallTimeoutMs: 150, onProgress: (p: InstallProgress) => events.push(p) }))).installed).toBe(
      true,
    );
    expect(registry.requests.filter((r) => r === "/dep/-/dep-1.0.0.tgz")).toHaveLength(2);
    expect(events.at(-1)!.bytesDone).toBe(events.at(-1)!.bytesTotal);
  });

  test("a redirect loop is named as such, not blamed on the connection, and not retried", async () => {
    registry.redirectLoop("dep");
    const error = await ensureEngines(dir, options()).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: "engine_download_redirects" });
    expect((error as Error).message).toMatch(
      /^Could not download dep@1\.0\.0: 127\.0\.0\.1:\d+ redirected it over and over \(more than 20 redirects, a loop\)\./,
    );
    // One fetch follows 20 redirects: 21 requests, and no second attempt.
    expect(registry.requests.filter((r) => r === "/dep/-/dep-1.0.0.tgz")).toHaveLength(21);
    expect(listDir(dir)).toEqual([]);
  });

  test.each([
    ["announced by its Content-Length", true],
    ["found while it streams", false],
  ])("a tarball larger than its lock says is refused, %s, and not retried", async (_, announce) => {
    registry.oversize("dep", { announce });
    const error = await ensureEngines(dir, options()).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: "engine_download_too_large" });
    const size = LOCK.platforms[PLATFORM]!.packages.find((p) => p.name === "dep")!.size;
    expect((error as Error).message).toMatch(
      new RegExp(
        `^127\\.0\\.0\\.1:\\d+ sent (\\d+ bytes, )?more than the ${size} bytes pinned for dep@1\\.0\\.0, so it is not that package\\. Nothing was installed`,
      ),
    );
    expect(registry.requests.filter((r) => r === "/dep/-/dep-1.0.0.tgz")).toHaveLength(1);
    expect(listDir(dir)).toEqual([]);
  });

  test("a registry that answers 404 is an error naming the package, not retried", async () => {
    const lock = fakeLock([...PACKAGES, fakePackage("node_modules/absent")], PLATFORM, ["node-llama-cpp"]);
    const server = await startFakeRegistry(PACKAGES); // serves all but "absent"
    try {
      await expect(ensureEngines(dir, { platform: PLATFORM, lock, registry: server.url })).rejects.toMatchObject({
        code: "engine_download",
        message: expect.stringContaining("absent@1.0.0"),
      });
      expect(server.requests.filter((r) => r.includes("absent"))).toHaveLength(1);
    } finally {
      await server.close();
    }
    expect(listDir(dir)).toEqual([]);
  });

  test("two installers at once: one installs, the other waits and finds it done", async () => {
    const waits: string[] = [];
    const [a, b] = await Promise.all([
      ensureEngines(dir, options({ onWait: () => waits.push("a") })),
      ensureEngines(dir, options({ onWait: () => waits.push("b") })),
    ]);
    expect([a.installed, b.installed].sort()).toEqual([false, true]);
    expect(waits).toHaveLength(1);
    expect(registry.requests).toHaveLength(3);
  });

  test("a lock left by a killed installer is taken over once stale", async () => {
    mkdirSync(dir, { recursive: true });
    const lockFile = join(dir, ".install.lock");
    writeFileSync(lockFile, "{}");
    const old = new Date(Date.now() - 120_000);
    utimesSync(lockFile, old, old);
    expect((await ensureEngines(dir, options())).installed).toBe(true);
    expect(existsSync(lockFile)).toBe(false);
  });

  test("a download cache is filled once and reused, checked again on use", async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), "tinyagent-engine-cache-"));
    try {
      await ensureEngines(dir, options({ cacheDir }));
      expect(readdirSync(cacheDir)).toHaveLength(3);
      const fetched = registry.requests.length;
      await reinstallEngines(dir, options({ cacheDir }));
      expect(registry.requests).toHaveLength(fetched);

      // A corrupted cache entry is thrown away and downloaded again.
      const entry = join(cacheDir, readdirSync(cacheDir)[0]!);
      writeFileSync(entry, "garbage");
      await reinstallEngines(dir, options({ cacheDir }));
      expect(registry.requests).toHaveLength(fetched + 1);
      expect((await verifyInstallation(dir, PLATFORM, LOCK.platforms[PLATFORM]!, "hashes")).ok).toBe(true);
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });
});
