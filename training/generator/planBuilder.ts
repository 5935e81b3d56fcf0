import type { PyValue } from "../../src/agent/plan/pythonLiteral";
import { serializePlan } from "../../src/agent/plan/serializePlan";
import type { ToolName } from "../../src/core/tools/names";
import type { Person } from "./slots";

/** Somebody to reach: a contact to look up, or an address the user wrote out. */
export type Recipient = { person: Person } | { address: string };

/**
 * Builds a gold plan clause by clause: each action appended in order, each contact looked up once
 * per kind of address (training/README.md, "Contacts and recipients").
 */
export class PlanBuilder {
  private readonly steps: { id: number; tool: string; args: PyValue[] }[] = [];
  private readonly lookups = new Map<string, string>();

  add(tool: ToolName, args: PyValue[]): string {
    const id = this.steps.length + 1;
    this.steps.push({ id, tool, args });
    return `$${id}`;
  }

  private lookup(tool: "get_email_address" | "get_phone_number", who: Person): string {
    const key = `${tool}:${who.gold}`;
    const known = this.lookups.get(key);
    if (known) return known;
    const ref = this.add(tool, [who.gold]);
    this.lookups.set(key, ref);
    return ref;
  }

  emails(recipients: readonly Recipient[]): string[] {
    return recipients.map((r) => ("address" in r ? r.address : this.lookup("get_email_address", r.person)));
  }

  phones(recipients: readonly Recipient[]): string[] {
    return recipients.map((r) => ("address" in r ? r.address : this.lookup("get_phone_number", r.person)));
  }

  get size(): number {
    return this.steps.length;
  }

  tools(): ToolName[] {
    return [...new Set(this.steps.map((s) => s.tool as ToolName))];
  }

  /** The plan text, join() last, every string argument passed through `mapString` (for lowercasing). */
  text(mapString: (value: string, tool: string, index: number) => string = (v) => v): string {
    const mapValue = (v: PyValue, tool: string, index: number): PyValue =>
      typeof v === "string" ? mapString(v, tool, index) : Array.isArray(v) ? v.map((x) => mapValue(x, tool, index)) : v;
    const steps = this.steps.map((s) => ({ ...s, args: s.args.map((a, i) => mapValue(a, s.tool, i)) }));
    return serializePlan([...steps, { id: steps.length + 1, tool: "join", args: [] }]);
  }
}
