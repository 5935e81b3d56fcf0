import type { LocalDateTime } from "../../src/core/time/localDateTime";
import type { When } from "./dates";
import { PlanBuilder, type Recipient } from "./planBuilder";
import type { Rng } from "./rng";
import { emailAddress, person, phoneNumber, type Person } from "./slots";
import { splitPhrasings, type Split } from "./split";

/**
 * A piece of request text: template words (may get typos and abbreviations) or a slot value (copied
 * as is). Words the user dictates (a message, a title) are `said`: people often type them in quotes.
 */
export type Part = string | { slot: string; said?: boolean };
export const slot = (text: string): Part => ({ slot: text });
export const said = (text: string): Part => ({ slot: text, said: true });

export interface Clause {
  parts: Part[];
  /** Starts with a verb, so "can you" / "please" may go in front. */
  imperative: boolean;
}

/** What an earlier clause made that a later one can use: "send him the link", "email it to Anna". */
export interface Resource {
  kind: "zoom" | "map" | "file" | "summary" | "note";
  ref: string;
  /** Meeting topic (zoom), file stem (summary), note name (note). */
  label: string;
  people: Person[];
  /** When a meeting is (zoom), for a calendar event made from it. */
  when?: When;
}

const phrasingCache = new Map<string, Record<Split, readonly string[]>>();

/** Everything one request's clauses share: randomness, split, `now`, the plan so far, who was mentioned. */
export class Ctx {
  readonly plan = new PlanBuilder();
  readonly mentioned: Person[] = [];
  lastGroup: Person[] | undefined;
  readonly resources: Resource[] = [];

  constructor(
    readonly rng: Rng,
    readonly split: Split,
    readonly now: LocalDateTime,
  ) {}

  /** A phrasing from this split's share of a family of templates. */
  phrasing(family: string, templates: readonly string[]): string {
    let bySplit = phrasingCache.get(family);
    if (!bySplit) {
      bySplit = splitPhrasings(templates, (t) => `${family}:${t}`);
      phrasingCache.set(family, bySplit);
    }
    return this.rng.pick(bySplit[this.split]);
  }

  pronoun(group: readonly Person[]): string {
    if (group.length > 1) return this.rng.pick(["them", "them", "them", group.length === 2 ? "both of them" : "all of them", "everyone"]);
    const g = group[0]!.gender;
    if (this.rng.chance(0.25) || g === "x") return "them";
    return g === "f" ? "her" : "him";
  }

  /**
   * Recipients for a channel, as parts of text and as plan recipients. May reuse the last group by
   * pronoun, mention known people again by name, or write out an address.
   */
  recipients(
    channel: "email" | "phone",
    options: { max?: number; pronoun?: boolean; addresses?: boolean; people?: Person[] } = {},
  ): { recipients: Recipient[]; parts: Part[]; people: Person[] } {
    const rng = this.rng;
    const group = options.people ?? this.lastGroup;
    if (group && group.length > 0 && (options.pronoun ?? true) && rng.chance(options.people ? 0.75 : 0.45)) {
      return { recipients: group.map((person) => ({ person })), parts: [this.pronoun(group)], people: [...group] };
    }
    const max = options.max ?? 3;
    const n = Math.min(
      max,
      rng.weighted([
        [70, 1],
        [20, 2],
        [10, 3],
      ]),
    );
    const recipients: Recipient[] = [];
    const people: Person[] = [];
    const texts: Part[] = [];
    for (let i = 0; i < n; i++) {
      if ((options.addresses ?? true) && rng.chance(0.2)) {
        const address = channel === "email" ? emailAddress(rng, this.split) : phoneNumber(rng);
        if (recipients.some((r) => "address" in r && r.address === address)) continue;
        recipients.push({ address });
        texts.push(slot(address));
        continue;
      }
      const known = this.mentioned.filter((p) => !people.includes(p));
      if (known.length > 0 && rng.chance(0.25)) {
        const p = rng.pick(known);
        people.push(p);
        recipients.push({ person: p });
        texts.push(slot(p.again));
        continue;
      }
      let p = person(rng, this.split);
      while ([...this.mentioned, ...people].some((q) => q.gold.toLowerCase() === p.gold.toLowerCase())) p = person(rng, this.split);
      people.push(p);
      recipients.push({ person: p });
      texts.push(slot(p.surface));
    }
    for (const p of people) if (!this.mentioned.includes(p)) this.mentioned.push(p);
    if (people.length > 0) this.lastGroup = people;
    return { recipients, parts: joinList(rng, texts), people };
  }

  /** A contact mentioned by name only (lookups, "Meeting with X"): never an address. */
  people(max = 3): { recipients: Recipient[]; people: Person[]; parts: Part[] } {
    return this.recipients("email", { max, addresses: false });
  }

  resource(kinds: readonly Resource["kind"][]): Resource | undefined {
    for (let i = this.resources.length - 1; i >= 0; i--) if (kinds.includes(this.resources[i]!.kind)) return this.resources[i];
    return undefined;
  }
}

/** "A", "A and B", "A, B and C", "A, B, and C", "A & B". */
export function joinList(rng: Rng, items: readonly Part[]): Part[] {
  if (items.length <= 1) return [...items];
  const and = rng.weighted<string>([
    [8, " and "],
    [1, " & "],
    [0.5, " + "],
  ]);
  const out: Part[] = [];
  items.forEach((item, i) => {
    if (i > 0) out.push(i === items.length - 1 ? (items.length > 2 && rng.chance(0.4) ? "," + and : and) : ", ");
    out.push(item);
  });
  return out;
}

/** Fills "{name}" holes of a template with parts. */
export function render(template: string, values: Record<string, Part[] | Part | undefined>): Part[] {
  const out: Part[] = [];
  const re = /\{(\w+)\}/g;
  let last = 0;
  for (let m = re.exec(template); m; m = re.exec(template)) {
    if (m.index > last) out.push(template.slice(last, m.index));
    const v = values[m[1]!];
    if (v === undefined) throw new Error(`template "${template}" needs {${m[1]}}`);
    out.push(...(Array.isArray(v) ? v : [v]));
    last = m.index + m[0].length;
  }
  if (last < template.length) out.push(template.slice(last));
  return out;
}

const NON_IMPERATIVE =
  /^(i |i'd|i'm|i'll|what|where|how|who|when|which|my |let's|need|could|can|would|please|pls|is |are |do |the |a |an |in |new |quick|reminder|note|calendar|zoom |tl;dr|directions|route|transit|public|walking|driving|sms to|text message|we |we're|whats|fastest|best |summary|todo|to do|meeting |map of|number |cell |mobile |phone and|email (?:for|and|address)|contact |\{)/i;

export function clause(template: string, values: Record<string, Part[] | Part | undefined>): Clause {
  return { parts: render(template, values), imperative: !NON_IMPERATIVE.test(template) };
}
