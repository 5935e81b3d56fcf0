import { defaultModel, findModel, type Manifest, type PlannerEntry } from "../../agent/models/manifest";
import { AgentError } from "../../agent/errors";

/** Where the planner chosen in Manage Models is kept (LocalStorage). */
export const STORED_PLANNER_KEY = "plannerModel";

export type PlannerSource = "preference" | "manage-models" | "manifest";

/**
 * The planner TinyAgent uses: the "Planner Model" preference when it names one, else the one chosen
 * in Manage Models, else the manifest's default. An id that is no longer a planner in the manifest
 * is passed over.
 */
export function choosePlanner(
  manifest: Manifest,
  preference: string | undefined,
  stored: string | undefined,
): { entry: PlannerEntry; source: PlannerSource } {
  const planner = (id: string | undefined) => {
    const entry = id === undefined ? undefined : findModel(manifest, id);
    return entry?.role === "planner" ? entry : undefined;
  };
  const fromPreference = planner(preference);
  if (fromPreference) return { entry: fromPreference, source: "preference" };
  const fromStore = planner(stored);
  if (fromStore) return { entry: fromStore, source: "manage-models" };
  const fallback = defaultModel(manifest, "planner") ?? manifest.models.find((m): m is PlannerEntry => m.role === "planner");
  if (!fallback) throw new AgentError("The model manifest lists no planner model. Reinstall TinyAgent.", "no_planner");
  return { entry: fallback, source: "manifest" };
}
