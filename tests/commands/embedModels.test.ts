import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { embedModels } from "../../scripts/embed-models";

const planner = (id: string, uri: string) => ({
  id,
  title: id,
  role: "planner",
  uri,
  format: "gguf",
  bytes: 4,
  sha256: "0".repeat(64),
  license: "MIT",
  promptFormat: "compact",
  chatTemplate: { kind: "none" },
  contextSize: 2048,
  threads: 1,
  gpuLayers: 0,
});

describe("embed-models (what `npm run build` copies into assets/models)", () => {
  test("copies the embedded models and the example bank, not the downloadable ones; starts afresh", () => {
    const models = mkdtempSync(join(tmpdir(), "tinyagent-embed-"));
    const target = join(models, "..", `${models.split("/").pop()}-assets`);
    mkdirSync(join(models, "sub"));
    writeFileSync(join(models, "sub", "tiny.gguf"), "GGUF");
    writeFileSync(join(models, "example-bank.jsonl"), '{"query":"q","plan":"1. join()"}\n');
    writeFileSync(
      join(models, "manifest.json"),
      JSON.stringify({ models: [planner("tiny", "sub/tiny.gguf"), planner("big", "hf:a/b/big.gguf")] }),
    );
    mkdirSync(target, { recursive: true });
    writeFileSync(join(target, "stale.gguf"), "old");
    expect(embedModels(models, target)).toEqual(["sub/tiny.gguf", "example-bank.jsonl"]);
    expect(readFileSync(join(target, "sub", "tiny.gguf"), "utf8")).toBe("GGUF");
    expect(readdirSync(target).sort()).toEqual(["example-bank.jsonl", "sub"]);
    expect(existsSync(join(target, "stale.gguf"))).toBe(false);
  });

  test("an embedded model missing from models/ fails the build", () => {
    const models = mkdtempSync(join(tmpdir(), "tinyagent-embed-"));
    writeFileSync(join(models, "manifest.json"), JSON.stringify({ models: [planner("tiny", "tiny.gguf")] }));
    expect(() => embedModels(models, join(models, "out"))).toThrow(/not in .*: tiny.gguf/);
  });

  test("the project's own manifest: every file it ships is copied, and the folder exists even when none is", () => {
    const target = join(mkdtempSync(join(tmpdir(), "tinyagent-embed-out-")), "models");
    const files = embedModels(join(__dirname, "..", "..", "models"), target);
    expect(existsSync(target)).toBe(true);
    for (const f of files) expect(existsSync(join(target, f))).toBe(true);
  });
});
