import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { EvalExampleSchema, percentile, readJsonLines } from "../../agent/evaluation";
import { normalizeRequest } from "../../agent/normalize";
import { parseLocalDateTime } from "../../core/time/localDateTime";
import { ToolClassifier } from "../../classifier/toolClassifier";
import { UsageError } from "../cliErrors";
import type { CliIO } from "../io";
import { projectClassifierSidecar, projectTaggerSidecar } from "../modelLocations";
import { ClassifierSelector } from "../../agent/classifierSelector";
import { taggedRequest } from "../../agent/pipeline";
import { ValueTagger } from "../../classifier/valueTagger";
import { ENGINE_MODULES } from "../../engines/engineLoader";

export const CLASSIFIER_BENCH_USAGE = `Usage: npm run bench -- classifier [--data <file.jsonl>] [--repeat 20] [--model <classifier.json>] [--tagger <value-tagger.json>]

Times the tool classifier on every request of the data file (default: training/data/smoke.jsonl):
session creation, then per query normalize, featurize, ONNX run, and classify (featurize + run);
then as a request runs before planning: tag (the value tagger and delexicalizing, as the
pipeline times it), select (the classifier, averaged
with the tagger's tool votes when its sidecar has thresholds for them) and all three with the
normalizer; as p50/p95/p99 in milliseconds.`;

export async function classifierBench(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      data: { type: "string", default: "training/data/smoke.jsonl" },
      repeat: { type: "string", default: "20" },
      model: { type: "string" },
      tagger: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    io.stdout(CLASSIFIER_BENCH_USAGE);
    return 0;
  }
  const repeat = Number(values.repeat);
  if (!Number.isInteger(repeat) || repeat < 1) throw new UsageError(`--repeat must be a whole number of at least 1 (got ${values.repeat})`);
  let text: string;
  try {
    text = await readFile(values.data, "utf8");
  } catch (e) {
    throw new UsageError(`cannot read the data file ${values.data}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const examples = readJsonLines(text, EvalExampleSchema).flatMap((l) => (l.ok ? [l.value] : []));
  if (examples.length === 0) throw new UsageError(`no examples in ${values.data}`);

  const t0 = performance.now();
  const classifier = await ToolClassifier.load(values.model ?? projectClassifierSidecar(), ENGINE_MODULES.onnxRuntime);
  const load = performance.now() - t0;
  const inputs = examples.map((e) => normalizeRequest(e.query, parseLocalDateTime(e.now)!.value).text);
  await classifier.classify(inputs[0]!); // first run allocates

  const timings = { normalize: [] as number[], featurize: [] as number[], run: [] as number[], classify: [] as number[] };
  for (let r = 0; r < repeat; r++) {
    for (const e of examples) {
      const t = performance.now();
      normalizeRequest(e.query, parseLocalDateTime(e.now)!.value);
      timings.normalize.push(performance.now() - t);
    }
    for (const input of inputs) {
      const t = performance.now();
      const c = await classifier.classify(input);
      timings.classify.push(performance.now() - t);
      timings.featurize.push(c.timingsMs.featurize);
      timings.run.push(c.timingsMs.run);
    }
  }
  const sidecarPath = values.model ?? projectClassifierSidecar();
  const tagger = await ValueTagger.load(values.tagger ?? projectTaggerSidecar(), ENGINE_MODULES.onnxRuntime);
  const selector = await ClassifierSelector.load(sidecarPath, ENGINE_MODULES.onnxRuntime);
  const stages = { tag: [] as number[], select: [] as number[], "normalize+tag+select": [] as number[] };
  let voted = false;
  for (let r = 0; r < repeat; r++) {
    for (const e of examples) {
      const t = performance.now();
      const n = normalizeRequest(e.query, parseLocalDateTime(e.now)!.value);
      const t1 = performance.now();
      const { tagged } = taggedRequest(n, await tagger.read(n.text));
      const t2 = performance.now();
      await selector.select(n.text, tagged);
      const t3 = performance.now();
      stages.tag.push(t2 - t1);
      stages.select.push(t3 - t2);
      stages["normalize+tag+select"].push(t3 - t);
      voted ||= tagged.tools !== undefined && tagged.tools.model === classifier.sidecar.withTaggerHead?.tagger;
    }
  }

  io.stdout(`Classifier bench: ${examples.length} requests × ${repeat} from ${values.data}`);
  io.stdout(`  session load      ${load.toFixed(1)} ms (read, SHA-256 check, onnxruntime session)`);
  io.stdout(`  the tagger's tool votes: ${voted ? "averaged with the classifier's" : "not used (the classifier decides alone)"}`);
  io.stdout("  stage (ms)               p50      p95      p99");
  for (const [stage, values] of Object.entries({ ...timings, ...stages })) {
    const f = (p: number) => percentile(values, p).toFixed(3).padStart(8);
    io.stdout(`  ${stage.padEnd(21)} ${f(50)} ${f(95)} ${f(99)}`);
  }
  return 0;
}
