import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { extractPackage } from "../../src/engines/tarball";
import { packageTarball, tarGz, type TarEntry } from "../support/tarballs";

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "tinyagent-tarball-"));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** Writes the archive and returns [tarball path, destination folder]. */
function setUp(archive: Buffer): [string, string] {
  const file = join(root, "pkg.tgz");
  writeFileSync(file, archive);
  const dest = join(root, "out", "node_modules", "pkg");
  mkdirSync(dest, { recursive: true });
  return [file, dest];
}

function listFiles(dir: string, prefix = ""): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  );
}

describe("extractPackage", () => {
  test("unpacks a package without its top folder and lists the files with sizes", async () => {
    const [file, dest] = setUp(packageTarball("pkg", "1.0.0", { "dist/index.js": "export const x = 1;\n", "README.md": "hi" }));
    const files = await extractPackage(file, dest, { label: "pkg@1.0.0" });
    expect(files.map((f) => f.path)).toEqual(["dist/index.js", "package.json", "README.md"].sort((a, b) => a.localeCompare(b)));
    expect(files.find((f) => f.path === "dist/index.js")?.size).toBe(20);
    expect(readFileSync(join(dest, "dist/index.js"), "utf8")).toBe("export const x = 1;\n");
  });

  test("skips what the rules skip and keeps what '!' keeps", async () => {
    const [file, dest] = setUp(
      packageTarball("ort", "1.0.0", {
        "dist/index.js": "",
        "bin/linux/x64/binding.node": "linux",
        "bin/darwin/arm64/binding.node": "mac",
        "script/install.js": "",
      }),
    );
    const files = await extractPackage(file, dest, { label: "ort@1.0.0", skip: ["bin/", "script/", "!bin/linux/x64/"] });
    expect(files.map((f) => f.path).sort()).toEqual(["bin/linux/x64/binding.node", "dist/index.js", "package.json"]);
    expect(listFiles(dest).sort()).toEqual(["bin/linux/x64/binding.node", "dist/index.js", "package.json"]);
  });

  test("a kept path the tarball lacks is an error (no binary for this platform)", async () => {
    const [file, dest] = setUp(packageTarball("ort", "1.0.0", { "bin/linux/x64/binding.node": "linux" }));
    await expect(extractPackage(file, dest, { label: "ort@1.0.0", skip: ["bin/", "!bin/darwin/x64/"] })).rejects.toThrow(
      "The engine package ort@1.0.0 has no bin/darwin/x64/ for this platform.",
    );
  });

  test.each<[string, TarEntry]>([
    ["a path climbing out with ..", { path: "package/../../evil.js", content: "pwned" }],
    ["an absolute path", { path: "/tmp/tinyagent-evil.js", content: "pwned" }],
    ["a symbolic link", { path: "package/link", type: "2", linkname: "/etc/passwd" }],
    ["a hard link", { path: "package/hard", type: "1", linkname: "package/package.json" }],
  ])("refuses %s and writes nothing outside the package", async (_what, evil) => {
    const [file, dest] = setUp(tarGz([{ path: "package/package.json", content: "{}" }, evil]));
    await expect(extractPackage(file, dest, { label: "evil@6.6.6" })).rejects.toMatchObject({
      name: "AgentError",
      message: expect.stringContaining("evil@6.6.6"),
    });
    // Only the package.json that came before the bad entry; nothing beside or above the package.
    expect(listFiles(join(root, "out"))).toEqual(["node_modules/pkg/package.json"]);
    expect(existsSync(join(root, "evil.js"))).toBe(false);
    expect(existsSync("/tmp/tinyagent-evil.js")).toBe(false);
  });

  test("a tarball without package.json is refused", async () => {
    const [file, dest] = setUp(tarGz([{ path: "package/index.js", content: "" }]));
    await expect(extractPackage(file, dest, { label: "bare@1.0.0" })).rejects.toThrow("has no package.json");
  });

  test("a file that is not a gzip tarball is an error naming the package", async () => {
    const [file, dest] = setUp(Buffer.from("<html>503 Service Unavailable</html>"));
    await expect(extractPackage(file, dest, { label: "pkg@1.0.0" })).rejects.toMatchObject({
      code: "engine_unpack",
      message: expect.stringContaining("pkg@1.0.0"),
    });
  });
});
