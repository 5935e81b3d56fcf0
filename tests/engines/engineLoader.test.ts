import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadNodeLlamaCpp, loadOnnxRuntime, prepareEngines, useEngineDirectory, useProjectEngines } from "../../src/engines/engineLoader";
import { MARKER_FILE } from "../../src/engines/engineLayout";
import { fakeLock, fakePackage, startFakeRegistry, type FakeRegistry } from "../support/fakeRegistry";

// The loader in engine-folder mode, with fake engine packages from a stand-in registry: it installs
// on first use, imports from the folder (and the folder's dependencies resolve there), and turns
// failures into errors for people. The real engines are loaded in tests/engines/realEngines.test.ts.

const PLATFORM = "test-x64";
const llamaFiles = (body: string) => ({ "dist/index.js": body });

let registry: FakeRegistry | undefined;
let dir: string;
beforeEach(() => {
  // A space in the path, as in ~/Library/Application Support.
  dir = mkdtempSync(join(tmpdir(), "tinyagent loader-"));
});
afterEach(async () => {
  useProjectEngines();
  await registry?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function serve(llamaIndex: string) {
  const packages = [
    fakePackage("node_modules/node-llama-cpp", llamaFiles(llamaIndex)),
    fakePackage("node_modules/dep", { "index.js": 'export default "from the folder";\n' }),
  ];
  registry = await startFakeRegistry(packages);
  return fakeLock(packages, PLATFORM, ["node-llama-cpp"]);
}

test("installs on first use, then imports the engine from the folder", async () => {
  const lock = await serve('import dep from "dep"; export const origin = dep;\n');
  const progress: string[] = [];
  useEngineDirectory(dir, { platform: PLATFORM, lock, registry: registry!.url, onProgress: (p) => progress.push(p.phase) });

  const llama = (await loadNodeLlamaCpp()) as unknown as { origin: string };
  expect(llama.origin).toBe("from the folder");
  expect(progress.at(-1)).toBe("done");
  expect(existsSync(join(dir, "node_modules", MARKER_FILE))).toBe(true);
  // Memoized: the same module, no second install.
  expect(await loadNodeLlamaCpp()).toBe(llama);
  expect((await prepareEngines())?.installed).toBe(true);
});

test("an engine the platform has no build of is an error saying so", async () => {
  const lock = await serve("export const x = 1;\n");
  useEngineDirectory(dir, { platform: PLATFORM, lock, registry: registry!.url });
  await expect(loadOnnxRuntime()).rejects.toMatchObject({
    code: "engine_unavailable",
    message: expect.stringContaining("onnxruntime-node has no build for test-x64"),
  });
});

test("a load failure on a damaged folder removes the marker so the next start reinstalls", async () => {
  const lock = await serve("export const x = 1;\n");
  useEngineDirectory(dir, { platform: PLATFORM, lock, registry: registry!.url });
  await prepareEngines();
  // Same size, different bytes: only a hash check sees it; the import then fails.
  const index = join(dir, "node_modules/node-llama-cpp/dist/index.js");
  writeFileSync(index, readFileSync(index, "utf8").replace("export const x = 1;", "throw new Error(1);"));
  await expect(loadNodeLlamaCpp()).rejects.toMatchObject({ code: "engine_load", message: expect.stringContaining("is damaged") });
  expect(existsSync(join(dir, "node_modules", MARKER_FILE))).toBe(false);
});

test("a failed install can be retried by the next load", async () => {
  const lock = await serve("export const x = 2;\n");
  registry!.tamper("dep");
  useEngineDirectory(dir, { platform: PLATFORM, lock, registry: registry!.url });
  await expect(loadNodeLlamaCpp()).rejects.toMatchObject({ code: "engine_integrity" });

  await registry!.close();
  registry = await startFakeRegistry([
    fakePackage("node_modules/node-llama-cpp", llamaFiles("export const x = 2;\n")),
    fakePackage("node_modules/dep", { "index.js": 'export default "from the folder";\n' }),
  ]);
  useEngineDirectory(dir, { platform: PLATFORM, lock, registry: registry.url });
  expect(((await loadNodeLlamaCpp()) as unknown as { x: number }).x).toBe(2);
});
