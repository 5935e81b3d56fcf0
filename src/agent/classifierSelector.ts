import { OUT_OF_SCOPE, selectLabels, ToolClassifier } from "../classifier/toolClassifier";
import type { TaggerToolVotes } from "../classifier/valueTagger";
import type { ClassifierSidecar } from "../classifier/sidecar";
import { classifierText } from "../classifier/sidecar";
import type { OnnxRuntime } from "../core/engineModules";
import { AgentError } from "../core/errors";
import type { TaggedRequest, ToolScore, ToolSelection, ToolSelector } from "./pipeline";
import { TOOL_NAMES, type ToolName } from "../core/tools/names";

export interface ClassifierSelectorOptions {
  /** Tools the person switched on; the others are never offered, whatever the classifier says. */
  enabledTools?: readonly ToolName[];
  /** Offer every enabled tool (a given plan may use any); the classifier's pick goes in `classified`. */
  offerAll?: boolean;
}

/**
 * The ToolRAG step backed by the trained classifier: the tools at or above their thresholds, most
 * likely first; none when the request is out of scope (the pipeline then answers join() alone).
 */
export class ClassifierSelector implements ToolSelector {
  private constructor(
    private readonly classifier: ToolClassifier,
    private readonly options: ClassifierSelectorOptions,
  ) {}

  /** Loads the classifier from its sidecar (the JSON next to its .onnx). */
  static async load(
    sidecarPath: string,
    onnxRuntime: () => Promise<OnnxRuntime>,
    options: ClassifierSelectorOptions = {},
  ): Promise<ClassifierSelector> {
    const classifier = await ToolClassifier.load(sidecarPath, onnxRuntime);
    const expected = [...TOOL_NAMES, OUT_OF_SCOPE];
    if (classifier.labels.join(",") !== expected.join(",")) {
      throw new AgentError(
        "The tool classifier was trained for a different tool list, so its answers cannot be trusted. Retrain it with `npm run train:classifier`.",
        "classifier_labels",
        { cause: new Error(`labels ${classifier.labels.join(",")}`) },
      );
    }
    return new ClassifierSelector(classifier, options);
  }

  async select(query: string, tagged?: TaggedRequest): Promise<ToolSelection> {
    // A classifier trained on placeholders reads them when a values stage ran (a planner over
    // placeholders); otherwise it gets the normalized text.
    const own = await this.classifier.probabilities(classifierText(this.classifier.sidecar.input, query, tagged?.delexicalized));
    const { probabilities, selected } = withTaggerVotes(this.classifier.sidecar, own.probabilities, tagged?.tools);
    const enabled = new Set(this.options.enabledTools ?? TOOL_NAMES);
    const scores: ToolScore[] = TOOL_NAMES.map((tool, i) => ({ tool, probability: probabilities[i]! }));
    const picked = selected.filter((t) => enabled.has(t as ToolName)).map((tool) => scores.find((s) => s.tool === (tool as ToolName))!);
    const outOfScope = probabilities[TOOL_NAMES.length]!;
    if (!this.options.offerAll) return { selected: picked, scores, outOfScope };
    const all = scores.filter((s) => enabled.has(s.tool)).sort((a, b) => b.probability - a.probability);
    return { selected: all, scores, classified: picked, outOfScope };
  }
}

/**
 * The classifier's probabilities averaged with the value tagger's tool votes, and the labels the
 * thresholds chosen for that pair select — when the sidecar has thresholds for this very tagger
 * model. Otherwise the classifier decides alone, with its own thresholds.
 */
export function withTaggerVotes(
  sidecar: ClassifierSidecar,
  own: Float32Array,
  votes: TaggerToolVotes | undefined,
): { probabilities: Float32Array; selected: string[] } {
  const pair = sidecar.withTaggerHead;
  if (!pair || !votes || votes.model !== pair.tagger || votes.probabilities.length !== own.length) {
    return { probabilities: own, selected: selectLabels(sidecar, own) };
  }
  const probabilities = own.map((p, i) => (p + votes.probabilities[i]!) / 2);
  return { probabilities, selected: selectLabels({ labels: sidecar.labels, ...pair }, probabilities) };
}
