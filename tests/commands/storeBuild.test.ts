import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildProblems, shippedFiles } from "../../scripts/check-build";

// The store builds with `npm ci && ray build -e dist` — no npm scripts — and `ray build` ships
// assets/ as it is in the repository. So the models must be committed there; .ci/run builds that
// way and runs scripts/check-build.ts on dist. These tests check the same rules without a build.

const ROOT = join(__dirname, "..", "..");
const MODELS = join(ROOT, "assets", "models");

describe("what the store's build carries", () => {
  test("every model the manifest ships is committed under assets/ (what ray build copies), and nothing else is there", () => {
    const files = shippedFiles(MODELS);
    expect(files).toEqual(
      expect.arrayContaining([
        "manifest.json",
        "example-bank.jsonl",
        "planner.gguf",
        "value-tagger.onnx",
        "value-tagger.json",
        "toolrag-classifier.onnx",
        "toolrag-classifier.json",
      ]),
    );
    const tracked = execFileSync("git", ["ls-files", "assets/models"], { cwd: ROOT, encoding: "utf8" }).trim().split("\n");
    expect(tracked.map((f) => f.slice("assets/models/".length)).sort()).toEqual([...files].sort());
    expect(buildProblems(MODELS, MODELS)).toEqual([]);
  });

  test("a build missing a model, carrying a different one or a stale file is refused, each named", () => {
    const shipped = join(mkdtempSync(join(tmpdir(), "tinyagent-build-")), "models");
    try {
      cpSync(MODELS, shipped, { recursive: true });
      rmSync(join(shipped, "value-tagger.onnx"));
      const planner = readFileSync(join(shipped, "planner.gguf"));
      planner.writeUInt8(planner.readUInt8(planner.length - 1) ^ 1, planner.length - 1);
      writeFileSync(join(shipped, "planner.gguf"), planner);
      writeFileSync(join(shipped, "old-planner.gguf"), "GGUF");
      expect(buildProblems(MODELS, shipped)).toEqual([
        "planner.gguf differs from the project's",
        "value-tagger.onnx is missing",
        "old-planner.gguf is not in the manifest",
      ]);
    } finally {
      rmSync(join(shipped, ".."), { recursive: true, force: true });
    }
  });
});
