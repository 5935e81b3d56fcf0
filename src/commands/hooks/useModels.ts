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

/**
 * The manifest's models with their state on disk, the planner in use, and the downloads running
 * from this view. Every change (download, delete) is followed by a fresh look at the disk.
 */
export function useModels(services: Services) {
  const [state, setState] = useState<ModelsState>({ statuses: {}, downloads: {}, isLoading: true });
  const controllers = useRef(new Map<string, AbortController>());

  const refresh = useCallback(async () => {
    const entries = services.manifest.models;
    const statuses = await Promise.all(entries.map((e) => services.store.inspect(e)));
    let preference: string | undefined;
    try {
      preference = services.readSettings().plannerModel;
    } catch {
      preference = undefined;
    }
    const choice = choosePlanner(services.manifest, preference);
    setState((s) => ({
      ...s,
      statuses: Object.fromEntries(statuses.map((st) => [st.id, st])),
      plannerId: choice.entry.id,
      isLoading: false,
    }));
  }, [services]);

  useEffect(() => {
    void refresh();
    return () => controllers.current.forEach((c) => c.abort());
  }, [refresh]);

  const setDownload = (id: string, text: string | undefined) =>
    setState((s) => {
      const downloads = { ...s.downloads };
      if (text === undefined) delete downloads[id];
      else downloads[id] = text;
      return { ...s, downloads };
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
