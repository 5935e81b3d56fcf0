/**
 * The classifier's network as plain arrays: the request's embedding rows pooled (their mean, or
 * with attention pooling a softmax-weighted sum, each row weighted by a learned score of its
 * feature) → dense + ReLU → dense → sigmoid. The same arithmetic as the ONNX graph (Gather →
 * ReduceMean, or Gather scores → Softmax → Transpose → MatMul → Gemm → Relu → Gemm → Sigmoid);
 * training uses it, and a test holds the exported ONNX model to it.
 */
export interface MlpWeights {
  buckets: number;
  embedding: number;
  hidden: number;
  labels: number;
  /** [buckets × embedding] */
  E: Float32Array;
  /** [hidden × embedding] */
  W1: Float32Array;
  b1: Float32Array;
  /** [labels × hidden] */
  W2: Float32Array;
  b2: Float32Array;
  /**
   * [buckets] one score per feature, for attention pooling: how much its row counts against the
   * request's other features (absent: the plain mean). A feature that names the action can learn
   * to outweigh the many that spell a name or a file.
   */
  S?: Float32Array;
}

export interface Activations {
  /** The pooled row (the mean, or the attention-weighted sum). */
  mean: Float32Array;
  /** Each feature's pooling weight (attention pooling only). */
  alpha?: Float32Array;
  hidden: Float32Array;
  probabilities: Float32Array;
}

export function forward(w: MlpWeights, ids: Int32Array, out?: Activations): Activations {
  const D = w.embedding;
  const H = w.hidden;
  const L = w.labels;
  const a = out ?? { mean: new Float32Array(D), hidden: new Float32Array(H), probabilities: new Float32Array(L) };
  const mean = a.mean;
  mean.fill(0);
  if (w.S) {
    if (!a.alpha || a.alpha.length < ids.length) a.alpha = new Float32Array(Math.max(64, ids.length * 2));
    const alpha = a.alpha;
    let max = -Infinity;
    for (let k = 0; k < ids.length; k++) max = Math.max(max, w.S[ids[k]!]!);
    let total = 0;
    for (let k = 0; k < ids.length; k++) total += alpha[k] = Math.exp(w.S[ids[k]!]! - max);
    for (let k = 0; k < ids.length; k++) {
      const weight = (alpha[k]! /= total);
      const row = ids[k]! * D;
      for (let d = 0; d < D; d++) mean[d]! += weight * w.E[row + d]!;
    }
  } else {
    for (let k = 0; k < ids.length; k++) {
      const row = ids[k]! * D;
      for (let d = 0; d < D; d++) mean[d]! += w.E[row + d]!;
    }
    const inv = 1 / ids.length;
    for (let d = 0; d < D; d++) mean[d]! *= inv;
  }
  for (let h = 0; h < H; h++) {
    let s = w.b1[h]!;
    const row = h * D;
    for (let d = 0; d < D; d++) s += w.W1[row + d]! * mean[d]!;
    a.hidden[h] = s > 0 ? s : 0;
  }
  for (let l = 0; l < L; l++) {
    let s = w.b2[l]!;
    const row = l * H;
    for (let h = 0; h < H; h++) s += w.W2[row + h]! * a.hidden[h]!;
    a.probabilities[l] = 1 / (1 + Math.exp(-s));
  }
  return a;
}
