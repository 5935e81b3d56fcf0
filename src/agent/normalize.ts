import type { Normalized } from "./pipeline";
import type { LocalDateTime } from "./time/localDateTime";

/** Trims and collapses whitespace, so the planner sees one clean line. */
export function normalizeRequest(query: string, _now: LocalDateTime): Normalized {
  const text = query.replace(/\s+/g, " ").trim();
  return { text, changes: [] };
}
