import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ClassifierSelector, withTaggerVotes } from "../../src/agent/classifierSelector";
import { normalizeRequest } from "../../src/agent/normalize";
import { TOOL_NAMES } from "../../src/core/tools/names";
import { featurize, tokens } from "../../src/classifier/featurizer";
import { ClassifierSidecarSchema } from "../../src/classifier/sidecar";
import { OUT_OF_SCOPE, selectLabels, ToolClassifier } from "../../src/classifier/toolClassifier";
import { loadOnnxRuntime } from "../../src/engines/engineLoader";
import { forward, type MlpWeights } from "../../training/classifier/mlp";
import { decodeOnnx, encodeOnnx, INPUT_NAME, OUTPUT_NAME } from "../../training/classifier/onnx";
import { Rng } from "../../training/generator/rng";

const SIDECAR = join(__dirname, "../../assets/models/toolrag-classifier.json");
const NOW = { year: 2026, month: 11, day: 22, hour: 10, minute: 0, second: 0 };
const QUERIES = [
  "Text Sid that I'm running 10 minutes late",
  "Set up a meeting called Project Sync with Sid and Lutfi tomorrow at 2pm",
  "What's the weather like in Berkeley?",
  "summarize Q3 report_v2.pdf and email it to anna@example.com",
  "remind me to water the plants on Friday at 6pm",
  "x",
];

function randomWeights(seed: number, buckets = 64, embedding = 8, hidden = 6, labels = 5): MlpWeights {
  const rng = new Rng(seed);
  const fill = (n: number) => Float32Array.from({ length: n }, () => rng.next() * 2 - 1);
  return {
    buckets,
    embedding,
    hidden,
    labels,
    E: fill(buckets * embedding),
    W1: fill(hidden * embedding),
    b1: fill(hidden),
    W2: fill(labels * hidden),
    b2: fill(labels),
  };
}

describe("featurizer", () => {
  test("is deterministic, never empty, folds digits and case", () => {
    expect(featurize("Text Sid")).toEqual(featurize("Text Sid"));
    expect(featurize("").length).toBeGreaterThan(0);
    expect(tokens("Call 415-555 at 9AM")).toEqual(["call", "000", "-", "000", "at", "0am"]);
    expect(featurize("EMAIL Anna")).toEqual(featurize("email anna"));
    expect(Math.max(...featurize("anything at all", { buckets: 100, charMin: 3, charMax: 4 }))).toBeLessThan(100);
  });
});

describe("ONNX export", () => {
  test.each([
    ["mean pooling", randomWeights(7)],
    ["attention pooling", { ...randomWeights(7), S: Float32Array.from({ length: 64 }, (_, i) => Math.sin(i) * 3) }],
  ])("a model written from Node runs in onnxruntime and matches the plain-TS forward pass (%s)", async (_, w) => {
    const ort = await loadOnnxRuntime();
    const session = await ort.InferenceSession.create(encodeOnnx(w));
    for (const ids of [[0], [1, 2, 3, 63], [5, 5, 5, 9, 40, 41]]) {
      const out = await session.run({ [INPUT_NAME]: new ort.Tensor("int64", BigInt64Array.from(ids, BigInt), [ids.length]) });
      const onnx = out[OUTPUT_NAME]!.data as Float32Array;
      const ts = forward(w, Int32Array.from(ids)).probabilities;
      expect(onnx.length).toBe(w.labels);
      for (let i = 0; i < w.labels; i++) expect(Math.abs(onnx[i]! - ts[i]!)).toBeLessThan(1e-5);
    }
    expect(decodeOnnx(encodeOnnx(w))).toEqual(w);
  });
});

describe("the shipped classifier", () => {
  const sidecar = ClassifierSidecarSchema.parse(JSON.parse(readFileSync(SIDECAR, "utf8")));

  test("has the TinyAgent label order plus out_of_scope, and is within the size budget", () => {
    expect(sidecar.labels).toEqual([...TOOL_NAMES, OUT_OF_SCOPE]);
    expect(sidecar.onnx.bytes).toBeLessThanOrEqual(20 * 1024 * 1024);
  });

  test("its ONNX output equals a plain-TS forward pass of the same weights", async () => {
    const classifier = await ToolClassifier.load(SIDECAR, loadOnnxRuntime);
    const weights = decodeOnnx(readFileSync(join(__dirname, "../../assets/models", sidecar.onnx.file)));
    for (const q of QUERIES) {
      const text = normalizeRequest(q, NOW).text;
      const { probabilities } = await classifier.probabilities(text);
      const ts = forward(weights, featurize(text, sidecar.featurizer)).probabilities;
      for (let i = 0; i < ts.length; i++) expect(Math.abs(probabilities[i]! - ts[i]!)).toBeLessThan(1e-5);
    }
  });

  test("selects the tools a request needs and nothing for a request no tool serves", async () => {
    const selector = await ClassifierSelector.load(SIDECAR, loadOnnxRuntime);
    const pick = async (q: string) => (await selector.select(normalizeRequest(q, NOW).text)).selected.map((s) => s.tool);
    expect(await pick("Text Sid that I'm running 10 minutes late")).toEqual(expect.arrayContaining(["send_sms", "get_phone_number"]));
    expect(await pick("Summarize Quarterly Report.pdf and email the summary to anna@example.com")).toEqual(
      expect.arrayContaining(["open_and_get_file_path", "summarize_pdf", "compose_new_email"]),
    );
    expect(await pick("What's the weather like in Berkeley?")).toEqual([]);
  });

  test("offerAll offers every tool and reports the classifier's own pick", async () => {
    const selector = await ClassifierSelector.load(SIDECAR, loadOnnxRuntime, { offerAll: true });
    const s = await selector.select("Text Sid that I'm late");
    expect(s.selected).toHaveLength(TOOL_NAMES.length);
    expect(s.classified?.map((c) => c.tool)).toEqual(expect.arrayContaining(["send_sms"]));
  });

  test("a model file that does not match its checksum is refused", async () => {
    const dir = mkdtempSync(join(tmpdir(), "clf-"));
    writeFileSync(join(dir, "toolrag-classifier.json"), JSON.stringify(sidecar));
    writeFileSync(join(dir, sidecar.onnx.file), "not a model");
    await expect(ToolClassifier.load(join(dir, "toolrag-classifier.json"), loadOnnxRuntime)).rejects.toThrow(/does not match its checksum/);
  });
});

describe("selectLabels", () => {
  const sidecar = { labels: ["a", "b", "c", OUT_OF_SCOPE], thresholds: { a: 0.5, b: 0.2, c: 0.9 }, outOfScopeThreshold: 0.7 };
  test("applies per-label thresholds, most likely first; out of scope empties the selection", () => {
    expect(selectLabels(sidecar, [0.6, 0.3, 0.5, 0.1])).toEqual(["a", "b"]);
    expect(selectLabels(sidecar, [0.6, 0.9, 0.95, 0.1])).toEqual(["c", "b", "a"]);
    expect(selectLabels(sidecar, [0.6, 0.9, 0.95, 0.7])).toEqual([]);
  });
});

describe("withTaggerVotes", () => {
  const shipped = ClassifierSidecarSchema.parse(JSON.parse(readFileSync(SIDECAR, "utf8")));
  const tagger = "a".repeat(64);
  const sidecar = {
    ...shipped,
    labels: ["a", "b", OUT_OF_SCOPE],
    thresholds: { a: 0.5, b: 0.5 },
    outOfScopeThreshold: 0.5,
    withTaggerHead: { tagger, thresholds: { a: 0.3, b: 0.6 }, outOfScopeThreshold: 0.9 },
  };
  const own = Float32Array.from([0.4, 0.7, 0.6]);
  const votes = (model: string) => ({ probabilities: Float32Array.from([0.4, 0.3, 0.1]), model });

  test("averages the tagger's votes with the classifier's and uses the thresholds chosen for that pair", () => {
    const r = withTaggerVotes(sidecar, own, votes(tagger));
    expect(Array.from(r.probabilities).map((p) => Number(p.toFixed(3)))).toEqual([0.4, 0.5, 0.35]);
    // The mean: out of scope 0.35 is below 0.9, a reaches 0.3, b misses 0.6.
    expect(r.selected).toEqual(["a"]);
  });

  test("another tagger's votes, or none, leave the classifier to decide alone with its own thresholds", () => {
    for (const r of [withTaggerVotes(sidecar, own, votes("b".repeat(64))), withTaggerVotes(sidecar, own, undefined)]) {
      expect(r.probabilities).toBe(own);
      expect(r.selected).toEqual([]); // its own out-of-scope threshold (0.5) is met
    }
    const { withTaggerHead: _, ...alone } = sidecar;
    expect(withTaggerVotes(alone, own, votes(tagger)).probabilities).toBe(own);
  });
});
