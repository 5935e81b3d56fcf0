import type { InferenceSession } from "onnxruntime-node";
import { AgentError } from "../core/errors";
import type { OnnxRuntime } from "../core/engineModules";
import { onePerPath, openCheckedOnnxModel } from "./checkedOnnxModel";
import { featurize, type FeaturizerConfig } from "./featurizer";
import { ClassifierSidecarSchema, type ClassifierSidecar } from "./sidecar";

/** The label that means "no tool can serve this request". */
export const OUT_OF_SCOPE = "out_of_scope";

export interface Classification {
  /** Every label's probability, in the sidecar's label order (the tools, then out_of_scope). */
  probabilities: Float32Array;
  /** The labels at or above their thresholds, most likely first; empty means out of scope. */
  selected: string[];
  timingsMs: { featurize: number; run: number };
}

/** A failure a person can act on (what happened, what to do), with the cause for developers. */
export class ClassifierError extends AgentError {
  override name = "ClassifierError";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, "classifier_unavailable", options);
  }
}

/**
 * The ToolRAG classifier: the shared featurizer, then the exported ONNX model through
 * onnxruntime-node, then the thresholds chosen on the validation split.
 */
export class ToolClassifier {
  private static readonly loadOnce = onePerPath(async (sidecarPath: string, onnxRuntime: () => Promise<OnnxRuntime>) => {
    const { sidecar, session, ort } = await openCheckedOnnxModel(sidecarPath, {
      onnxRuntime,
      schema: ClassifierSidecarSchema,
      what: "tool classifier",
      fix: "Restore the assets/models/ folder from the repository, or retrain with `npm run train:classifier`.",
      fail: (message, cause) => new ClassifierError(message, { cause }),
    });
    return new ToolClassifier(sidecar, session, ort);
  });

  private constructor(
    readonly sidecar: ClassifierSidecar,
    private readonly session: InferenceSession,
    private readonly ort: OnnxRuntime,
  ) {}

  get labels(): readonly string[] {
    return this.sidecar.labels;
  }

  /**
   * The classifier described by a sidecar, loaded once per process: the file is read and its
   * SHA-256 checked once, and every request shares one onnxruntime session.
   */
  static load(sidecarPath: string, onnxRuntime: () => Promise<OnnxRuntime>): Promise<ToolClassifier> {
    return ToolClassifier.loadOnce(sidecarPath, onnxRuntime);
  }

  get featurizer(): FeaturizerConfig {
    return this.sidecar.featurizer;
  }

  async probabilities(text: string): Promise<{ probabilities: Float32Array; timingsMs: Classification["timingsMs"] }> {
    const t0 = performance.now();
    const ids = featurize(text, this.sidecar.featurizer);
    const input = new BigInt64Array(ids.length);
    for (let i = 0; i < ids.length; i++) input[i] = BigInt(ids[i]!);
    const t1 = performance.now();
    const [inputName] = this.session.inputNames;
    const [outputName] = this.session.outputNames;
    const out = await this.session.run({ [inputName!]: new this.ort.Tensor("int64", input, [ids.length]) });
    const probabilities = Float32Array.from(out[outputName!]!.data as Float32Array);
    return { probabilities, timingsMs: { featurize: t1 - t0, run: performance.now() - t1 } };
  }

  async classify(text: string): Promise<Classification> {
    const { probabilities, timingsMs } = await this.probabilities(text);
    return { probabilities, selected: selectLabels(this.sidecar, probabilities), timingsMs };
  }
}

/** The labels at or above their thresholds, most likely first; nothing when out of scope wins. */
export function selectLabels(
  sidecar: Pick<ClassifierSidecar, "labels" | "thresholds" | "outOfScopeThreshold">,
  p: ArrayLike<number>,
): string[] {
  const oos = sidecar.labels.indexOf(OUT_OF_SCOPE);
  if (oos >= 0 && p[oos]! >= sidecar.outOfScopeThreshold) return [];
  return sidecar.labels
    .map((label, i) => ({ label, p: p[i]! }))
    .filter(({ label, p }) => label !== OUT_OF_SCOPE && p >= (sidecar.thresholds[label] ?? 0.5))
    .sort((a, b) => b.p - a.p)
    .map(({ label }) => label);
}
