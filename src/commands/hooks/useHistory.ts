import { usePromise } from "@raycast/utils";
import { useCallback } from "react";
import type { HistoryStore } from "../history/historyStore";

/** History's entries, newest first, reloaded after each change; a failed read shows a failure toast. */
export function useHistory(history: HistoryStore) {
  const { data, isLoading, revalidate } = usePromise((store: HistoryStore) => store.list(), [history], {
    failureToastOptions: { title: "Could Not Read the History" },
  });
  const reload = useCallback(async () => revalidate(), [revalidate]);
  const remove = useCallback(async (id: string) => (await history.remove(id), revalidate()), [history, revalidate]);
  const clear = useCallback(async () => (await history.clear(), revalidate()), [history, revalidate]);
  return { entries: data ?? [], isLoading, reload, remove, clear };
}
