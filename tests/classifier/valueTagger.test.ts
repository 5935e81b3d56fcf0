import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { normalizeRequest } from "../../src/agent/normalize";
import { delexicalize } from "../../src/agent/values/delexicalize";
import { ValueTagger } from "../../src/classifier/valueTagger";
import { ClassifierSidecarSchema } from "../../src/classifier/sidecar";
import { ENGINE_MODULES } from "../../src/engines/engineLoader";

const MODELS = join(__dirname, "../../assets/models");
const NOW = { year: 2026, month: 11, day: 22, hour: 10, minute: 0, second: 0 };

/** The shipped tagger through onnxruntime-node: what it makes of a few plain requests. */
describe("the shipped value tagger (onnxruntime-node)", () => {
  const delex = async (query: string) => {
    const tagger = await ValueTagger.load(join(MODELS, "value-tagger.json"), ENGINE_MODULES.onnxRuntime);
    const n = normalizeRequest(query, NOW);
    return delexicalize(n.text, await tagger.spans(n.text), n.changes);
  };

  test("names, messages and times become placeholders; a request without values stays as it is", async () => {
    expect((await delex("text Zoë that I'm outside")).text).toBe("text NAME1 that TEXT1");
    expect((await delex("remind me to call the dentist tomorrow at 5")).text).toMatch(/TIME1 \(ends TIME2, 60 min\)/);
    expect(await delex("open my notes")).toEqual({ text: "open my notes", slots: [] });
  });

  test("written addresses and file names are found whole", async () => {
    const d = await delex("email anna.lee@example.com the Q3_report_v2.pdf");
    expect(d.slots.map((s) => [s.type, s.value])).toEqual([
      ["EMAIL", "anna.lee@example.com"],
      ["FILE", "Q3_report_v2.pdf"],
    ]);
  });

  test("a long request with many values is tagged, never a crash", async () => {
    const names = Array.from({ length: 30 }, (_, i) => `Person${i}`).join(", ");
    const d = await delex(`text ${names} that ${"the meeting moved ".repeat(60)}`);
    expect(d.text.length).toBeGreaterThan(0);
  });

  test("read() gives spans(), and tool votes only where the shipped classifier has thresholds for this very tagger", async () => {
    const tagger = await ValueTagger.load(join(MODELS, "value-tagger.json"), ENGINE_MODULES.onnxRuntime);
    const text = normalizeRequest("text Zoë that I'm outside", NOW).text;
    const found = await tagger.read(text);
    expect(found.spans).toEqual(await tagger.spans(text));
    const classifier = ClassifierSidecarSchema.parse(JSON.parse(readFileSync(join(MODELS, "toolrag-classifier.json"), "utf8")));
    // Both absent (the shipped tagger has no tool head), or both this tagger's file: a pair
    // installed half-way would leave the classifier with thresholds for votes that never come.
    expect(classifier.withTaggerHead?.tagger).toBe(found.tools?.model);
    if (found.tools) {
      expect(found.tools.model).toBe(tagger.sidecar.onnx.sha256);
      expect(found.tools.probabilities).toHaveLength(classifier.labels.length);
    }
    // A request with no words has no votes: the classifier decides alone.
    expect(await tagger.read("")).toEqual({ spans: [] });
  });
});

describe("loading the value tagger", () => {
  const copy = () => {
    const dir = mkdtempSync(join(tmpdir(), "tinyagent-tagger-"));
    for (const f of ["value-tagger.json", "value-tagger.onnx"]) copyFileSync(join(MODELS, f), join(dir, f));
    return dir;
  };

  test("a model file that does not match its checksum is refused, with the fix", async () => {
    const dir = copy();
    const onnx = readFileSync(join(dir, "value-tagger.onnx"));
    onnx[onnx.length - 1] = onnx[onnx.length - 1]! ^ 1;
    writeFileSync(join(dir, "value-tagger.onnx"), onnx);
    await expect(ValueTagger.load(join(dir, "value-tagger.json"), ENGINE_MODULES.onnxRuntime)).rejects.toThrow(
      /does not match its checksum.*Restore the assets\/models\/ folder/,
    );
  });

  test("a tagger trained with other features is refused instead of tagging nonsense", async () => {
    const dir = copy();
    const sidecar = JSON.parse(readFileSync(join(dir, "value-tagger.json"), "utf8"));
    writeFileSync(join(dir, "value-tagger.json"), JSON.stringify({ ...sidecar, featuresPerToken: 3 }));
    await expect(ValueTagger.load(join(dir, "value-tagger.json"), ENGINE_MODULES.onnxRuntime)).rejects.toThrow(/other features or labels/);
  });
});
