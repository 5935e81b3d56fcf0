import { z } from "zod";

/**
 * What the classifier reads: the normalized request, the same with its values as typed
 * placeholders ("text NAME1 that TEXT1") as the value tagger writes them, or both one after the other.
 */
export const ClassifierInputSchema = z.enum(["normalized", "delexicalized", "both"]);
export type ClassifierInput = z.infer<typeof ClassifierInputSchema>;

/**
 * The text a classifier reads, in training and at run time alike. Without a delexicalized text (no
 * values stage ran) every kind reads the normalized request.
 */
export function classifierText(input: ClassifierInput, normalized: string, delexicalized: string | undefined): string {
  if (input === "normalized" || delexicalized === undefined) return normalized;
  return input === "delexicalized" ? delexicalized : `${normalized}\n${delexicalized}`;
}

/** assets/models/toolrag-classifier.json: what a run needs besides the .onnx, and where it came from. */
export const ClassifierSidecarSchema = z.object({
  format: z.literal("tinyagent-toolrag-classifier/1"),
  /** Output columns in order: the 16 tools (TinyAgent label order), then "out_of_scope". */
  labels: z.array(z.string().min(1)).min(2),
  featurizer: z.object({
    buckets: z.number().int().positive(),
    charMin: z.number().int().positive(),
    charMax: z.number().int().positive(),
  }),
  input: ClassifierInputSchema.default("normalized"),
  /** A label is selected when its probability is at least its threshold. */
  thresholds: z.record(z.string(), z.number().min(0).max(1)),
  /** At or above this out-of-scope probability nothing is selected. */
  outOfScopeThreshold: z.number().min(0).max(1),
  onnx: z.object({ file: z.string().min(1), sha256: z.string().regex(/^[0-9a-f]{64}$/), bytes: z.number().int().positive() }),
  /**
   * Thresholds for the mean of this classifier's probabilities and a value tagger's tool head,
   * chosen on the validation split as the classifier's own are (training/tagger/toolHead.ts
   * --write). They hold for that tagger's ONNX file alone (its SHA-256); with any other tagger the
   * classifier decides alone.
   */
  withTaggerHead: z
    .object({
      tagger: z.string().regex(/^[0-9a-f]{64}$/),
      thresholds: z.record(z.string(), z.number().min(0).max(1)),
      outOfScopeThreshold: z.number().min(0).max(1),
    })
    .optional(),
  architecture: z.object({ embedding: z.number().int().positive(), hidden: z.number().int().positive() }),
  training: z.object({
    seed: z.number().int(),
    examples: z.object({ train: z.number().int(), valid: z.number().int(), test: z.number().int() }),
    epochs: z.number().int(),
    command: z.string(),
  }),
  /** Measured at training time on the generator's held-out test split and on smoke.jsonl. */
  results: z.record(z.string(), z.unknown()).optional(),
});
export type ClassifierSidecar = z.infer<typeof ClassifierSidecarSchema>;
