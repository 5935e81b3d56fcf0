// Measures a value tagger trained with a tool head (train.py --tools-weight) against the tool
// classifier, and their average and geometric mean: thresholds chosen on the generated validation
// split as `npm run train:classifier` chooses them, then recall, tools per query and out-of-scope
// accuracy there and on the other files named. With --write, writes the classifier's sidecar with
// the mean's thresholds for this tagger (`withTaggerHead`), which the run-time selector then uses.
//
//   npx tsx training/tagger/toolHead.ts --tagger training/out/tagger-joint/value-tagger.json \
//     --valid training/out/generated/valid.jsonl training/out/generated/test.jsonl training/data/valid-natural.jsonl \
//     [--write training/out/tagger-joint/toolrag-classifier.json]
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { normalizeRequest } from "../../src/agent/normalize";
import { parseLocalDateTime } from "../../src/core/time/localDateTime";
import { ToolClassifier } from "../../src/classifier/toolClassifier";
import { ValueTagger } from "../../src/classifier/valueTagger";
import { ENGINE_MODULES } from "../../src/engines/engineLoader";
import { chooseThresholds, LABELS, labelsOf, measure } from "../classifier/train";
import { readExamples } from "../planner/prepareData";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    tagger: { type: "string" },
    classifier: { type: "string", default: "assets/models/toolrag-classifier.json" },
    valid: { type: "string" },
    "valid-limit": { type: "string", default: "5000" },
    write: { type: "string" },
  },
});
if (!values.tagger || !values.valid) throw new Error("--tagger and --valid are required");

const L = LABELS.length;

async function main(tagger: string, validPath: string) {
  const valueTagger = await ValueTagger.load(tagger, ENGINE_MODULES.onnxRuntime);
  const classifier = await ToolClassifier.load(values.classifier!, ENGINE_MODULES.onnxRuntime);

  async function score(path: string, limit = Infinity) {
    const examples = readExamples(path).slice(0, limit);
    const head: Float32Array[] = [];
    const bag: Float32Array[] = [];
    const targets = new Uint8Array(examples.length * L);
    for (const [k, e] of examples.entries()) {
      const text = normalizeRequest(e.query, parseLocalDateTime(e.now)!.value).text;
      const { tools } = await valueTagger.read(text);
      if (!tools) throw new Error(`${tagger} has no tool head: train it with train.py --tools-weight`);
      head.push(tools.probabilities);
      bag.push((await classifier.probabilities(text)).probabilities);
      targets.set(labelsOf(e.plan), k * L);
    }
    const data = { ids: new Int32Array(0), offsets: new Uint32Array(0), targets, n: examples.length };
    const mean = head.map((h, i) => h.map((x, l) => (x + bag[i]![l]!) / 2));
    const geo = head.map((h, i) => h.map((x, l) => Math.sqrt(x * bag[i]![l]!)));
    return { data, variants: { classifier: bag, head, mean, geo } };
  }

  const valid = await score(validPath, Number(values["valid-limit"]));
  const chosen = Object.fromEntries(
    Object.entries(valid.variants).map(([name, p]) => [name, { labels: [...LABELS], ...chooseThresholds(p, valid.data) }]),
  );
  if (values.write) {
    const { thresholds, outOfScopeThreshold } = chosen.mean!;
    const sidecar = { ...classifier.sidecar, withTaggerHead: { tagger: valueTagger.sidecar.onnx.sha256, thresholds, outOfScopeThreshold } };
    writeFileSync(values.write, `${JSON.stringify(sidecar, null, 2)}\n`);
    console.log(`wrote ${values.write}: the mean's thresholds for ${tagger}`);
  }
  for (const path of [validPath, ...positionals]) {
    const s = path === validPath ? valid : await score(path);
    console.log(`\n${path} (${s.data.n})`);
    for (const [name, p] of Object.entries(s.variants)) {
      const m = measure(chosen[name]!, p, s.data);
      console.log(
        `  ${name.padEnd(10)} recall ${m.toolRecall.toFixed(3)}  tools ${m.toolsPerQuery.toFixed(2)}  out of scope ${m.outOfScopeAccuracy.toFixed(3)}`,
      );
    }
  }
}

void main(values.tagger, values.valid);
