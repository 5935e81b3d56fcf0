import { useCallback, useEffect, useState } from "react";
import type { HistoryEntry, HistoryStore } from "../history/historyStore";

/** History's entries, newest first, reloaded after each change. */
export function useHistory(history: HistoryStore) {
  const [entries, setEntries] = useState<HistoryEntry[]>([]);
  const [isLoading, setLoading] = useState(true);
  const reload = useCallback(async () => {
    setEntries(await history.list());
    setLoading(false);
  }, [history]);
  useEffect(() => void reload(), [reload]);
  const remove = useCallback(async (id: string) => (await history.remove(id), reload()), [history, reload]);
  const clear = useCallback(async () => (await history.clear(), reload()), [history, reload]);
  return { entries, isLoading, reload, remove, clear };
}
