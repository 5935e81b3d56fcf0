import { z } from "zod";
import { LLAMA_START_OPTIONS, loadNodeLlamaCpp, loadOnnxRuntime, prepareEngines } from "../engineLoader";
import { EngineNameSchema } from "../engineLock";
import { ToolClassifier } from "../../classifier/toolClassifier";
import { TINY_ONNX, tinyOnnxExpected } from "./tinyOnnx";

/**
 * Loads the engines through the engine loader (whatever source it is set to) and runs a tiny model
 * through each once, timing every step. Runs inside the check worker, a thread with a small heap as
 * Raycast gives an extension.
 */

export const EngineCheckRequestSchema = z.object({
  /** An engine folder; absent: the project's own dependencies. */
  dir: z.string().optional(),
  /** A download cache for an install the check triggers (tests). */
  cacheDir: z.string().optional(),
  engines: z.array(EngineNameSchema).min(1),
  ggufPath: z.string(),
  onnxPath: z.string(),
  threads: z.number().int().positive(),
  /** Tokens to generate after the prompt. */
  generate: z.number().int().positive().default(4),
  /** The embedded tool classifier's sidecar: when given, it classifies a sample request too. */
  classifierSidecar: z.string().optional(),
});
export type EngineCheckRequest = z.input<typeof EngineCheckRequestSchema>;

export const LlamaCheckSchema = z.object({
  importMs: z.number(),
  getLlamaMs: z.number(),
  loadModelMs: z.number(),
  evaluateMs: z.number(),
  buildType: z.string(),
  gpu: z.string(),
  promptTokens: z.number(),
  generatedTokens: z.array(z.number()),
  /** What llama.cpp logged at warning level or worse. */
  warnings: z.array(z.string()),
});

export const OnnxCheckSchema = z.object({
  importMs: z.number(),
  sessionMs: z.number(),
  runMs: z.number(),
  output: z.array(z.number()),
  expected: z.array(z.number()),
  maxAbsError: z.number(),
});

export const ClassifierCheckSchema = z.object({
  loadMs: z.number(),
  classifyMs: z.number(),
  query: z.string(),
  selected: z.array(z.string()),
});

export const EngineCheckReportSchema = z.object({
  source: z.string(),
  /** Checking (sizes) the installation in the engine folder, installing it when needed. */
  prepareMs: z.number(),
  /** Whether the check had to install (a first run, as in Raycast), and why. */
  install: z.object({ installed: z.boolean(), reason: z.string().optional() }).optional(),
  llama: LlamaCheckSchema.optional(),
  onnx: OnnxCheckSchema.optional(),
  classifier: ClassifierCheckSchema.optional(),
  heapUsedMb: z.number(),
  heapLimitMb: z.number(),
});
export type EngineCheckReport = z.infer<typeof EngineCheckReportSchema>;

const elapsed = (since: number) => Math.round((performance.now() - since) * 10) / 10;

export async function runEngineCheck(input: EngineCheckRequest): Promise<Omit<EngineCheckReport, "heapUsedMb" | "heapLimitMb">> {
  const request = EngineCheckRequestSchema.parse(input);
  const start = performance.now();
  const outcome = await prepareEngines();
  const report: Omit<EngineCheckReport, "heapUsedMb" | "heapLimitMb"> = {
    source: request.dir ?? "project node_modules",
    prepareMs: elapsed(start),
    install: outcome && { installed: outcome.installed, reason: outcome.reason },
  };
  if (request.engines.includes("node-llama-cpp")) report.llama = await checkLlama(request);
  if (request.engines.includes("onnxruntime-node")) report.onnx = await checkOnnx(request);
  if (request.engines.includes("onnxruntime-node") && request.classifierSidecar)
    report.classifier = await checkClassifier(request.classifierSidecar);
  return report;
}

async function checkLlama(request: z.infer<typeof EngineCheckRequestSchema>): Promise<z.infer<typeof LlamaCheckSchema>> {
  let start = performance.now();
  const { getLlama, LlamaLogLevel } = await loadNodeLlamaCpp();
  const importMs = elapsed(start);

  const warnings: string[] = [];
  start = performance.now();
  const llama = await getLlama({
    ...LLAMA_START_OPTIONS,
    logLevel: LlamaLogLevel.warn,
    logger: (level, message) => {
      if (level === LlamaLogLevel.warn || level === LlamaLogLevel.error || level === LlamaLogLevel.fatal)
        warnings.push(`${level}: ${message.trim()}`);
    },
  });
  const getLlamaMs = elapsed(start);
  try {
    start = performance.now();
    const model = await llama.loadModel({ modelPath: request.ggufPath, gpuLayers: 0 });
    const loadModelMs = elapsed(start);

    start = performance.now();
    const context = await model.createContext({ contextSize: 128, threads: request.threads });
    const prompt = model.tokenize("the tiny agent plans");
    const generatedTokens: number[] = [];
    for await (const token of context.getSequence().evaluate(prompt, { temperature: 0 })) {
      generatedTokens.push(token);
      if (generatedTokens.length >= request.generate) break;
    }
    const evaluateMs = elapsed(start);
    await context.dispose();
    await model.dispose();
    return {
      importMs,
      getLlamaMs,
      loadModelMs,
      evaluateMs,
      buildType: llama.buildType,
      gpu: String(llama.gpu),
      promptTokens: prompt.length,
      generatedTokens,
      warnings,
    };
  } finally {
    await llama.dispose();
  }
}

async function checkOnnx(request: z.infer<typeof EngineCheckRequestSchema>): Promise<z.infer<typeof OnnxCheckSchema>> {
  let start = performance.now();
  const ort = await loadOnnxRuntime();
  const importMs = elapsed(start);

  start = performance.now();
  const session = await ort.InferenceSession.create(request.onnxPath, { intraOpNumThreads: request.threads });
  const sessionMs = elapsed(start);
  try {
    start = performance.now();
    const x = new ort.Tensor("float32", Float32Array.from(TINY_ONNX.input), [1, 4]);
    const result = await session.run({ x });
    const runMs = elapsed(start);
    const output = Array.from(result.y!.data as Float32Array);
    const expected = tinyOnnxExpected();
    const maxAbsError = Math.max(...output.map((v, i) => Math.abs(v - expected[i]!)));
    return { importMs, sessionMs, runMs, output, expected, maxAbsError };
  } finally {
    await session.release();
  }
}

/** The embedded ToolRAG classifier, loaded and run once as the pipeline runs it. */
async function checkClassifier(sidecarPath: string): Promise<z.infer<typeof ClassifierCheckSchema>> {
  const query = "Text Sid that I'm running 10 minutes late";
  let start = performance.now();
  const classifier = await ToolClassifier.load(sidecarPath, loadOnnxRuntime);
  const loadMs = elapsed(start);
  start = performance.now();
  const { selected } = await classifier.classify(query);
  return { loadMs, classifyMs: elapsed(start), query, selected };
}
