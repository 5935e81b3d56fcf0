import { allLocales } from "@faker-js/faker";
import type { Rng } from "./rng";
import { SplitPool, type Split } from "./split";

/**
 * Slot values: tens of thousands of names in many scripts (faker's locale data), places, and an
 * English vocabulary for free word combinations. Every pool is divided into splits by value, so the
 * test split copies names, files, places and words the training split never saw.
 */

type Gender = "f" | "m" | "x";
export interface FirstName {
  name: string;
  gender: Gender;
}

const SCRIPTS = [
  "Latin",
  "Cyrillic",
  "Greek",
  "Hebrew",
  "Arabic",
  "Han",
  "Hiragana",
  "Katakana",
  "Hangul",
  "Thai",
  "Georgian",
  "Armenian",
  "Devanagari",
  "Thaana",
];
const SCRIPT_RES = SCRIPTS.map((s) => [s, new RegExp(`\\p{Script=${s}}`, "u")] as const);

/** The writing system of a name's first letter; Japanese kana count as Han so surnames pair up. */
export function scriptOf(name: string): string {
  for (const [script, re] of SCRIPT_RES)
    if (re.test(name[0] ?? "") || re.test(name.slice(0, 2))) return script === "Hiragana" || script === "Katakana" ? "Han" : script;
  return "Latin";
}

/** Words a date parser reads as a date or time: never used as free text, names or titles. */
export const TIME_WORDS = new Set(
  (
    "january february march april may june july august september october november december " +
    "jan feb mar apr jun jul aug sep sept oct nov dec " +
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun " +
    "today tomorrow tonight yesterday tmrw tmr noon midnight morning afternoon evening night eve lunch lunchtime " +
    "now week weekend day days hour hours minute minutes min mins second seconds sec year years month months " +
    "eod eow am pm a.m. p.m. o'clock ago later soon next last this before after until till from"
  ).split(" "),
);

type NameList = string[] | Partial<Record<"generic" | "female" | "male", string[]>>;

const LATIN_LOCALES = [
  "en",
  "en_IN",
  "en_GH",
  "en_NG",
  "en_ZA",
  "af_ZA",
  "de",
  "fr",
  "fr_SN",
  "it",
  "es",
  "es_MX",
  "pt_BR",
  "pt_PT",
  "nl",
  "sv",
  "nb_NO",
  "da",
  "fi",
  "pl",
  "cs_CZ",
  "sk",
  "hr",
  "ro",
  "hu",
  "tr",
  "az",
  "vi",
  "id_ID",
  "yo_NG",
  "zu_ZA",
  "lv",
  "uz_UZ_latin",
  "sr_RS_latin",
  "eo",
] as const;
const OTHER_SCRIPT_LOCALES = [
  "ru",
  "uk",
  "mk",
  "el",
  "he",
  "ar",
  "fa",
  "ur",
  "ja",
  "ko",
  "zh_CN",
  "zh_TW",
  "th",
  "ka_GE",
  "hy",
  "ne",
  "dv",
] as const;

function namesOf(list: NameList | undefined): FirstName[] {
  if (!list) return [];
  if (Array.isArray(list)) return list.map((name) => ({ name, gender: "x" as Gender }));
  const out: FirstName[] = [];
  for (const [key, names] of Object.entries(list)) {
    const gender: Gender = key === "female" ? "f" : key === "male" ? "m" : "x";
    for (const name of names ?? []) out.push({ name, gender });
  }
  return out;
}

const usableName = (name: string) =>
  name.length >= 2 &&
  name.length <= 24 &&
  !/[\d@#/\\"()[\]{}<>|]/.test(name) &&
  !TIME_WORDS.has(name.toLowerCase()) &&
  name.trim() === name;

function collectFirstNames(locales: readonly string[]): FirstName[] {
  const byName = new Map<string, FirstName>();
  for (const code of locales) {
    const locale = (allLocales as Record<string, { person?: { first_name?: NameList } }>)[code];
    for (const n of namesOf(locale?.person?.first_name)) {
      if (!usableName(n.name)) continue;
      const known = byName.get(n.name);
      if (!known) byName.set(n.name, n);
      else if (known.gender !== n.gender && n.gender !== "x") known.gender = known.gender === "x" ? n.gender : "x";
    }
  }
  return [...byName.values()];
}

function collectLastNames(locales: readonly string[]): string[] {
  const out = new Set<string>();
  for (const code of locales) {
    const locale = (allLocales as Record<string, { person?: { last_name?: NameList } }>)[code];
    for (const n of namesOf(locale?.person?.last_name)) if (usableName(n.name)) out.add(n.name);
  }
  return [...out];
}

const en = allLocales.en as unknown as {
  word: Record<"adjective" | "noun" | "verb" | "adverb", string[]>;
  location: Record<"city_name" | "street_name" | "street_suffix", string[]>;
  hacker: Record<"noun" | "adjective" | "verb" | "ingverb", string[]>;
  company: Record<"buzz_noun" | "buzz_adjective" | "buzz_verb", string[]>;
  commerce: { product_name: Record<"adjective" | "material" | "product", string[]> };
};

const plainWord = (w: string) => /^[a-z][a-z-]{2,13}$/.test(w) && !TIME_WORDS.has(w);

function words(...lists: (readonly string[] | undefined)[]): string[] {
  return [...new Set(lists.flatMap((l) => l ?? []).map((w) => w.toLowerCase()))].filter(plainWord);
}

function cities(): string[] {
  const out = new Set<string>();
  for (const code of [...LATIN_LOCALES, ...OTHER_SCRIPT_LOCALES]) {
    const locale = (allLocales as Record<string, { location?: { city_name?: string[] } }>)[code];
    for (const c of locale?.location?.city_name ?? [])
      if (c.length <= 28 && !/[\d"]/.test(c) && !TIME_WORDS.has(c.toLowerCase())) out.add(c);
  }
  return [...out];
}

function streets(): string[] {
  const out = new Set<string>();
  for (const code of ["en", "en_GB", "en_US", "de", "cs_CZ", "he", "hr", "it", "sk", "ka_GE", "mk", "th", "ru", "az"]) {
    const locale = (allLocales as Record<string, { location?: { street_name?: string[] } }>)[code];
    for (const s of locale?.location?.street_name ?? []) if (s.length <= 30 && !/["{}]/.test(s)) out.add(s);
  }
  return [...out];
}

/** Well-known places a person names without an address. */
const LANDMARKS =
  "Golden Gate Bridge|Ferry Building|Apple Park|Eiffel Tower|Louvre|Central Park|Times Square|Union Square|Brooklyn Bridge|Big Ben|Tower Bridge|Colosseum|Sagrada Família|Brandenburger Tor|Alexanderplatz|Shibuya Crossing|Tokyo Tower|Sydney Opera House|Bondi Beach|Stanley Park|CN Tower|Space Needle|Pike Place Market|Millennium Park|Navy Pier|Griffith Observatory|Santa Monica Pier|Hollywood Bowl|Fisherman's Wharf|Coit Tower|Dolores Park|Alcatraz|Stanford Shopping Center|Union Station|Grand Central|Penn Station|JFK|SFO|LAX|Heathrow|Gatwick|O'Hare|Schiphol|Changi Airport|Marina Bay Sands|Gardens by the Bay|Burj Khalifa|Acropolis|Plaza Mayor|Puerta del Sol|Praça do Comércio|Charles Bridge|Hagia Sophia|Galata Tower|Kapalıçarşı|Nyhavn|Vigelandsparken|Stortorget|Rynek Główny|Hofburg|Prater|Zócalo|Copacabana|Ipanema|Table Mountain|Red Square|Хрещатик|Gyeongbokgung|명동|東京駅|天安门|Wat Arun|Chatuchak Market".split(
    "|",
  );

const PLACE_KINDS =
  "Park|Cafe|Café|Coffee|Bakery|Library|Museum|Station|Market|Gym|Hospital|Clinic|High School|Elementary|University|Stadium|Arena|Mall|Plaza|Pier|Gardens|Hotel|Hall|Center|Theater|Cinema|Bistro|Diner|Pizzeria|Brewery|Studio|Office|Campus|Airport|Marina|Beach|Trailhead|Pharmacy|Bookstore|Deli|Ramen|Taqueria|Golf Club|Tennis Club|Community Center|Post Office|Bank|Dental|Vet".split(
    "|",
  );

export interface Pools {
  firstNames: SplitPool<FirstName>;
  otherScriptFirstNames: SplitPool<FirstName>;
  lastNames: SplitPool<string>;
  /** Last names by script, so "Ανδρέας" gets a Greek surname. */
  lastNamesByScript: Map<string, SplitPool<string>>;
  nouns: SplitPool<string>;
  adjectives: SplitPool<string>;
  verbs: SplitPool<string>;
  cities: SplitPool<string>;
  streets: SplitPool<string>;
  landmarks: SplitPool<string>;
  placeKinds: SplitPool<string>;
}

let cached: Pools | undefined;

export function pools(): Pools {
  if (cached) return cached;
  const nouns = words(
    en.word.noun,
    en.hacker.noun,
    en.company.buzz_noun,
    en.commerce.product_name.product,
    en.commerce.product_name.material,
  );
  const adjectives = words(en.word.adjective, en.hacker.adjective, en.company.buzz_adjective, en.commerce.product_name.adjective);
  const verbs = words(en.word.verb, en.hacker.verb, en.company.buzz_verb);
  const allLast = [...collectLastNames(LATIN_LOCALES), ...collectLastNames(OTHER_SCRIPT_LOCALES)];
  const byScript = new Map<string, string[]>();
  for (const n of allLast) byScript.set(scriptOf(n), [...(byScript.get(scriptOf(n)) ?? []), n]);
  cached = {
    lastNamesByScript: new Map([...byScript].map(([k, v]) => [k, new SplitPool(v)])),
    firstNames: new SplitPool(collectFirstNames(LATIN_LOCALES), (n) => n.name),
    otherScriptFirstNames: new SplitPool(collectFirstNames(OTHER_SCRIPT_LOCALES), (n) => n.name),
    lastNames: new SplitPool(allLast),
    nouns: new SplitPool(nouns),
    adjectives: new SplitPool(adjectives),
    verbs: new SplitPool(verbs),
    cities: new SplitPool(cities()),
    streets: new SplitPool(streets()),
    landmarks: new SplitPool(LANDMARKS),
    placeKinds: new SplitPool(PLACE_KINDS),
  };
  return cached;
}

/** Picks from one split of a pool. */
export function from<T>(rng: Rng, pool: SplitPool<T>, split: Split): T {
  return rng.pick(pool.of(split));
}

export const capFirst = (s: string) => (s === "" ? s : s[0]!.toUpperCase() + s.slice(1));
export const titleCase = (s: string) => s.replace(/(^|[\s_-])(\p{Ll})/gu, (_, a: string, b: string) => a + b.toUpperCase());

/** A Latin-letter version of a name for email local parts (diacritics dropped). */
export function asciiOf(name: string): string {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/ß/g, "ss")
    .replace(/[øØ]/g, "o")
    .replace(/[łŁ]/g, "l")
    .replace(/[ıİ]/g, "i")
    .replace(/[đĐ]/g, "d")
    .replace(/[^A-Za-z]/g, "")
    .toLowerCase();
}
