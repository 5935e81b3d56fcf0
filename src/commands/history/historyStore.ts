import { HistoryEntrySchema, type HistoryEntry } from "../../agent/runSession";
import { getString, type KeyValueStorage } from "../storage";

export const HISTORY_KEY = "history";
/** Runs kept; the oldest go first. */
export const HISTORY_LIMIT = 50;

/**
 * Recent runs, newest first, in LocalStorage under one key. An entry that does not parse (written
 * by another version) is dropped rather than breaking the list.
 */
export class HistoryStore {
  constructor(
    private readonly storage: KeyValueStorage,
    private readonly limit = HISTORY_LIMIT,
  ) {}

  async list(): Promise<HistoryEntry[]> {
    const text = await getString(this.storage, HISTORY_KEY);
    if (!text) return [];
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return [];
    }
    if (!Array.isArray(json)) return [];
    return json.flatMap((e) => {
      const parsed = HistoryEntrySchema.safeParse(e);
      return parsed.success ? [parsed.data] : [];
    });
  }

  async add(entry: HistoryEntry): Promise<void> {
    const entries = [entry, ...(await this.list()).filter((e) => e.id !== entry.id)].slice(0, this.limit);
    await this.storage.setItem(HISTORY_KEY, JSON.stringify(entries));
  }

  async remove(id: string): Promise<void> {
    await this.storage.setItem(HISTORY_KEY, JSON.stringify((await this.list()).filter((e) => e.id !== id)));
  }

  async clear(): Promise<void> {
    await this.storage.removeItem(HISTORY_KEY);
  }
}
