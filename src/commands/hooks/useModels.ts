import { usePromise } from "@raycast/utils";
import { useCallback, useEffect, useRef, useState } from "react";
import type { ModelEntry } from "../../agent/models/manifest";
import type { ModelStatus } from "../../agent/models/modelStore";
import { choosePlanner } from "../models/plannerChoice";
import type { Services } from "../services";

export interface ModelsState {
  statuses: Record<string, ModelStatus>;
  /** Downloads in progress: model id → progress text. */
  downloads: Record<string, string>;
  plannerId?: string;
  isLoading: boolean;
}

/** Each model's state on disk, and the planner the preference chooses. */
async function inspectModels(services: Services): Promise<Pick<ModelsState, "statuses" | "plannerId">> {
  const statuses = await Promise.all(services.manifest.models.map((e) => services.store.inspect(e)));
  let preference: string | undefined;
  try {
    preference = services.readSettings().plannerModel;
  } catch {
    preference = undefined;
  }
  return {
    statuses: Object.fromEntries(statuses.map((st) => [st.id, st])),
    plannerId: choosePlanner(services.manifest, preference).entry.id,
  };
}

/**
 * The manifest's models with their state on disk, the planner in use, and the downloads running
 * from this view. Every change (download, delete) is followed by a fresh look at the disk.
 */
export function useModels(services: Services) {
  const [downloads, setDownloads] = useState<Record<string, string>>({});
  const controllers = useRef(new Map<string, AbortController>());
  // A disk check that fails shows a failure toast (usePromise) instead of an unhandled rejection.
  const inspected = usePromise(inspectModels, [services], { failureToastOptions: { title: "Could Not Check the Models" } });
  const refresh = useCallback(async () => inspected.revalidate(), [inspected.revalidate]);
  const state: ModelsState = { statuses: {}, ...inspected.data, downloads, isLoading: inspected.isLoading };

  useEffect(() => () => controllers.current.forEach((c) => c.abort()), []);

  const setDownload = (id: string, text: string | undefined) =>
    setDownloads((current) => {
      const next = { ...current };
      if (text === undefined) delete next[id];
      else next[id] = text;
      return next;
    });

  /** Runs `download` (which shows its own toast) with a controller this view can cancel. */
  const download = useCallback(
    async (entry: ModelEntry, run: (controller: AbortController, onProgress: (text: string) => void) => Promise<boolean>) => {
      const controller = new AbortController();
      controllers.current.set(entry.id, controller);
      setDownload(entry.id, "Starting…");
      try {
        return await run(controller, (text) => setDownload(entry.id, text));
      } finally {
        controllers.current.delete(entry.id);
        setDownload(entry.id, undefined);
        await refresh();
      }
    },
    [refresh],
  );

  const cancel = useCallback((id: string) => controllers.current.get(id)?.abort(), []);

  const remove = useCallback(
    async (entry: ModelEntry) => {
      await services.store.remove(entry);
      await refresh();
    },
    [services, refresh],
  );

  return { state, refresh, download, cancel, remove };
}
