import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { normalizeRequest } from "../../src/agent/normalize";
import { delexicalize } from "../../src/agent/values/delexicalize";
import { ValueTagger } from "../../src/classifier/valueTagger";
import type { ValueFinder } from "../../src/agent/pipeline";
import { parsePlanText } from "../../src/agent/plan/planParser";
import { parseLocalDateTime } from "../../src/core/time/localDateTime";
import { TOOL_NAMES } from "../../src/core/tools/names";
import { DEFAULT_FEATURIZER, featurize, type FeaturizerConfig } from "../../src/classifier/featurizer";
import { classifierText, ClassifierInputSchema, type ClassifierInput, type ClassifierSidecar } from "../../src/classifier/sidecar";
import { OUT_OF_SCOPE, selectLabels } from "../../src/classifier/toolClassifier";
import type { Example } from "../generator/compose";
import { generateSplit } from "../generator/generate";
import { Rng } from "../generator/rng";
import { forward, type Activations, type MlpWeights } from "./mlp";
import { encodeOnnx } from "./onnx";
import { ENGINE_MODULES } from "../../src/engines/engineLoader";

/**
 * Trains the ToolRAG classifier on CPU from a seed, end to end: generate the splits, normalize
 * each request as the pipeline does, featurize, train by SGD, choose thresholds on the validation
 * split, measure on the test split and smoke.jsonl, export ONNX and the sidecar to assets/models/.
 */
export const LABELS = [...TOOL_NAMES, OUT_OF_SCOPE] as const;

/** How a request's feature rows become one: their mean, or weighted by learned per-feature scores. */
export const PoolingSchema = z.enum(["mean", "attention"]);
export type Pooling = z.infer<typeof PoolingSchema>;
const L = LABELS.length;

const USAGE = `Usage: npm run train:classifier -- [--seed 1] [--train 120000] [--epochs 5] [--pooling mean|attention] [--input normalized|delexicalized|both] [--tagger <value-tagger.json>] [--out models]`;

interface Dataset {
  /** Feature ids of all examples, back to back. */
  ids: Int32Array;
  offsets: Uint32Array;
  /** [n × L] 0/1 targets. */
  targets: Uint8Array;
  n: number;
}

/** The tools a gold plan calls, one 0/1 per label (LABELS order); "out_of_scope" when it calls none. */
export function labelsOf(plan: string): Uint8Array {
  const y = new Uint8Array(L);
  const steps = parsePlanText(plan).steps.filter((s) => s.tool !== "join");
  for (const s of steps) y[LABELS.indexOf(s.tool as (typeof LABELS)[number])] = 1;
  if (steps.length === 0) y[L - 1] = 1;
  return y;
}

/**
 * The text the classifier reads, exactly as at run time: the normalized request (the default), or
 * the same with its values as placeholders where the project's value tagger finds them
 * (`--input delexicalized`, tried and not kept: training/README.md).
 */
export async function classifierTexts(examples: readonly Example[], input: ClassifierInput, tagger?: ValueFinder): Promise<string[]> {
  const texts: string[] = [];
  for (const e of examples) {
    const n = normalizeRequest(e.query, parseLocalDateTime(e.now)!.value);
    if (input === "normalized") texts.push(n.text);
    else {
      if (!tagger) throw new Error("the value tagger is needed to train on delexicalized text");
      texts.push(classifierText(input, n.text, delexicalize(n.text, (await tagger.read(n.text)).spans, n.changes).text));
    }
  }
  return texts;
}

export function toDataset(examples: readonly Example[], texts: readonly string[], config: FeaturizerConfig): Dataset {
  const chunks: Int32Array[] = [];
  const offsets: number[] = [0];
  const targets: number[] = [];
  let total = 0;
  examples.forEach((e, i) => {
    const ids = featurize(texts[i]!, config);
    chunks.push(ids);
    total += ids.length;
    offsets.push(total);
    targets.push(...labelsOf(e.plan));
  });
  const ids = new Int32Array(total);
  let at = 0;
  for (const c of chunks) {
    ids.set(c, at);
    at += c.length;
  }
  return { ids, offsets: Uint32Array.from(offsets), targets: Uint8Array.from(targets), n: offsets.length - 1 };
}

function gaussian(rng: Rng): number {
  const u = Math.max(rng.next(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

export function initWeights(rng: Rng, buckets: number, embedding: number, hidden: number, pooling: Pooling = "mean"): MlpWeights {
  const E = new Float32Array(buckets * embedding);
  for (let i = 0; i < E.length; i++) E[i] = (rng.next() * 2 - 1) / embedding;
  const W1 = new Float32Array(hidden * embedding);
  for (let i = 0; i < W1.length; i++) W1[i] = gaussian(rng) * Math.sqrt(2 / embedding);
  const W2 = new Float32Array(L * hidden);
  for (let i = 0; i < W2.length; i++) W2[i] = gaussian(rng) * Math.sqrt(1 / hidden);
  // Scores start equal: attention pooling begins as the mean and learns which features to weigh.
  const S = pooling === "attention" ? { S: new Float32Array(buckets) } : {};
  return { buckets, embedding, hidden, labels: L, E, W1, b1: new Float32Array(hidden), W2, b2: new Float32Array(L), ...S };
}

/**
 * Per-example steps on the summed binary cross-entropy: Adam for the dense layers, plain SGD for
 * the embedding rows a request touches (sparse and cheap), learning rates decaying linearly to 0.
 */
export function train(
  w: MlpWeights,
  data: Dataset,
  options: {
    epochs: number;
    lr: number;
    embeddingLr: number;
    /** Plain SGD for the attention scores (attention pooling only; default: a tenth of embeddingLr). */
    scoreLr?: number;
    dropout: number;
    rng: Rng;
    log?: (s: string) => void;
  },
): void {
  let scratch = new Int32Array(1024);
  const { embedding: D, hidden: H } = w;
  const a: Activations = { mean: new Float32Array(D), hidden: new Float32Array(H), probabilities: new Float32Array(L) };
  const dz = new Float32Array(L);
  const dh = new Float32Array(H);
  const de = new Float32Array(D);
  let dS = new Float32Array(256);
  const adam = (size: number) => ({ m: new Float32Array(size), v: new Float32Array(size) });
  const state = { W1: adam(w.W1.length), b1: adam(H), W2: adam(w.W2.length), b2: adam(L) };
  const B1 = 0.9;
  const B2 = 0.999;
  let c1 = 1;
  let c2 = 1;
  // One Adam step for element i of a parameter array, with gradient g.
  const step = (p: Float32Array, s: { m: Float32Array; v: Float32Array }, i: number, g: number, lr: number) => {
    const m = (s.m[i] = B1 * s.m[i]! + (1 - B1) * g);
    const v = (s.v[i] = B2 * s.v[i]! + (1 - B2) * g * g);
    p[i]! -= (lr * (m / c1)) / (Math.sqrt(v / c2) + 1e-8);
  };
  const order = Uint32Array.from({ length: data.n }, (_, i) => i);
  const steps = options.epochs * data.n;
  const gW2 = new Float32Array(w.W2.length);
  let t = 0;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(options.rng.next() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let loss = 0;
    const started = performance.now();
    for (const k of order) {
      const progress = 1 - t++ / steps;
      c1 = 1 - Math.pow(B1, t);
      c2 = 1 - Math.pow(B2, t);
      const lr = options.lr * progress;
      const lrE = options.embeddingLr * progress;
      const lrS = (options.scoreLr ?? options.embeddingLr / 10) * progress;
      let ids = data.ids.subarray(data.offsets[k]!, data.offsets[k + 1]!);
      if (options.dropout > 0) {
        if (scratch.length < ids.length) scratch = new Int32Array(ids.length * 2);
        // Dropping features teaches the model not to lean on any one phrasing.
        let kept = 0;
        for (let m = 0; m < ids.length; m++) if (m === 0 || options.rng.next() >= options.dropout) scratch[kept++] = ids[m]!;
        ids = scratch.subarray(0, kept);
      }
      forward(w, ids, a);
      for (let l = 0; l < L; l++) {
        const y = data.targets[k * L + l]!;
        const p = a.probabilities[l]!;
        loss -= y ? Math.log(p + 1e-7) : Math.log(1 - p + 1e-7);
        dz[l] = p - y;
      }
      dh.fill(0);
      for (let l = 0; l < L; l++) {
        const g = dz[l]!;
        const row = l * H;
        for (let h = 0; h < H; h++) {
          dh[h]! += w.W2[row + h]! * g;
          gW2[row + h] = g * a.hidden[h]!;
        }
      }
      for (let i = 0; i < gW2.length; i++) step(w.W2, state.W2, i, gW2[i]!, lr);
      for (let l = 0; l < L; l++) step(w.b2, state.b2, l, dz[l]!, lr);
      de.fill(0);
      for (let h = 0; h < H; h++) {
        const g = a.hidden[h]! > 0 ? dh[h]! : 0;
        const row = h * D;
        for (let d = 0; d < D; d++) {
          de[d]! += w.W1[row + d]! * g;
          step(w.W1, state.W1, row + d, g * a.mean[d]!, lr);
        }
        step(w.b1, state.b1, h, g, lr);
      }
      if (w.S) {
        // pooled = Σ α_m E_m with α = softmax(S): dE_m = α_m·de, dS_m = α_m·(de·(E_m − pooled)).
        // Every gradient is taken before any row or score moves (a feature can occur twice).
        if (dS.length < ids.length) dS = new Float32Array(ids.length * 2);
        for (let m = 0; m < ids.length; m++) {
          const row = ids[m]! * D;
          let dot = 0;
          for (let d = 0; d < D; d++) dot += de[d]! * (w.E[row + d]! - a.mean[d]!);
          dS[m] = a.alpha![m]! * dot;
        }
        for (let m = 0; m < ids.length; m++) {
          const row = ids[m]! * D;
          const weight = a.alpha![m]!;
          for (let d = 0; d < D; d++) w.E[row + d]! -= lrE * de[d]! * weight;
          w.S[ids[m]!]! -= lrS * dS[m]!;
        }
      } else {
        const inv = 1 / ids.length;
        for (let m = 0; m < ids.length; m++) {
          const row = ids[m]! * D;
          for (let d = 0; d < D; d++) w.E[row + d]! -= lrE * de[d]! * inv;
        }
      }
    }
    options.log?.(
      `epoch ${epoch + 1}/${options.epochs}: loss ${(loss / data.n).toFixed(4)} (${((performance.now() - started) / 1000).toFixed(1)} s)`,
    );
  }
}

export function predict(w: MlpWeights, data: Dataset): Float32Array[] {
  const out: Float32Array[] = [];
  for (let k = 0; k < data.n; k++)
    out.push(Float32Array.from(forward(w, data.ids.subarray(data.offsets[k]!, data.offsets[k + 1]!)).probabilities));
  return out;
}

const GRID = [0.5, 0.4, 0.3, 0.25, 0.2, 0.15, 0.1, 0.07, 0.05, 0.035, 0.025, 0.015, 0.01, 0.005, 0.002];

/**
 * Thresholds chosen on the validation split for recall: the out-of-scope threshold first (the
 * lowest that rejects at most 0.5% of in-scope requests), then per-tool thresholds lowered
 * greedily, each step the one that recovers the most missed requests per extra tool offered,
 * while the average stays within `budget` tools per query.
 */
export function chooseThresholds(
  probabilities: Float32Array[],
  data: Dataset,
  budget = 3.9,
): Pick<ClassifierSidecar, "thresholds" | "outOfScopeThreshold"> {
  const inScope = probabilities.map((p, k) => ({ p, k })).filter(({ k }) => data.targets[k * L + L - 1] === 0);
  const oosScores = inScope.map(({ p }) => p[L - 1]!).sort((x, y) => y - x);
  const outOfScopeThreshold = round(Math.min(0.99, Math.max(0.005, (oosScores[Math.floor(oosScores.length * 0.005)] ?? 0.5) + 1e-4)));
  const kept = inScope.filter(({ p }) => p[L - 1]! < outOfScopeThreshold);
  const level = new Array<number>(L - 1).fill(0);
  const evaluate = (levels: number[]) => {
    let recalled = 0;
    let offered = 0;
    for (const { p, k } of kept) {
      let all = true;
      for (let l = 0; l < L - 1; l++) {
        const on = p[l]! >= GRID[levels[l]!]!;
        if (on) offered++;
        else if (data.targets[k * L + l] === 1) all = false;
      }
      if (all) recalled++;
    }
    return { recall: recalled / Math.max(1, inScope.length), perQuery: offered / Math.max(1, kept.length) };
  };
  let current = evaluate(level);
  for (;;) {
    let best: { l: number; g: number; gain: number; next: typeof current } | undefined;
    for (let l = 0; l < L - 1; l++) {
      for (let g = level[l]! + 1; g < GRID.length; g++) {
        const trial = [...level];
        trial[l] = g;
        const next = evaluate(trial);
        if (next.perQuery > budget) break;
        if (next.recall <= current.recall) continue;
        const gain = (next.recall - current.recall) / Math.max(1e-6, next.perQuery - current.perQuery);
        if (!best || gain > best.gain) best = { l, g, gain, next };
      }
    }
    if (!best) break;
    level[best.l] = best.g;
    current = best.next;
  }
  const thresholds = Object.fromEntries(level.map((g, l) => [LABELS[l]!, GRID[g]!]));
  return { thresholds, outOfScopeThreshold };
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;

export interface ToolMetrics {
  n: number;
  toolRecall: number;
  toolsPerQuery: number;
  toolPrecision: number;
  outOfScopeAccuracy: number;
  /** In-scope requests wrongly rejected as out of scope. */
  inScopeRejected: number;
}

export function measure(
  sidecar: Pick<ClassifierSidecar, "labels" | "thresholds" | "outOfScopeThreshold">,
  probabilities: Float32Array[],
  data: Dataset,
): ToolMetrics {
  let inScope = 0;
  let recalled = 0;
  let offered = 0;
  let needed = 0;
  let oos = 0;
  let oosRight = 0;
  let rejected = 0;
  probabilities.forEach((p, k) => {
    const selected = new Set(selectLabels(sidecar, p));
    const gold = LABELS.filter((_, l) => l < L - 1 && data.targets[k * L + l] === 1);
    if (gold.length === 0) {
      oos++;
      if (selected.size === 0) oosRight++;
      return;
    }
    inScope++;
    if (selected.size === 0) rejected++;
    if (gold.every((t) => selected.has(t))) recalled++;
    offered += selected.size;
    needed += gold.filter((t) => selected.has(t)).length;
  });
  return {
    n: data.n,
    toolRecall: round(recalled / Math.max(1, inScope)),
    toolsPerQuery: round(offered / Math.max(1, inScope)),
    toolPrecision: round(needed / Math.max(1, offered)),
    outOfScopeAccuracy: round(oosRight / Math.max(1, oos)),
    inScopeRejected: round(rejected / Math.max(1, inScope)),
  };
}

function readJsonl(path: string): Example[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as Example);
}

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      seed: { type: "string", default: "1" },
      train: { type: "string", default: "120000" },
      valid: { type: "string", default: "5000" },
      test: { type: "string", default: "5000" },
      epochs: { type: "string", default: "5" },
      embedding: { type: "string", default: "32" },
      hidden: { type: "string", default: "64" },
      buckets: { type: "string", default: String(DEFAULT_FEATURIZER.buckets) },
      lr: { type: "string", default: "0.002" },
      "embedding-lr": { type: "string", default: "5" },
      dropout: { type: "string", default: "0.35" },
      out: { type: "string", default: "assets/models" },
      input: { type: "string", default: "normalized" },
      pooling: { type: "string", default: "mean" },
      "score-lr": { type: "string" },
      tagger: { type: "string", default: join(__dirname, "../../assets/models/value-tagger.json") },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const n = (k: keyof typeof values) => Number(values[k]);
  const input = ClassifierInputSchema.parse(values.input);
  const seed = n("seed");
  const config: FeaturizerConfig = { ...DEFAULT_FEATURIZER, buckets: n("buckets") };
  const log = (s: string) => console.log(s);
  const t0 = performance.now();
  const sizes = { train: n("train"), valid: n("valid"), test: n("test") };
  // The tagger (assets/models/, trained first by npm run train:embedded, or --tagger) writes the placeholders, as at run time.
  const tagger = input !== "normalized" ? await ValueTagger.load(values.tagger!, ENGINE_MODULES.onnxRuntime) : undefined;
  const dataset = async (examples: Iterable<Example>) => {
    const list = [...examples];
    return toDataset(list, await classifierTexts(list, input, tagger), config);
  };
  const trainSet = await dataset(generateSplit(seed, "train", sizes.train));
  const validSet = await dataset(generateSplit(seed, "valid", sizes.valid));
  const testSet = await dataset(generateSplit(seed, "test", sizes.test));
  const smokeSet = await dataset(readJsonl(join(__dirname, "../data/smoke.jsonl")));
  // Measured, never tuned on: the number that decides (training/README.md, "Natural dev set").
  const devSet = await dataset(readJsonl(join(__dirname, "../data/dev-natural.jsonl")));
  const terseSet = await dataset(readJsonl(join(__dirname, "../data/dev-terse.jsonl")));
  // New requests from the training phrasings and slot pools (another seed): the in-distribution number.
  const seenSet = await dataset(generateSplit(seed + 1000, "train", sizes.test));
  log(
    `data: ${sizes.train} train, ${sizes.valid} valid, ${sizes.test} test (seed ${seed}), normalized and featurized in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );

  const rng = new Rng(seed);
  const pooling = PoolingSchema.parse(values.pooling);
  const weights = initWeights(rng, config.buckets, n("embedding"), n("hidden"), pooling);
  const t1 = performance.now();
  train(weights, trainSet, {
    epochs: n("epochs"),
    lr: n("lr"),
    embeddingLr: n("embedding-lr"),
    ...(values["score-lr"] !== undefined ? { scoreLr: n("score-lr") } : {}),
    dropout: n("dropout"),
    rng,
    log,
  });
  log(`trained in ${((performance.now() - t1) / 1000).toFixed(1)} s`);

  const chosen = chooseThresholds(predict(weights, validSet), validSet);
  const labeled = { labels: [...LABELS], ...chosen };
  const results = {
    valid: measure(labeled, predict(weights, validSet), validSet),
    test: measure(labeled, predict(weights, testSet), testSet),
    smoke: measure(labeled, predict(weights, smokeSet), smokeSet),
    devNatural: measure(labeled, predict(weights, devSet), devSet),
    devTerse: measure(labeled, predict(weights, terseSet), terseSet),
    trainPhrasings: measure(labeled, predict(weights, seenSet), seenSet),
  };
  for (const [k, v] of Object.entries(results)) log(`${k.padEnd(5)} ${JSON.stringify(v)}`);
  if (process.env.SHOW_ERRORS) {
    const examples = [...generateSplit(seed, "valid", sizes.valid)];
    predict(weights, validSet).forEach((p, k) => {
      const gold = LABELS.filter((_, l) => validSet.targets[k * L + l] === 1 && l < L - 1);
      const sel = selectLabels(labeled, p);
      if (!gold.every((g) => sel.includes(g)) || (gold.length === 0 && sel.length > 0))
        log(`ERR ${examples[k]!.query}\n    gold ${gold.join(",") || "OOS"} | sel ${sel.join(",") || "OOS"} | oos ${p[L - 1]!.toFixed(2)}`);
    });
  }

  mkdirSync(values.out, { recursive: true });
  const onnxFile = "toolrag-classifier.onnx";
  const bytes = encodeOnnx(weights, { labels: LABELS.join(","), seed: String(seed) });
  writeFileSync(join(values.out, onnxFile), bytes);
  const sidecar: ClassifierSidecar = {
    format: "tinyagent-toolrag-classifier/1",
    labels: [...LABELS],
    featurizer: config,
    input,
    ...chosen,
    onnx: { file: onnxFile, sha256: createHash("sha256").update(bytes).digest("hex"), bytes: bytes.length },
    architecture: { embedding: weights.embedding, hidden: weights.hidden },
    training: {
      seed,
      examples: sizes,
      epochs: n("epochs"),
      command: ["npm run train:classifier", ...(argv.length > 0 ? ["--", ...argv] : [])].join(" "),
    },
    results,
  };
  writeFileSync(join(values.out, "toolrag-classifier.json"), JSON.stringify(sidecar, null, 2) + "\n");
  log(
    `wrote ${join(values.out, onnxFile)} (${(bytes.length / 1e6).toFixed(1)} MB) and toolrag-classifier.json in ${((performance.now() - t0) / 1000).toFixed(1)} s total`,
  );
}

if (require.main === module)
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
