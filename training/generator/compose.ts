import { formatLocalDateTime } from "../../src/core/time/localDateTime";
import { TOOLS } from "../../src/tools/catalog";
import type { ToolName } from "../../src/core/tools/names";
import { Ctx, type Clause, type Part } from "./context";
import { randomNow } from "./dates";
import { INTENTS, type Intent } from "./intents";
import { outOfScope } from "./outOfScope";
import { capFirst } from "./pools";
import type { Rng } from "./rng";
import { splitPhrasings, type Split } from "./split";

/** One line of a data file (DESIGN.md format). */
export interface Example {
  id: string;
  now: string;
  query: string;
  plan: string;
}

const CONNECTORS = [
  " and ",
  ", then ",
  " then ",
  ". Then ",
  ", and then ",
  ". After that, ",
  ", after that ",
  " and after that ",
  ". Also, ",
  ", also ",
  " and also ",
  " + ",
  " & ",
  "; ",
  ", plus ",
  ". ",
  " and then ",
  ", and ",
  ". Next, ",
  ", oh and ",
  ". Oh and ",
  " -- also ",
  " and additionally ",
  ". And ",
  ", afterwards ",
  " && ",
  ", and also ",
  ". Plus ",
  ", and after that, ",
  " and finally ",
  ", finally ",
  ". Lastly, ",
  ", lastly ",
  " and while you're at it ",
  ", while you're at it, ",
  ". Oh, and ",
  " and then also ",
  " and once that's done ",
  "; also ",
  " — and ",
  ". Then also ",
  ", oh also ",
  ". And then ",
  " as well as ",
  ". Also ",
  " and then, ",
];
const CHAIN_CONNECTORS = [
  " and ",
  ", then ",
  " then ",
  " and then ",
  ", and ",
  ". Then ",
  " & ",
  ", after that ",
  "; then ",
  " + ",
  ". ",
  ", and then ",
  ", and after that ",
  ". After that, ",
  " and once you have it ",
  ", then please ",
  " and then please ",
  ". Once done, ",
  ", and once that's done, ",
];
const PREFIXES = [
  "please ",
  "pls ",
  "can you ",
  "could you ",
  "hey, ",
  "hey tinyagent, ",
  "quick: ",
  "i need you to ",
  "would you ",
  "go ahead and ",
  "could you please ",
  "ok ",
  "yo ",
  "hi! ",
  "help me ",
  "kindly ",
  "i want you to ",
  "hey can you ",
  "plz ",
  "can u ",
  "hey ",
  "real quick, ",
  "um ",
  "okay so ",
  "can you please ",
  "hey could you ",
  "yeah ",
  "ok so ",
  "hiya ",
  "morning! ",
  "ok tinyagent, ",
  "hey there, ",
  "sorry, could you ",
  "quick favor: ",
  "so ",
  "alright, ",
  "need you to ",
  "pls can you ",
  "i'd like you to ",
  "can ya ",
  "yo, ",
  "hello, ",
  "hey hey, ",
  "do me a favor and ",
  "if you could ",
  "just ",
  "hey assistant, ",
  "i need u to ",
];
const SUFFIXES = [
  " please",
  " thanks",
  " thx",
  "!",
  ".",
  " asap",
  " pls",
  " thank you",
  " when you get a chance",
  " ty",
  "?",
  " for me",
  " real quick",
  " thanks so much",
  " please and thank you",
  " if you can",
  " for me please",
  " cheers",
  " thx!",
  " k thanks",
  " thank u",
  " tysm",
  " if possible",
  " no rush",
  " when u can",
  " :)",
  " 🙏",
  " please!",
  " much appreciated",
  " appreciate it",
  " thanks a lot",
  " thanks in advance",
  " ta",
  " thnx",
  " pretty please",
  " kthx",
  " thanks!!",
  " ty :)",
  " plz",
  " cheers!",
  " tia",
];

const connectorSplit = new Map<string, Record<Split, string[]>>();
function connector(rng: Rng, split: Split, family: "general" | "chain" | "prefix" | "suffix"): string {
  let bySplit = connectorSplit.get(family);
  if (!bySplit) {
    const list = family === "general" ? CONNECTORS : family === "chain" ? CHAIN_CONNECTORS : family === "prefix" ? PREFIXES : SUFFIXES;
    bySplit = splitPhrasings(list, (c) => `${family}:${c}`);
    connectorSplit.set(family, bySplit);
  }
  return rng.pick(bySplit[split]);
}

const ABBREVIATIONS: readonly [RegExp, readonly string[]][] = [
  [/\bplease\b/g, ["pls", "plz"]],
  [/\bmeeting\b/g, ["mtg"]],
  [/\bmessage\b/g, ["msg"]],
  [/\byou\b/g, ["u"]],
  [/\byour\b/g, ["ur"]],
  [/\bwith\b/g, ["w/"]],
  [/\babout\b/g, ["abt", "re"]],
  [/\bdirections\b/g, ["dirs"]],
  [/\bcalendar\b/g, ["cal"]],
  [/\breminder\b/g, ["reminder"]],
  [/\bemail\b/g, ["e-mail", "mail"]],
  [/\band\b/g, ["&", "n"]],
  [/\bthanks\b/g, ["thx"]],
  [/\bthe\b/g, ["da", "teh"]],
  [/\btext\b/g, ["txt"]],
  [/\bnumber\b/g, ["no.", "#"]],
  [/\bsummary\b/g, ["summ"]],
  [/\binformation\b/g, ["info"]],
];

const KEYBOARD_NEIGHBORS: Record<string, string> = {
  a: "qs",
  e: "wr",
  i: "uo",
  o: "ip",
  n: "bm",
  t: "ry",
  s: "ad",
  r: "et",
  l: "k",
  m: "n",
  d: "sf",
  c: "xv",
};

function typo(rng: Rng, word: string): string {
  const i = rng.int(1, word.length - 2);
  switch (rng.int(0, 3)) {
    case 0:
      return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
    case 1:
      return word.slice(0, i) + word.slice(i + 1);
    case 2:
      return word.slice(0, i) + word[i] + word.slice(i);
    default: {
      const near = KEYBOARD_NEIGHBORS[word[i]!];
      return near ? word.slice(0, i) + rng.pick([...near]) + word.slice(i + 1) : word;
    }
  }
}

/** Template words only: slot values are copied into the plan, so they stay exactly as written. */
function noisy(rng: Rng, parts: Part[], abbreviate: boolean, typos: number): Part[] {
  let out = parts.map((p) => {
    if (typeof p !== "string" || !abbreviate) return p;
    let s = p;
    for (const [re, subs] of ABBREVIATIONS) if (rng.chance(0.5)) s = s.replace(re, () => rng.pick(subs));
    return s;
  });
  for (let t = 0; t < typos; t++) {
    const candidates = out.flatMap((p, i) =>
      typeof p === "string" ? [...p.matchAll(/\p{L}{5,}/gu)].map((m) => [i, m.index!, m[0]] as const) : [],
    );
    if (candidates.length === 0) break;
    const [i, at, word] = rng.pick(candidates);
    const s = out[i] as string;
    out = [...out.slice(0, i), s.slice(0, at) + typo(rng, word) + s.slice(at + word.length), ...out.slice(i + 1)];
  }
  return out;
}

/**
 * As a voice assistant writes what it heard, or as people type into a launcher: no punctuation in
 * the template words (slot values keep theirs: a plan copies them), sometimes no apostrophes.
 */
function spoken(rng: Rng, parts: Part[]): Part[] {
  const apostrophes = rng.chance(0.5);
  return parts.map((p) => {
    if (typeof p !== "string") return p;
    let s = p.replace(/[,:;!?"]/g, "").replace(/\.(?=\s|$)/g, "");
    // Quotes around dictated text go; "what's" becomes "whats" only sometimes, and a possessive
    // after a name stays ("Sid's"): a name glued to an "s" is no longer the name a plan copies.
    s = s.replace(/(?<=\s)'|'(?=\s|$)/g, "");
    if (apostrophes) s = s.replace(/(?<=\p{L})'(?=\p{L})/gu, "");
    return s;
  });
}

const OPENING_QUOTE = /['"“‘]\s*$/;

/**
 * As people type dictated words to an assistant: in quotes ("text Sid 'running late'", 'a note called
 * "Ideas"'). The plan keeps the words without the quotes. One style per request; a value a template
 * already quotes, or one that begins with an article the template added, stays as it is.
 */
function quoted(rng: Rng, parts: Part[]): Part[] {
  const [open, close] = rng.weighted<[string, string]>([
    [5, ["'", "'"]],
    [4, ['"', '"']],
    [1, ["“", "”"]],
  ]);
  return parts.flatMap((p, i) => {
    if (typeof p === "string" || !p.said || p.slot === "" || /^the /i.test(p.slot) || !rng.chance(0.8)) return [p];
    const before = parts[i - 1];
    if (typeof before === "string" && OPENING_QUOTE.test(before)) return [p];
    return [open, p, close];
  });
}

const textOf = (parts: Part[]) => parts.map((p) => (typeof p === "string" ? p : p.slot)).join("");

interface Unit {
  clauses: Clause[];
}

const pickIntent = (rng: Rng, intents: readonly Intent[]) => rng.weighted(intents.map((i) => [i.weight, i] as const));
const INDEPENDENT = INTENTS.filter((i) => !i.consumes);
const PRODUCERS = INTENTS.filter((i) => i.produces);

function units(ctx: Ctx, actions: number): Unit[] {
  const rng = ctx.rng;
  const out: Unit[] = [];
  let count = 0;
  while (count < actions) {
    if (actions - count >= 2 && rng.chance(0.5)) {
      const producer = pickIntent(rng, PRODUCERS);
      const clauses = [producer.make(ctx)];
      const consumers = INTENTS.filter((i) => i.consumes?.includes(producer.produces!));
      const n = Math.min(
        actions - count - 1,
        rng.weighted([
          [75, 1],
          [25, 2],
        ]),
      );
      const used = new Set<string>();
      for (let k = 0; k < n; k++) {
        const options = consumers.filter((c) => !used.has(c.name));
        if (options.length === 0) break;
        const c = pickIntent(rng, options);
        used.add(c.name);
        clauses.push(c.make(ctx));
      }
      count += clauses.length;
      out.push({ clauses });
    } else {
      out.push({ clauses: [pickIntent(rng, INDEPENDENT).make(ctx)] });
      count += 1;
    }
  }
  return out;
}

export interface GenerateOptions {
  /** Share of out-of-scope requests. */
  outOfScope?: number;
}

/** One example for a split, from `rng` alone. */
export function generateExample(rng: Rng, split: Split, id: string, options: GenerateOptions = {}): Example {
  const now = randomNow(rng);
  const ctx = new Ctx(rng, split, now);
  const kind = rng.chance(options.outOfScope ?? 0.22) ? "oos" : rng.chance(0.45) ? "single" : "multi";
  let parts: Part[];
  let imperative: boolean;
  let listed = false;
  if (kind === "oos") {
    const c = outOfScope(ctx);
    parts = c.parts;
    imperative = c.imperative;
    // Two things no tool can do, asked together, are still nothing to do.
    if (rng.chance(0.2)) parts = [...parts, connector(rng, split, "general"), ...outOfScope(ctx).parts];
  } else {
    const actions =
      kind === "single"
        ? 1
        : rng.weighted([
            [45, 2],
            [33, 3],
            [16, 4],
            [6, 5],
          ]);
    const us = units(ctx, actions);
    const clauses = us.flatMap((u, i) => u.clauses.map((c, j) => ({ c, join: j > 0 ? "chain" : i > 0 ? "general" : undefined })));
    imperative = clauses[0]!.c.imperative;
    listed = clauses.length > 1 && rng.chance(0.06);
    parts = [];
    clauses.forEach(({ c, join }, i) => {
      let cparts = c.parts;
      if (listed) parts.push(i === 0 ? rng.pick(["1) ", "1. ", "- "]) : rng.pick([` ${i + 1}) `, ` ${i + 1}. `, " - "]));
      else if (join) {
        const sep = connector(rng, split, join as "general" | "chain");
        parts.push(sep);
        if (/[.!?] $/.test(sep)) cparts = capitalizeFirst(cparts);
      }
      parts.push(...cparts);
    });
  }

  const abbreviate = rng.chance(0.12);
  const typos = rng.chance(0.07) ? rng.int(1, 2) : 0;
  parts = noisy(rng, parts, abbreviate, typos);
  if (imperative && rng.chance(0.22)) parts = [connector(rng, split, "prefix"), ...parts];
  // Voice register: lowercase, no punctuation ("remind me in ten minutes to take the pizza out").
  const voice = !listed && rng.chance(0.1);
  const lower = voice || rng.chance(0.15);
  if (!lower && rng.chance(0.7)) parts = capitalizeFirst(parts);
  if (rng.chance(0.25)) parts = [...parts, connector(rng, split, "suffix")];
  if (voice) parts = spoken(rng, parts);
  else if (rng.chance(0.15)) parts = quoted(rng, parts);
  let query = textOf(parts).replace(/\s+/g, " ").trim();
  if (lower) query = query.toLowerCase();

  const plan = ctx.plan.text((value, tool, index) => {
    if (!lower) return value;
    const role = TOOLS[tool as ToolName]?.params[index]?.role;
    return role === "title" ? capFirst(value.toLowerCase()) : value.toLowerCase();
  });
  return { id, now: formatLocalDateTime(now).replace(" ", "T"), query, plan };
}

function capitalizeFirst(parts: Part[]): Part[] {
  const [first, ...rest] = parts;
  if (typeof first === "string") return [capFirst(first), ...rest];
  return parts;
}
