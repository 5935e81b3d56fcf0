import { defaultModel, findModel, type Manifest, type PlannerEntry } from "../../agent/models/manifest";
import { AgentError } from "../../core/errors";

/**
 * The planner TinyAgent uses: the one the "Planner Model" preference names (the only place it is
 * chosen, as the store asks), else the manifest's default. An id that is not a planner in the
 * manifest (a model since removed) is passed over.
 */
export function choosePlanner(manifest: Manifest, preference: string | undefined): { entry: PlannerEntry; fromPreference: boolean } {
  const chosen = preference === undefined ? undefined : findModel(manifest, preference);
  if (chosen?.role === "planner") return { entry: chosen, fromPreference: true };
  const fallback = defaultModel(manifest, "planner") ?? manifest.models.find((m): m is PlannerEntry => m.role === "planner");
  if (!fallback) throw new AgentError("The model manifest lists no planner model. Reinstall TinyAgent.", "no_planner");
  return { entry: fallback, fromPreference: false };
}
