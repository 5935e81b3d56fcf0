/**
 * Finding the thing a person named: a contact, a note, a file. Matching happens here, in TypeScript,
 * on data a small script returned, so it is the same on every Mac and testable without one.
 */

/** Best first. */
export const MATCH_TIERS = ["exact", "same", "given", "partial"] as const;
export type MatchTier = (typeof MATCH_TIERS)[number];

/** How a match was made, in words, for results that say which item was chosen. */
export const TIER_WORDS: Record<MatchTier, string> = {
  exact: "exact name",
  same: "same name ignoring case and accents",
  given: "first name",
  partial: "partial name",
};

export interface NameKeys {
  /** Full names (a contact's name, a note's title, a file's name and its name without extension). */
  full: readonly string[];
  /** Given names and nicknames, matched as a whole after full names. */
  given?: readonly string[];
}

/** Lower case, accents removed (é → e, ß stays), spaces collapsed. */
export function normalizeName(text: string): string {
  return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/\s+/g, " ").trim();
}

const words = (normalized: string) => normalized.split(/[^\p{L}\p{N}]+/u).filter((w) => w !== "");

/**
 * exact: a full name is the query as typed; same: equal ignoring case and accents; given: a given
 * name or nickname is the query; partial: a full name contains the query (three characters or more),
 * or every word of the query starts a word of the name ("sid s" → "Sid Smith", "smith sid" → "Sid Smith").
 */
export function matchTier(query: string, keys: NameKeys): MatchTier | undefined {
  const typed = query.trim();
  if (typed === "") return undefined;
  if (keys.full.some((n) => n.trim() === typed)) return "exact";
  const q = normalizeName(typed);
  if (q === "") return undefined;
  const full = keys.full.map(normalizeName).filter((n) => n !== "");
  if (full.includes(q)) return "same";
  if ((keys.given ?? []).some((n) => normalizeName(n) === q)) return "given";
  const queryWords = words(q);
  for (const name of full) {
    // Inside a word only from three characters on: "al" should not pick "Walter".
    if (q.length >= 3 && name.includes(q)) return "partial";
    const nameWords = words(name);
    if (queryWords.length > 0 && queryWords.every((w) => nameWords.some((n) => n.startsWith(w)))) return "partial";
  }
  return undefined;
}

export interface NameMatch<T> {
  best: T;
  tier: MatchTier;
  /** Every item of the best tier, best first (including `best`). */
  candidates: T[];
}

/**
 * The best match: the best tier wins; within it, `prefer` orders the candidates (the first is chosen).
 * Undefined when nothing matches at all.
 */
export function bestNameMatch<T>(
  query: string,
  items: readonly T[],
  keys: (item: T) => NameKeys,
  prefer: (a: T, b: T) => number = () => 0,
): NameMatch<T> | undefined {
  const byTier = new Map<MatchTier, T[]>();
  for (const item of items) {
    const tier = matchTier(query, keys(item));
    if (tier) byTier.set(tier, [...(byTier.get(tier) ?? []), item]);
  }
  for (const tier of MATCH_TIERS) {
    const found = byTier.get(tier);
    if (found) {
      const candidates = [...found].sort(prefer);
      return { best: candidates[0]!, tier, candidates };
    }
  }
  return undefined;
}

/** “Sid Smith” (partial name; 3 match “Sid”: Sid Smith, Sid Jones, Sidney Lee) — or undefined for a unique exact match. */
export function describeChoice<T>(query: string, match: NameMatch<T>, label: (item: T) => string): string | undefined {
  const { best, tier, candidates } = match;
  if (tier === "exact" && candidates.length === 1) return undefined;
  const shown = candidates.slice(0, 5).map(label);
  const more = candidates.length > 5 ? `, and ${candidates.length - 5} more` : "";
  const how = TIER_WORDS[tier];
  return candidates.length === 1
    ? `Chose “${label(best)}” for “${query}” (${how}).`
    : `Chose “${label(best)}” for “${query}” (${how}); ${candidates.length} match: ${shown.join(", ")}${more}.`;
}
