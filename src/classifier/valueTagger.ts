import type { InferenceSession } from "onnxruntime-node";
import { z } from "zod";
import { AgentError } from "../core/errors";
import { timeSpans } from "../core/values/timeSpans";
import type { ValueSpan } from "../core/values/valueTypes";
import { bioViterbi } from "./bioViterbi";
import type { OnnxRuntime } from "../core/engineModules";
import { onePerPath, openCheckedOnnxModel } from "./checkedOnnxModel";
import { FEATURES_PER_TOKEN, TAGGER_LABELS, labelSpans, taggerFeatures } from "./taggerFeatures";

/** assets/models/value-tagger.json: what a run needs besides the .onnx, and how it was made. */
export const TaggerSidecarSchema = z.object({
  labels: z.array(z.string().min(1)).min(2),
  buckets: z.number().int().positive(),
  featuresPerToken: z.number().int().positive(),
  onnx: z.object({ file: z.string().min(1), sha256: z.string().regex(/^[0-9a-f]{64}$/), bytes: z.number().int().positive() }),
  training: z.record(z.string(), z.unknown()),
  results: z.record(z.string(), z.unknown()).optional(),
});
export type TaggerSidecar = z.infer<typeof TaggerSidecarSchema>;

/**
 * The tagger's own reading of which tools the request needs, from a model trained with a tool head
 * (train.py --tools-weight): one probability per classifier label. `model` is the SHA-256 of the
 * tagger's ONNX file, so a classifier uses it only with the thresholds chosen for that very model.
 */
export interface TaggerToolVotes {
  probabilities: Float32Array;
  model: string;
}

/** What the tagger reads in a normalized request: its values and, with a tool head, its tool votes. */
export interface TaggedValues {
  spans: ValueSpan[];
  tools?: TaggerToolVotes;
}

export class TaggerError extends AgentError {
  override name = "TaggerError";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, "tagger_unavailable", options);
  }
}

/** The second output of a tagger trained with a tool head (training/tagger/train.py --tools-weight). */
const TOOL_HEAD_OUTPUT = "tools";

/** Values that never end inside a run of non-space characters: a file name, an email address. */
const WHOLE_CHUNK: ReadonlySet<ValueSpan["type"]> = new Set(["FILE", "EMAIL"]);

/**
 * Widens a span to the whole space-delimited chunk it sits in, less the punctuation around it, so
 * "Plan_v2" in "Plan_v2.pdf," becomes "Plan_v2.pdf": a tagger that stops at the dot would send a
 * file name without its extension.
 */
export function wholeChunk(text: string, span: ValueSpan): ValueSpan {
  let start = span.start;
  let end = span.end;
  while (start > 0 && !/\s/.test(text[start - 1]!)) start--;
  while (end < text.length && !/\s/.test(text[end]!)) end++;
  while (start < span.start && /["'“‘(<[]/.test(text[start]!)) start++;
  while (end > span.end && /[.,;:!?"'”’)>\]]/.test(text[end - 1]!)) end--;
  return { ...span, start, end };
}

/**
 * Finds the values in a normalized request that a plan copies: names, addresses, files, places,
 * titles, messages, folders (the ONNX tagger, through onnxruntime-node), and the times the
 * normalizer wrote (by pattern). Overlaps are resolved by delexicalize().
 */
/** A value holds a letter or a digit: a span of commas and spaces is a tagging slip, not a value. */
const VALUE_CHARACTER = /[\p{L}\p{N}]/u;
/** Separators at a span's edges belong to the list around it, never to the value ("Sid, " → "Sid"). */
const EDGE_SEPARATORS = /[\s,;]/u;

function trimmed(text: string, span: ValueSpan): ValueSpan {
  let { start, end } = span;
  while (start < end && EDGE_SEPARATORS.test(text[start]!)) start++;
  while (end > start && EDGE_SEPARATORS.test(text[end - 1]!)) end--;
  if (CLOSED_NAMES.has(span.type)) {
    // A name ends before the sentence's period or a bracket it did not open, but keeps an initial ("Dr.", "Anna K.").
    const piece = () => text.slice(start, end);
    if (piece().endsWith(")") && !piece().includes("(")) end--;
    if (piece().endsWith(".") && !/(^|\s)\p{L}{1,2}\.$/u.test(piece())) end--;
    while (end > start && EDGE_SEPARATORS.test(text[end - 1]!)) end--;
  }
  return { ...span, start, end };
}

/** Names of people, notes and folders: never end in a sentence's punctuation. */
const CLOSED_NAMES: ReadonlySet<ValueSpan["type"]> = new Set(["NAME", "NOTE", "FOLDER"]);

/**
 * The first span of each value: a name said twice ("text Sid … and call Sid") is one value, and the
 * planner reads the request with only its first mention as a placeholder, as it was trained.
 */
function firstMentions(text: string, spans: readonly ValueSpan[]): ValueSpan[] {
  const seen = new Set<string>();
  return spans.filter((s) => {
    const key = `${s.type}:${text.slice(s.start, s.end).toLowerCase()}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export class ValueTagger {
  private constructor(
    readonly sidecar: TaggerSidecar,
    private readonly session: InferenceSession,
    private readonly ort: OnnxRuntime,
  ) {}

  private static readonly loadOnce = onePerPath(async (sidecarPath: string, onnxRuntime: () => Promise<OnnxRuntime>) => {
    const { sidecar, session, ort } = await openCheckedOnnxModel(sidecarPath, {
      onnxRuntime,
      schema: TaggerSidecarSchema,
      what: "value tagger",
      fix: "Restore the assets/models/ folder from the repository, or retrain it (training/README.md).",
      fail: (message, cause) => new TaggerError(message, { cause }),
      check: (s) =>
        s.featuresPerToken !== FEATURES_PER_TOKEN || s.labels.join() !== TAGGER_LABELS.join()
          ? `The value tagger ${sidecarPath} was trained with other features or labels than this version reads.`
          : undefined,
    });
    return new ValueTagger(sidecar, session, ort);
  });

  /** The tagger a sidecar describes, loaded once per process, its .onnx checked against its SHA-256. */
  static load(sidecarPath: string, onnxRuntime: () => Promise<OnnxRuntime>): Promise<ValueTagger> {
    return ValueTagger.loadOnce(sidecarPath, onnxRuntime);
  }

  /** The tagged spans and the times, in order of position (they may overlap; the first wins later). */
  async spans(text: string): Promise<ValueSpan[]> {
    return (await this.read(text)).spans;
  }

  /** The spans, as spans() gives them, and the tool head's votes when the model has one. */
  async read(text: string): Promise<TaggedValues> {
    const { tokens, ids } = taggerFeatures(text, this.sidecar.buckets);
    const times = timeSpans(text);
    if (tokens.length === 0) return { spans: times };
    const [inputName] = this.session.inputNames;
    const [outputName] = this.session.outputNames;
    const out = await this.session.run({ [inputName!]: new this.ort.Tensor("int64", ids, [1, tokens.length, FEATURES_PER_TOKEN]) });
    const logits = out[outputName!]!.data as Float32Array;
    const head = out[TOOL_HEAD_OUTPUT];
    const tools = head ? { probabilities: Float32Array.from(head.data as Float32Array), model: this.sidecar.onnx.sha256 } : undefined;
    const width = this.sidecar.labels.length;
    const labels = bioViterbi(logits, tokens.length, width);
    // Times come from the normalizer's format; a tagged span that only covers a time is dropped.
    const tagged = firstMentions(
      text,
      labelSpans(tokens, labels)
        .map((s) => (WHOLE_CHUNK.has(s.type) ? wholeChunk(text, s) : trimmed(text, s)))
        .filter((s) => s.end > s.start && VALUE_CHARACTER.test(text.slice(s.start, s.end)))
        .filter((s) => !times.some((t) => s.start >= t.start && s.end <= t.end)),
    );
    // Two pieces of one file name widen to the same span: keep it once.
    const unique = [...new Map([...times, ...tagged].map((s) => [`${s.type}:${s.start}:${s.end}`, s])).values()];
    return { spans: unique.sort((a, b) => a.start - b.start || b.end - a.end), ...(tools ? { tools } : {}) };
  }
}
