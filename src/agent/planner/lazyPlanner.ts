import type { Planner, PlanRequest } from "../pipeline";

/**
 * A planner made on first use: loading a model (or finding it is not downloaded) waits until a
 * request actually needs planning, so requests the classifier answers alone never touch it.
 */
export function lazyPlanner(make: () => Promise<Planner>): Planner {
  let planner: Promise<Planner> | undefined;
  return {
    async *plan(request: PlanRequest) {
      planner ??= make().catch((error: unknown) => {
        planner = undefined;
        throw error;
      });
      yield* (await planner).plan(request);
    },
  };
}
