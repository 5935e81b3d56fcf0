import { createHash } from "node:crypto";
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { renderChatTemplate, type TextChatTemplate } from "../../../src/agent/prompt/chatTemplate";
import { defaultModel, findModel, loadManifest, parseManifest } from "../../../src/agent/models/manifest";
import { isEmbedded, ModelStore } from "../../../src/agent/models/modelStore";
import { parseModelUri } from "../../../src/agent/models/modelUri";
import { ggufFixture, sha256 } from "../../support/hubStandIn";
import { ENGINE_MODULES } from "../../../src/engines/engineLoader";

const MODELS_DIR = join(__dirname, "../../../assets/models");
const ALPACA = "### Instruction:\n{system}\n\n### Input:\n{user}\n\n### Response:\n";

const planner = (overrides: Record<string, unknown> = {}) => ({
  id: "p",
  title: "P",
  role: "planner",
  uri: "hf:o/r/p.gguf",
  format: "gguf",
  bytes: 100,
  sha256: "b".repeat(64),
  license: "MIT",
  promptFormat: "tinyagent",
  chatTemplate: { kind: "gguf" },
  contextSize: 2048,
  threads: 2,
  gpuLayers: "auto",
  ...overrides,
});

function problemsOf(json: unknown): string {
  try {
    parseManifest(json, "test.json");
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("the manifest was accepted");
}

describe("assets/models/manifest.json", () => {
  test("the default planner and tagger ship in models/: a fresh install plans with no download", () => {
    const manifest = loadManifest();
    const planner = defaultModel(manifest, "planner")!;
    expect(planner).toMatchObject({ id: "tinyagent-embedded-planner", uri: "planner.gguf", promptFormat: "compact", gpuLayers: 0 });
    expect(defaultModel(manifest, "tagger")).toMatchObject({ id: "value-tagger", uri: "value-tagger.onnx", sidecar: "value-tagger.json" });
    for (const entry of [planner, defaultModel(manifest, "tagger")!, defaultModel(manifest, "classifier")!]) expect(isEmbedded(entry)).toBe(true);
    // The budget for what ships: tagger and planner together at most 40 MB.
    expect(planner.bytes + defaultModel(manifest, "tagger")!.bytes).toBeLessThanOrEqual(40_000_000);
  });

  test("a tagger needs its sidecar", () => {
    const tagger = { id: "t", title: "T", role: "tagger", uri: "t.onnx", format: "onnx", bytes: 1, sha256: "a".repeat(64), license: "MIT" };
    expect(problemsOf({ models: [tagger] })).toMatch(/models\[0\] \(t\)\.sidecar: is missing/);
    expect(() => parseManifest({ models: [{ ...tagger, sidecar: "t.json" }] }, "test.json")).not.toThrow();
  });

  test("lists the TinyAgent planners with the Alpaca-style template", () => {
    const manifest = loadManifest();
    expect(manifest.models.map((m) => m.id)).toEqual(expect.arrayContaining(["tinyagent-1.1b-q4_k_m", "tinyagent-7b-q4_k_m"]));
    const small = findModel(manifest, "tinyagent-1.1b-q4_k_m");
    expect(small).toMatchObject({
      role: "planner",
      uri: "hf:squeeze-ai-lab/TinyAgent-1.1B-GGUF/TinyAgent-1.1B-Q4_K_M.gguf",
      promptFormat: "tinyagent",
      chatTemplate: { kind: "text", text: ALPACA },
      license: "MIT",
    });
    expect(findModel(manifest, "tinyagent-7b-q4_k_m")).toMatchObject({ uri: "hf:squeeze-ai-lab/TinyAgent-7B-GGUF/TinyAgent-7B-Q4_K_M.gguf" });
    expect(defaultModel(manifest, "planner")?.id).toBeDefined();
  });

  test("every model it downloads has its SHA-256 and exact size pinned (the hub's LFS object id), or is marked unavailable", () => {
    const manifest = loadManifest();
    // https://huggingface.co/squeeze-ai-lab/TinyAgent-1.1B-GGUF/commit/0712fcae63a9ef72f66a59e5448294f1a02811cc
    expect(findModel(manifest, "tinyagent-1.1b-q4_k_m")).toMatchObject({
      sha256: "374a3e82afe32587a0a1dab7a0ed56a6547b90ce1cc1fb8382f7c56cc1f92fc9",
      bytes: 667814880,
    });
    expect(findModel(manifest, "tinyagent-7b-q4_k_m")).toMatchObject({ sha256: null, unavailable: expect.any(String) });
    for (const entry of manifest.models.filter((m) => !isEmbedded(m))) {
      expect(entry.sha256 !== null || entry.unavailable !== undefined).toBe(true);
    }
  });

  test("every model shipped in models/ is there with the size and SHA-256 the manifest gives", () => {
    const store = new ModelStore(tmpdir(), MODELS_DIR, ENGINE_MODULES);
    for (const entry of loadManifest().models.filter(isEmbedded)) {
      const bytes = readFileSync(store.pathsOf(entry).file);
      expect({ id: entry.id, bytes: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex") }).toEqual({
        id: entry.id,
        bytes: entry.bytes,
        sha256: entry.sha256,
      });
    }
  });
});

describe("parseManifest", () => {
  test("fills defaults and accepts every URI kind", () => {
    const manifest = parseManifest(
      {
        models: [
          planner(),
          planner({ id: "q", uri: "https://example.org/q.gguf", default: true }),
          { id: "c", title: "C", role: "classifier", uri: "classifier/c.onnx", format: "onnx", bytes: 5, sha256: "a".repeat(64), license: "MIT", sidecar: "c.json" },
        ],
      },
      "t",
    );
    expect(manifest.models.map((m) => m.default)).toEqual([false, true, false]);
    expect(defaultModel(manifest, "planner")?.id).toBe("q");
    expect(defaultModel(manifest, "classifier")).toBeUndefined();
  });

  test("a bad manifest is one error listing every problem, with the model it concerns", () => {
    const message = problemsOf({
      models: [
        planner({ sha256: "ABC" }),
        planner({ chatTemplate: { kind: "text", text: "{user} then {system}" } }),
        planner({ id: "x", uri: "hf:o/r", default: true }),
        planner({ id: "y", default: true, extra: 1 }),
        { ...planner({ id: "z", uri: "../z.gguf", sha256: null }) },
        { id: "o", title: "O", role: "classifier", uri: "hf:o/r/o.onnx", format: "onnx", bytes: 1, sha256: null, license: "MIT", sidecar: "o.json" },
        planner({ id: "u", uri: "u.gguf", sha256: null, unavailable: "not yet" }),
      ],
    });
    expect(message.split("\n")[0]).toBe("The model manifest test.json is not valid:");
    expect(message).toContain("models[0] (p).sha256: must be 64 lowercase hex digits");
    expect(message).toContain('models[1] (p).chatTemplate.text: must contain "{system}" once, then "{user}" once');
    expect(message).toContain("models[2] (x).uri: a Hugging Face URI names a file: hf:owner/repo/path/file.gguf (optionally #branch)");
    expect(message).toMatch(/models\[3\] \(y\).*extra/);
    expect(message).toContain("models[4] (z).uri: an embedded model is a relative path inside models/");
    expect(message).toContain("models[5] (o).sha256: is required for a downloaded model");
    expect(message).toContain("models[6] (u).sha256: is required for a model shipped in models/");
    expect(message).toContain('models[1] (p).id: "p" is used by another model');
    expect(message).toContain("models: more than one default planner: x, y");
  });

  test("a downloaded model must have its SHA-256, or say in `unavailable` why it has none (and is not downloaded)", () => {
    expect(problemsOf({ models: [planner({ sha256: null })] })).toContain(
      'models[0] (p).sha256: is required for a downloaded model (a wrong file of the same size would pass without it); without one, say why in "unavailable" and it is not downloaded',
    );
    expect(() => parseManifest({ models: [planner({ sha256: null, unavailable: "no hash published" })] }, "t")).not.toThrow();
    expect(problemsOf({ models: [planner({ unavailable: "no hash published" })] })).toContain(
      "models[0] (p).unavailable: is only for a model without a SHA-256: this one has one",
    );
  });

  test("a model shipped in models/ must have its SHA-256", () => {
    expect(problemsOf({ models: [planner({ uri: "planner/p.gguf", sha256: null })] })).toContain("models[0] (p).sha256: is required for a model shipped in models/");
  });

  test("an hf: URI must name a real owner, repository and a relative file", () => {
    const message = problemsOf({
      models: [
        planner({ id: "a", uri: "hf:../R/x.gguf" }),
        planner({ id: "b", uri: "hf:O/../x.gguf" }),
        planner({ id: "c", uri: "hf:O/R/../../x.gguf" }),
      ],
    });
    expect(message).toContain("models[0] (a).uri: a Hugging Face URI names a file: hf:owner/repo/path/file.gguf (optionally #branch); the owner is not a valid name");
    expect(message).toContain("models[1] (b).uri: a Hugging Face URI names a file: hf:owner/repo/path/file.gguf (optionally #branch); the repository is not a valid name");
    expect(message).toContain("models[2] (c).uri: a Hugging Face URI names a file: hf:owner/repo/path/file.gguf (optionally #branch); the file path must be relative");
  });

  test("a value that is not a manifest at all", () => {
    expect(problemsOf([])).toMatch(/^The model manifest test.json is not valid:\n {2}- the manifest: expected object/);
  });
});

describe("renderChatTemplate", () => {
  const template: TextChatTemplate = { kind: "text", text: ALPACA };

  test("puts the system text and the user turn in the Alpaca-style layout", () => {
    expect(renderChatTemplate(template, { system: "SYS", user: "Question: hi" })).toBe(
      "### Instruction:\nSYS\n\n### Input:\nQuestion: hi\n\n### Response:\n",
    );
  });

  test("leaves placeholders inside the filled-in text alone", () => {
    expect(renderChatTemplate(template, { system: "a {user} b", user: "{system}" })).toBe(
      "### Instruction:\na {user} b\n\n### Input:\n{system}\n\n### Response:\n",
    );
  });
});

describe("ModelStore with embedded models", () => {
  const dir = mkdtempSync(join(tmpdir(), "tinyagent-embedded-"));
  mkdirSync(join(dir, "planner"));
  const file = ggufFixture(4096, 3);
  writeFileSync(join(dir, "planner", "tiny.gguf"), file);
  const manifest = parseManifest(
    {
      models: [
        planner({ id: "tiny", uri: "planner/tiny.gguf", bytes: file.length, sha256: sha256(file) }),
        planner({ id: "gone", uri: "planner/gone.gguf", bytes: 10, sha256: "0".repeat(64) }),
        planner({ id: "short", uri: "planner/tiny.gguf", bytes: 5000, sha256: "0".repeat(64) }),
      ],
    },
    "t",
  );
  const store = new ModelStore(join(dir, "downloads"), dir, ENGINE_MODULES);

  test("reports them embedded, missing or corrupt, and never deletes them", async () => {
    const [tiny, gone, short] = manifest.models as [(typeof manifest.models)[0], (typeof manifest.models)[0], (typeof manifest.models)[0]];
    expect(await store.inspect(tiny)).toMatchObject({ state: "embedded", path: join(dir, "planner", "tiny.gguf"), verified: true });
    expect(await store.ensureReady(tiny)).toBe(join(dir, "planner", "tiny.gguf"));
    expect(await store.inspect(gone)).toMatchObject({ state: "missing" });
    await expect(store.ensureReady(gone)).rejects.toMatchObject({ code: "model_missing" });
    expect(await store.inspect(short)).toMatchObject({ state: "corrupt", problem: "it is 4096 bytes, expected exactly 5000" });
    await expect(store.ensureReady(short)).rejects.toMatchObject({ code: "model_corrupt", message: expect.stringMatching(/Reinstall TinyAgent/) });
    expect(readFileSync(join(dir, "planner", "tiny.gguf")).equals(file)).toBe(true);
  });
});

describe("parseModelUri", () => {
  test.each([
    ["hf:o/r/f.gguf", { kind: "hf", owner: "o", repo: "r", path: "f.gguf", branch: "main" }],
    ["hf:o/r/sub/f.gguf#dev", { kind: "hf", owner: "o", repo: "r", path: "sub/f.gguf", branch: "dev" }],
    ["https://x.org/f.gguf", { kind: "url", url: "https://x.org/f.gguf" }],
    ["planner/p.gguf", { kind: "embedded", path: "planner/p.gguf" }],
  ])("%s", (uri, source) => {
    expect(parseModelUri(uri)).toEqual({ ok: true, source });
  });

  test.each(["hf:o/r", "hf:o/r:Q4_K_M", "hf:o/r/f.gguf#", "ftp://x/f.gguf", "/abs/f.gguf", "a/../f.gguf", "https://"])("rejects %s", (uri) => {
    expect(parseModelUri(uri).ok).toBe(false);
  });
});
