/** The part of Raycast's LocalStorage the extension uses; an in-memory one stands in for it in tests. */
export interface KeyValueStorage {
  getItem(key: string): Promise<string | number | boolean | undefined>;
  setItem(key: string, value: string): Promise<void>;
  removeItem(key: string): Promise<void>;
}

export async function getString(storage: KeyValueStorage, key: string): Promise<string | undefined> {
  const value = await storage.getItem(key);
  return typeof value === "string" ? value : undefined;
}
