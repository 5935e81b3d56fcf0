import { join } from "node:path";
import { OUT_OF_SCOPE, ToolClassifier } from "../classifier/toolClassifier";
import { AgentError } from "./errors";
import type { ToolScore, ToolSelection, ToolSelector } from "./pipeline";
import { TOOL_NAMES, type ToolName } from "./tools/catalog";

/** Where the shipped classifier lives (its sidecar names the .onnx next to it). */
export const DEFAULT_CLASSIFIER_PATH = join(__dirname, "../../models/toolrag-classifier.json");

/**
 * The ToolRAG step backed by the trained classifier: the tools at or above their thresholds, most
 * likely first; none when the request is out of scope (the pipeline then answers join() alone).
 * With `offerAll`, every tool is offered (a given plan may use any) and the classifier's own pick
 * is reported in `classified`.
 */
export class ClassifierSelector implements ToolSelector {
  private constructor(
    private readonly classifier: ToolClassifier,
    private readonly offerAll: boolean,
  ) {}

  static async load(options: { path?: string; offerAll?: boolean } = {}): Promise<ClassifierSelector> {
    let classifier: ToolClassifier;
    try {
      classifier = await ToolClassifier.load(options.path ?? DEFAULT_CLASSIFIER_PATH);
    } catch (cause) {
      throw new AgentError((cause as Error).message, "classifier_unavailable", { cause });
    }
    const expected = [...TOOL_NAMES, OUT_OF_SCOPE];
    if (classifier.labels.join(",") !== expected.join(",")) {
      throw new AgentError(
        "The tool classifier was trained for a different tool list, so its answers cannot be trusted. Retrain it with `npm run train:classifier`.",
        "classifier_labels",
        { cause: new Error(`labels ${classifier.labels.join(",")}`) },
      );
    }
    return new ClassifierSelector(classifier, options.offerAll ?? false);
  }

  async select(query: string): Promise<ToolSelection> {
    const { probabilities, selected } = await this.classifier.classify(query);
    const scores: ToolScore[] = TOOL_NAMES.map((tool, i) => ({ tool, probability: probabilities[i]! }));
    const picked = selected.map((tool) => scores.find((s) => s.tool === (tool as ToolName))!);
    const outOfScope = probabilities[TOOL_NAMES.length]!;
    if (!this.offerAll) return { selected: picked, scores, outOfScope };
    const all = [...scores].sort((a, b) => b.probability - a.probability);
    return { selected: all, scores, classified: picked, outOfScope };
  }
}
