import type { Planner, PlanRequest } from "./pipeline";

/**
 * A planner that "writes" a plan it was given — a plan file, a stored prediction, an edited plan —
 * streamed line by line through the same parser a model's output goes through.
 */
export class TextPlanner implements Planner {
  constructor(private readonly text: string) {}

  async *plan(request: PlanRequest): AsyncIterable<string> {
    for (const line of this.text.split(/(?<=\n)/)) {
      if (request.signal?.aborted) return;
      yield line;
    }
  }
}
