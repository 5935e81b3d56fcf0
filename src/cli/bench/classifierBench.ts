import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { EvalExampleSchema, percentile, readJsonLines } from "../../agent/evaluation";
import { normalizeRequest } from "../../agent/normalize";
import { parseLocalDateTime } from "../../core/time/localDateTime";
import { ToolClassifier } from "../../classifier/toolClassifier";
import { UsageError } from "../cliErrors";
import type { CliIO } from "../io";
import { projectClassifierSidecar } from "../modelLocations";
import { ENGINE_MODULES } from "../../engines/engineLoader";

export const CLASSIFIER_BENCH_USAGE = `Usage: npm run bench -- classifier [--data <file.jsonl>] [--repeat 20]

Times the tool classifier on every request of the data file (default: training/data/smoke.jsonl):
session creation, then per query normalize, featurize, ONNX run, and classify (featurize + run),
as p50/p95/p99 in milliseconds.`;

export async function classifierBench(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      data: { type: "string", default: "training/data/smoke.jsonl" },
      repeat: { type: "string", default: "20" },
      model: { type: "string" },
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
  io.stdout(`Classifier bench: ${examples.length} requests × ${repeat} from ${values.data}`);
  io.stdout(`  session load      ${load.toFixed(1)} ms (read, SHA-256 check, onnxruntime session)`);
  io.stdout("  stage (ms)          p50      p95      p99");
  for (const [stage, values] of Object.entries(timings)) {
    const f = (p: number) => percentile(values, p).toFixed(3).padStart(8);
    io.stdout(`  ${stage.padEnd(16)} ${f(50)} ${f(95)} ${f(99)}`);
  }
  return 0;
}
