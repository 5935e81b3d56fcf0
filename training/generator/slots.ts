import { asciiOf, capFirst, from, pools, scriptOf, titleCase, type FirstName } from "./pools";
import type { Rng } from "./rng";
import { SplitPool, type Split } from "./split";

/**
 * Slot values as the user writes them (surface) and as the plan carries them (gold). Everything is
 * built procedurally from split pools, so values are many and a model can only win by copying.
 */

export interface Person {
  /** What the user typed at first mention: "my accountant Pawel", "Dr. Patel", "mom". */
  surface: string;
  /** The name the lookup gets: "Pawel", "Dr. Patel", "Mom". */
  gold: string;
  /** A shorter way to mention the same person again ("Pawel"). */
  again: string;
  gender: "f" | "m" | "x";
  ascii: string;
}

const RELATIONS =
  "accountant|coworker|colleague|manager|friend|brother|sister|cousin|neighbor|neighbour|dentist|landlord|boss|doctor|tutor|roommate|aunt|uncle|son|daughter|lawyer|teammate|therapist|client|intern|recruiter|designer|trainer|babysitter|mentor|contractor|realtor|editor|professor|coach|barber|assistant|partner|buddy|nephew|niece|grandson|stepdad|bandmate|classmate|plumber|electrician".split(
    "|",
  );
const RELATION_OWNERS = ["my", "my", "my", "our", "the"];

/** Relations people store as a contact name; "text mom" looks up "Mom". */
const KIN: readonly [string, string][] = [
  ["mom", "Mom"],
  ["my mom", "Mom"],
  ["mum", "Mum"],
  ["dad", "Dad"],
  ["my dad", "Dad"],
  ["mama", "Mama"],
  ["papa", "Papa"],
  ["grandma", "Grandma"],
  ["grandpa", "Grandpa"],
  ["nana", "Nana"],
  ["my wife", "Wife"],
  ["my husband", "Husband"],
  ["my sister", "Sister"],
  ["my brother", "Brother"],
  ["my boss", "Boss"],
  ["mother", "Mother"],
  ["father", "Father"],
  ["my mother-in-law", "Mother-in-law"],
  ["auntie", "Auntie"],
  ["granny", "Granny"],
];
const HONORIFICS = ["Dr.", "Dr", "Mr.", "Mrs.", "Ms.", "Prof.", "Professor", "Coach", "Aunt", "Uncle"];

function firstName(rng: Rng, split: Split): FirstName {
  const p = pools();
  return rng.chance(0.22) ? from(rng, p.otherScriptFirstNames, split) : from(rng, p.firstNames, split);
}

function lastNameFor(rng: Rng, split: Split, first: string): string {
  const p = pools();
  const pool = p.lastNamesByScript.get(scriptOf(first));
  return pool && rng.chance(0.9) ? from(rng, pool, split) : from(rng, p.lastNames, split);
}

export function person(rng: Rng, split: Split): Person {
  const p = pools();
  const fn = firstName(rng, split);
  const ascii = asciiOf(fn.name) || asciiOf(from(rng, p.firstNames, split).name) || "alex";
  const kind = rng.weighted<string>([
    [50, "first"],
    [18, "full"],
    [5, "double"],
    [6, "honorific"],
    [12, "relation"],
    [6, "kin"],
    [3, "initial"],
  ]);
  switch (kind) {
    case "full": {
      const last = lastNameFor(rng, split, fn.name);
      const gold = `${fn.name} ${last}`;
      return { surface: gold, gold, again: rng.chance(0.5) ? fn.name : gold, gender: fn.gender, ascii };
    }
    case "double": {
      const second = firstName(rng, split);
      const gold = rng.chance(0.5) ? `${fn.name} ${second.name}` : `${fn.name}-${second.name}`;
      return { surface: gold, gold, again: gold, gender: fn.gender, ascii };
    }
    case "honorific": {
      const last = from(rng, p.lastNames, split);
      const gold = `${rng.pick(HONORIFICS)} ${last}`;
      return { surface: gold, gold, again: gold, gender: "x", ascii: asciiOf(last) || ascii };
    }
    case "relation": {
      const surface = `${rng.pick(RELATION_OWNERS)} ${rng.pick(RELATIONS)} ${fn.name}`;
      return { surface, gold: fn.name, again: fn.name, gender: fn.gender, ascii };
    }
    case "kin": {
      const [surface, gold] = rng.pick(KIN);
      return { surface, gold, again: surface, gender: "x", ascii: asciiOf(gold) };
    }
    case "initial": {
      const last = lastNameFor(rng, split, fn.name);
      const gold = `${fn.name} ${last[0]!.toUpperCase()}.`;
      return { surface: gold, gold, again: gold, gender: fn.gender, ascii };
    }
    default:
      return { surface: fn.name, gold: fn.name, again: fn.name, gender: fn.gender, ascii };
  }
}

const TLDS = [
  "com",
  "com",
  "com",
  "org",
  "net",
  "io",
  "co",
  "co.uk",
  "de",
  "fr",
  "edu",
  "dev",
  "app",
  "me",
  "nl",
  "ca",
  "com.au",
  "es",
  "it",
  "jp",
];
const MAIL_HOSTS = [
  "gmail.com",
  "icloud.com",
  "outlook.com",
  "yahoo.com",
  "proton.me",
  "hey.com",
  "fastmail.com",
  "me.com",
  "hotmail.com",
  "gmx.de",
  "mail.ru",
  "aol.com",
];

function domain(rng: Rng, split: Split): string {
  const p = pools();
  if (rng.chance(0.35)) return rng.pick(MAIL_HOSTS);
  const word = rng.chance(0.5)
    ? from(rng, p.nouns, split)
    : `${from(rng, p.adjectives, split)}${rng.pick(["", "-"])}${from(rng, p.nouns, split)}`;
  return `${rng.chance(0.15) ? rng.pick(["mail.", "team.", "corp.", "eu."]) : ""}${word.replace(/-+$/, "")}.${rng.pick(TLDS)}`;
}

/** An email address in one of a dozen common shapes. */
export function emailAddress(rng: Rng, split: Split, who?: Person): string {
  const p = pools();
  const first = who?.ascii || asciiOf(from(rng, p.firstNames, split).name) || "sam";
  const last = asciiOf(from(rng, p.lastNames, split)) || "lee";
  const n = rng.int(1, 99);
  const local = rng.pick([
    `${first}.${last}`,
    `${first[0]}${last}`,
    `${first}${last}`,
    `${first}_${last}`,
    `${first}`,
    `${first[0]}.${last}`,
    `${first}.${last}+${rng.pick(["work", "news", "cal", "receipts"])}`,
    `${first}${n}`,
    `${last}.${first}`,
    `${first[0]}${last[0]}${n}`,
    `${first}-${last}`,
    rng.pick(["info", "hello", "team", "office", "support", "billing", "hr", "sales", "contact", "admin"]),
  ]);
  const cased = rng.chance(0.06) ? capFirst(local) : local;
  return `${cased}@${domain(rng, split)}`;
}

/** A phone number in one of 20+ national and international formats. */
export function phoneNumber(rng: Rng): string {
  const pattern = rng.pick([
    "+1 ### ### ####",
    "(###) ###-####",
    "###-###-####",
    "###.###.####",
    "##########",
    "+1##########",
    "+1-###-###-####",
    "1 (###) ###-####",
    "+44 20 #### ####",
    "+44 7### ######",
    "07### ######",
    "+49 30 #######",
    "+49 15# ########",
    "0176 ########",
    "+33 6 ## ## ## ##",
    "06 ## ## ## ##",
    "+91 9#### #####",
    "+81 90-####-####",
    "+61 4## ### ###",
    "+34 6## ## ## ##",
    "+90 5## ### ## ##",
    "+55 11 9####-####",
    "+86 1## #### ####",
    "+7 9## ###-##-##",
    "+82 10-####-####",
    "555-####",
  ]);
  return pattern.replace(/#/g, () => String(rng.int(0, 9)));
}

const EXTENSIONS: readonly [number, string][] = [
  [20, "pdf"],
  [8, "docx"],
  [6, "xlsx"],
  [5, "pptx"],
  [4, "key"],
  [3, "pages"],
  [3, "numbers"],
  [4, "txt"],
  [3, "md"],
  [4, "csv"],
  [4, "png"],
  [4, "jpg"],
  [2, "jpeg"],
  [2, "heic"],
  [3, "zip"],
  [2, "mov"],
  [2, "mp4"],
  [1, "psd"],
  [1, "fig"],
  [1, "sketch"],
  [1, "json"],
  [1, "html"],
  [1, "epub"],
  [1, "rtf"],
  [1, "odt"],
  [1, "mp3"],
  [1, "doc"],
  [1, "xls"],
  [1, "ics"],
  [1, "vcf"],
];

export interface FileName {
  /** As the user writes it and the plan copies it. */
  name: string;
  /** Without the extension: for "Summary of <stem>". */
  stem: string;
}

/** A file name the way people name files: words, dates, versions, underscores, extensions. */
export function fileName(rng: Rng, split: Split, ext?: string): FileName {
  const p = pools();
  const w = () => from(rng, p.nouns, split);
  const sep = rng.weighted<string>([
    [4, " "],
    [3, "_"],
    [2, "-"],
    [1, ""],
    [0.5, "."],
  ]);
  const caseOf = rng.weighted<(s: string) => string>([
    [4, (s) => s],
    [3, capFirst],
    [1, (s) => s.toUpperCase()],
  ]);
  const parts: string[] = [];
  const shape = rng.int(0, 7);
  if (shape === 0) parts.push(caseOf(w()));
  else if (shape === 1) parts.push(caseOf(from(rng, p.adjectives, split)), caseOf(w()));
  else if (shape === 2) parts.push(caseOf(w()), caseOf(w()));
  else if (shape === 3) parts.push(asciiOf(from(rng, p.firstNames, split).name) || "sam", caseOf(w()));
  else if (shape === 4) parts.push(caseOf(w()), caseOf(w()), caseOf(w()));
  else if (shape === 5) parts.push(rng.pick(["Q1", "Q2", "Q3", "Q4", "H1", "H2", "FY25", "FY26", "FY2027"]), caseOf(w()));
  else if (shape === 6)
    parts.push(
      caseOf(w()),
      rng.pick([
        "notes",
        "draft",
        "report",
        "deck",
        "invoice",
        "contract",
        "slides",
        "budget",
        "plan",
        "specs",
        "receipt",
        "résumé",
        "cv",
        "minutes",
      ]),
    );
  else parts.push(`IMG${rng.pick(["_", "-", ""])}${rng.int(1000, 9999)}`);
  const year = rng.int(2019, 2027);
  const mm = String(rng.int(1, 12)).padStart(2, "0");
  const dd = String(rng.int(1, 28)).padStart(2, "0");
  if (rng.chance(0.3))
    parts.push(rng.pick([`${year}-${mm}-${dd}`, `${year}${mm}${dd}`, `${mm}_${dd}`, `${year}`, `${mm}-${year}`, `${dd}.${mm}.${year}`]));
  if (rng.chance(0.3))
    parts.push(
      rng.pick([
        `v${rng.int(1, 9)}`,
        `v${rng.int(1, 4)}.${rng.int(0, 9)}`,
        "final",
        "FINAL",
        "final2",
        "draft",
        `rev${rng.int(1, 12)}`,
        "signed",
        "edited",
        "old",
        "new",
        "copy",
      ]),
    );
  let stem = parts.join(sep);
  if (rng.chance(0.05)) stem += ` (${rng.int(1, 4)})`;
  const extension = ext ?? rng.weighted(EXTENSIONS);
  return { name: `${stem}.${extension}`, stem };
}

export interface Place {
  /** As copied into the plan. */
  value: string;
  /** Whether "the" reads naturally before it ("the Ferry Building"). */
  takesThe: boolean;
}

export function place(rng: Rng, split: Split): Place {
  const p = pools();
  const kind = rng.weighted<string>([
    [20, "city"],
    [14, "landmark"],
    [22, "business"],
    [20, "address"],
    [8, "cityAddress"],
    [6, "poi"],
    [3, "coords"],
  ]);
  switch (kind) {
    case "city":
      return {
        value: rng.chance(0.2) ? `${from(rng, p.cities, split)}, ${from(rng, p.cities, split)}` : from(rng, p.cities, split),
        takesThe: false,
      };
    case "landmark":
      return { value: from(rng, p.landmarks, split), takesThe: rng.chance(0.6) };
    case "business": {
      const head = rng.chance(0.5)
        ? titleCase(from(rng, p.nouns, split))
        : rng.chance(0.5)
          ? from(rng, p.firstNames, split).name + "'s"
          : from(rng, p.lastNames, split);
      return { value: `${head} ${from(rng, p.placeKinds, split)}`, takesThe: true };
    }
    case "address": {
      const street = from(rng, p.streets, split);
      const suffix = /\s/.test(street)
        ? ""
        : ` ${rng.pick(["St", "Street", "Ave", "Avenue", "Rd", "Blvd", "Way", "Lane", "Dr", "Pl", "Ct"])}`;
      return { value: `${rng.int(1, 2999)} ${street}${suffix}`, takesThe: false };
    }
    case "cityAddress": {
      const street = from(rng, p.streets, split);
      return { value: `${street} ${rng.int(1, 120)}, ${from(rng, p.cities, split)}`, takesThe: false };
    }
    case "poi":
      return {
        value: `${titleCase(from(rng, p.adjectives, split))} ${titleCase(from(rng, p.nouns, split))} ${rng.pick(["Park", "Lake", "Trail", "Beach", "Square", "Bridge", "Tower", "Hill"])}`,
        takesThe: true,
      };
    default: {
      const lat = (rng.next() * 140 - 70).toFixed(4);
      const lon = (rng.next() * 340 - 170).toFixed(4);
      return { value: `${lat}, ${lon}`, takesThe: false };
    }
  }
}

const TITLE_HEADS =
  "sync|review|planning|kickoff|retro|standup|1:1|check-in|brainstorm|demo|offsite|interview|catch-up|dinner|coffee|drinks|workshop|onboarding|debrief|huddle|design review|budget review|all-hands|party|rehearsal|practice|appointment|call|session|training|walkthrough|presentation|meetup|tasting|fitting|viewing|recital|game|hike".split(
    "|",
  );

/** A title (event, meeting topic, note, subject) from free word combinations. */
export function title(rng: Rng, split: Split): string {
  const p = pools();
  const n = () => from(rng, p.nouns, split);
  const a = () => from(rng, p.adjectives, split);
  const phrase = rng.pick([
    () => `${n()} ${rng.pick(TITLE_HEADS)}`,
    () => `${a()} ${n()} ${rng.pick(TITLE_HEADS)}`,
    () => `${n()} ${n()}`,
    () => `${a()} ${n()}`,
    () => `${rng.pick(["Q1", "Q2", "Q3", "Q4", "2026", "2027", "H2"])} ${n()} ${rng.pick(TITLE_HEADS)}`,
    () =>
      `${from(rng, p.firstNames, split).name}'s ${rng.pick(["birthday", "farewell", "welcome", "leaving do", "housewarming", "graduation", "baby shower"])}`,
    () => `${n()}`,
    () => `${rng.pick(TITLE_HEADS)} with ${from(rng, p.firstNames, split).name}`,
    () => `project ${titleCase(n())}`,
    () => `${n()} and ${n()}`,
  ])();
  return rng.chance(0.5) ? titleCase(phrase) : phrase;
}

/** A task for a reminder: "water the plants", "pay the gadget bill". */
export function task(rng: Rng, split: Split): string {
  const p = pools();
  const n = () => from(rng, p.nouns, split);
  return rng.pick([
    () => `${from(rng, p.verbs, split)} the ${n()}`,
    () => `${from(rng, p.verbs, split)} ${n()}s`,
    () =>
      `${rng.pick(["buy", "order", "pick up", "return", "renew", "book", "check", "fix", "clean", "print", "sign", "send", "file", "submit", "pack", "charge", "water", "feed", "cancel", "email"])} the ${rng.chance(0.3) ? from(rng, p.adjectives, split) + " " : ""}${n()}`,
    () => `pay the ${n()} bill`,
    () => `call ${from(rng, p.firstNames, split).name}`,
    () => `${rng.pick(["take", "grab", "bring"])} ${n()} to ${from(rng, p.firstNames, split).name}`,
    () => `${from(rng, p.verbs, split)} ${rng.pick(["my", "our", "the"])} ${from(rng, p.adjectives, split)} ${n()}`,
  ])();
}

/** Dictated text (an SMS, an email body, note content) from free word combinations. */
export function message(rng: Rng, split: Split): string {
  const p = pools();
  const n = () => from(rng, p.nouns, split);
  const a = () => from(rng, p.adjectives, split);
  const v = () => from(rng, p.verbs, split);
  const text = rng.pick([
    () => `I'm running late`,
    () => `I'm on my way`,
    () => `the ${n()} is ${a()}`,
    () => `can you bring the ${n()}`,
    () => `don't forget the ${a()} ${n()}`,
    () => `I'll ${v()} the ${n()} and the ${n()}`,
    () => `thanks for the ${n()}!`,
    () => `see you at the ${n()}`,
    () => `the ${n()} ${rng.pick(["looks", "seems", "is"])} ${a()}, let's ${v()} it`,
    () => `please ${v()} the ${n()} when you can`,
    () => `${a()} ${n()}, ${a()} ${n()} and ${n()}`,
    () => `we need to ${v()} the ${a()} ${n()}`,
    () => `happy birthday! enjoy the ${n()}`,
    () => `call me about the ${n()}`,
    () => `the ${n()} is ready for pickup`,
    () => `${n()} ${n()} ${n()}`,
    () => `did you ${v()} the ${n()}?`,
    () => `${capFirst(n())} costs ${rng.int(3, 900)} dollars`,
    () => `I left the ${n()} at ${from(rng, p.firstNames, split).name}'s`,
    () => `let's ${v()} the ${n()} instead of the ${n()}`,
    () => `the code is ${rng.int(1000, 999999)}`,
    () => `${a()} ${n()} ${v()}`,
    () => `I can't make it, sorry`,
    () => `love you`,
    () => `ok sounds good`,
    () => `running ${a()}, start without me`,
  ])();
  return rng.chance(0.15) ? capFirst(text) : text;
}

/** A name for a folder, calendar or list. */
export function container(rng: Rng, split: Split): string {
  const p = pools();
  return rng.pick([
    () => capFirst(from(rng, p.nouns, split)),
    () => titleCase(`${from(rng, p.adjectives, split)} ${from(rng, p.nouns, split)}`),
    () =>
      rng.pick([
        "Work",
        "Personal",
        "Family",
        "Home",
        "Travel",
        "Groceries",
        "Shopping",
        "School",
        "Ideas",
        "Recipes",
        "Projects",
        "Errands",
        "Health",
        "Finance",
        "Garden",
      ]),
    () => `${capFirst(from(rng, p.nouns, split))} ${rng.pick(["2026", "2027", "stuff", "things", "notes", "misc"])}`,
  ])();
}

/** Things people put on shopping and packing lists; divided into splits by value like every pool. */
const LIST_ITEMS = new SplitPool(
  (
    "oat milk|eggs|bread|bananas|paper towels|toilet paper|dish soap|laundry detergent|coffee beans|coffee filters|" +
    "olive oil|butter|greek yogurt|spinach|avocados|chicken thighs|ground beef|rice|pasta|tomato sauce|shampoo|" +
    "toothpaste|batteries|AA batteries|light bulbs|trash bags|sparkling water|orange juice|almond butter|peanut butter|" +
    "cereal|apples|lemons|limes|garlic|onions|potatoes|cheddar|parmesan|tortillas|salsa|hummus|dog food|cat litter|" +
    "sunscreen|band-aids|ibuprofen|contact solution|razors|deodorant|sponges|aluminum foil|ziploc bags|frozen peas|" +
    "ice cream|chocolate chips|flour|sugar|baking soda|maple syrup|honey|almond milk|oatmeal|blueberries|strawberries|" +
    "cucumbers|bell peppers|carrots|broccoli|salmon|tofu|black beans|chickpeas|soy sauce|hot sauce|paper plates|" +
    "birthday candles|printer paper|phone charger|duct tape|a birthday card|milk|cheese|chips|kombucha|granola|" +
    "wrapping paper|dental floss|hand soap|charcoal|ice|limes and mint|a new toothbrush|passport|flip flops|rain jacket"
  ).split("|"),
);

/** One thing for a list: a common item, or a word from the vocabulary. */
export function listItem(rng: Rng, split: Split): string {
  if (rng.chance(0.7)) return from(rng, LIST_ITEMS, split);
  const p = pools();
  const n = from(rng, p.nouns, split);
  return rng.chance(0.4) ? `${from(rng, p.adjectives, split)} ${n}` : n;
}

/** Several items as people dictate them: "eggs, milk and bread", "eggs milk bread", "eggs, milk, bread". */
export function listItems(rng: Rng, split: Split): string {
  const n = rng.weighted([
    [3, 2],
    [4, 3],
    [2, 4],
    [1, 5],
  ]);
  const items: string[] = [];
  while (items.length < n) {
    const item = listItem(rng, split);
    if (!items.includes(item)) items.push(item);
  }
  const style = rng.weighted<string>([
    [4, "commaAnd"],
    [3, "comma"],
    [2, "space"],
    [1, "and"],
  ]);
  if (style === "space") return items.join(" ");
  if (style === "and") return items.join(" and ");
  if (style === "comma") return items.join(", ");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** Lists people keep in Reminders, as they name them ("my grocery list" → "grocery"). */
const REMINDER_LISTS = [
  "grocery",
  "groceries",
  "shopping",
  "costco",
  "target",
  "trader joe's",
  "hardware store",
  "pharmacy",
  "whole foods",
];

/** The list an item goes on, as written: a usual one or a container name. */
export function reminderList(rng: Rng, split: Split): string {
  return rng.chance(0.75) ? rng.pick(REMINDER_LISTS) : container(rng, split);
}

const LIST_KINDS =
  "grocery|shopping|packing|to-do|todo|costco|christmas|gift|birthday|camping|party|reading|wish|bucket|chores|moving|road trip|supply|baby shower|holiday".split(
    "|",
  );
const LIST_NAMES = ["gift ideas", "books to read", "movies to watch", "things to pack", "wedding ideas", "camping gear", "party ideas"];

/**
 * A list's name: "grocery list" (kind + "list", for "make a grocery list") or, for "new list …", a
 * name alone ("camping gear"). The note's title is the words said.
 */
export function listTitle(rng: Rng, split: Split, named: boolean): string {
  const p = pools();
  if (named)
    return rng.chance(0.5) ? rng.pick(LIST_NAMES) : rng.chance(0.5) ? from(rng, p.nouns, split) : `${from(rng, p.nouns, split)} ideas`;
  const kind = rng.chance(0.7) ? rng.pick(LIST_KINDS) : from(rng, p.nouns, split);
  return `${kind} list`;
}
