import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { AgentError } from "../../src/core/errors";
import { EngineLockSchema, engineLock, isExtracted, platformLock, platformLockDigest } from "../../src/engines/engineLock";
import { isSafeRelative } from "../../src/engines/tarball";

const ROOT = join(__dirname, "../..");
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
const names = (platform: string) => platformLock(platform).packages.map((p) => p.name);

describe("assets/engine-lock.json", () => {
  test("is what scripts/engine-lock.mjs makes of package-lock.json", () => {
    // Throws (exit 1) when the lock is out of date; offline: it never fetches in --check mode.
    expect(execFileSync(process.execPath, [join(ROOT, "scripts/engine-lock.mjs"), "--check"], { encoding: "utf8" })).toContain(
      "up to date",
    );
  });

  test("pins the engines at the project's versions", () => {
    expect(engineLock().engineVersions).toEqual({
      "node-llama-cpp": pkg.dependencies["node-llama-cpp"],
      "onnxruntime-node": pkg.dependencies["onnxruntime-node"],
    });
  });

  test("each platform carries its own prebuilt llama.cpp and no other", () => {
    const binaries = (platform: string) => names(platform).filter((n) => n.startsWith("@node-llama-cpp/"));
    expect(binaries("darwin-arm64")).toEqual(["@node-llama-cpp/mac-arm64-metal"]);
    expect(binaries("darwin-x64")).toEqual(["@node-llama-cpp/mac-x64"]);
    expect(binaries("linux-x64")).toEqual(["@node-llama-cpp/linux-x64"]);
  });

  test("Intel Macs get no onnxruntime-node (1.30.0 has no binary for them)", () => {
    expect(platformLock("darwin-x64").engines).toEqual(["node-llama-cpp"]);
    expect(names("darwin-x64")).not.toContain("onnxruntime-node");
    expect(platformLock("darwin-arm64").engines).toEqual(["node-llama-cpp", "onnxruntime-node"]);
  });

  test("leaves out what only builds from source, installs or serves the CLI", () => {
    for (const platform of Object.keys(engineLock().platforms)) {
      for (const excluded of ["cmake-js", "node-addon-api", "yargs", "adm-zip", "global-agent", "@reflink/reflink"]) {
        expect(names(platform)).not.toContain(excluded);
      }
    }
  });

  test("extracts only this platform's onnxruntime binaries", () => {
    const ort = platformLock("darwin-arm64").packages.find((p) => p.name === "onnxruntime-node")!;
    expect(isExtracted("dist/index.js", ort.skip)).toBe(true);
    expect(isExtracted("bin/napi-v6/darwin/arm64/onnxruntime_binding.node", ort.skip)).toBe(true);
    expect(isExtracted("bin/napi-v6/darwin/arm64/libonnxruntime.1.dylib", ort.skip)).toBe(true);
    expect(isExtracted("bin/napi-v6/darwin/arm64/libonnxruntime.1.30.0.dylib", ort.skip)).toBe(false);
    expect(isExtracted("bin/napi-v6/linux/x64/libonnxruntime.so.1", ort.skip)).toBe(false);
    expect(isExtracted("bin/napi-v6/win32/x64/onnxruntime.dll", ort.skip)).toBe(false);
  });

  test("an unknown platform is an error that lists the known ones", () => {
    expect(() => platformLock("win32-x64")).toThrow(AgentError);
    expect(() => platformLock("win32-x64")).toThrow(/darwin-arm64/);
  });

  test("the digest changes with any package", () => {
    const entry = platformLock("linux-x64");
    const changed = { ...entry, packages: entry.packages.map((p, i) => (i === 0 ? { ...p, version: "0.0.0" } : p)) };
    expect(platformLockDigest(changed)).not.toBe(platformLockDigest(entry));
  });
});

describe("EngineLockSchema", () => {
  const base = () => structuredClone(engineLock()) as ReturnType<typeof engineLock>;
  const first = (lock: ReturnType<typeof engineLock>) => lock.platforms["linux-x64"]!.packages[0]!;

  test.each([
    ["a plain-http URL", (l: ReturnType<typeof engineLock>) => (first(l).url = first(l).url.replace("https:", "http:"))],
    ["a URL off the registry", (l: ReturnType<typeof engineLock>) => (first(l).url = "https://example.com/x.tgz")],
    ["a sha1 integrity", (l: ReturnType<typeof engineLock>) => (first(l).integrity = "sha1-2jmj7l5rSw0yVb/vlWAYkK/YBwk=")],
    ["a path outside node_modules", (l: ReturnType<typeof engineLock>) => (first(l).path = "node_modules/../../evil")],
    ["a skip rule with ..", (l: ReturnType<typeof engineLock>) => (first(l).skip = ["!../bin"])],
    ["a package listed twice", (l: ReturnType<typeof engineLock>) => l.platforms["linux-x64"]!.packages.push({ ...first(l) })],
  ])("rejects %s", (_what, spoil) => {
    const lock = base();
    spoil(lock);
    expect(EngineLockSchema.safeParse(lock).success).toBe(false);
  });

  test("accepts the bundled lock", () => {
    expect(EngineLockSchema.safeParse(base()).success).toBe(true);
  });
});

describe("paths inside a package", () => {
  test.each(["dist/index.js", "bin/napi-v6/linux/x64/libonnxruntime.so.1", "a/.hidden"])("%s is safe", (p) =>
    expect(isSafeRelative(p)).toBe(true),
  );
  test.each(["", "/etc/passwd", "../x", "a/../../x", "a//b", "a/./b", "C:/x", "a\\b", "a\0b"])("%j is not", (p) =>
    expect(isSafeRelative(p)).toBe(false),
  );
});
