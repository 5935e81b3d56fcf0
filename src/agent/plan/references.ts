import type { PyValue } from "./pythonLiteral";

/**
 * How a plan tells a reference to an earlier task's result from a dollar amount:
 *
 * - a string that is exactly `$N` or `${N}` (surrounding spaces allowed) is a reference to task N;
 * - inside longer text only the braced form `${N}` is a reference;
 * - a bare `$N` inside longer text is text: "lend me $5", "budget $30 for $2 coffees".
 *
 * So "$5" alone is always a reference (and an error if task 5 is not an earlier task); an amount
 * as a whole message is written as "$5.00" or in a sentence. Lists are searched item by item,
 * recursively. The TinyAgent models write references as whole strings ("$1", ["$1", "$2"]),
 * which this rule reads as they mean.
 */
const WHOLE_REFERENCE = /^\s*\$(?:(\d+)|\{(\d+)\})\s*$/;
const EMBEDDED_REFERENCE = /\$\{(\d+)\}/g;

/** The task ids a string refers to, in order of appearance (with repeats). */
export function referencesInString(s: string): number[] {
  const whole = WHOLE_REFERENCE.exec(s);
  if (whole) return [Number(whole[1] ?? whole[2])];
  return [...s.matchAll(EMBEDDED_REFERENCE)].map((m) => Number(m[1]));
}

/** Every task id referenced anywhere in a value, sorted, without repeats. */
export function referencesIn(values: readonly PyValue[]): number[] {
  const found = new Set<number>();
  const visit = (v: PyValue) => {
    if (typeof v === "string") for (const id of referencesInString(v)) found.add(id);
    else if (Array.isArray(v)) v.forEach(visit);
  };
  values.forEach(visit);
  return [...found].sort((a, b) => a - b);
}

/** Replaces references with the referenced tasks' results (as text), in strings and lists at any depth. */
export function substituteReferences(value: PyValue, resultOf: (id: number) => string): PyValue {
  if (typeof value === "string") {
    const whole = WHOLE_REFERENCE.exec(value);
    if (whole) return resultOf(Number(whole[1] ?? whole[2]));
    return value.replace(EMBEDDED_REFERENCE, (_, id: string) => resultOf(Number(id)));
  }
  if (Array.isArray(value)) return value.map((v) => substituteReferences(v, resultOf));
  return value;
}

/** A value with its references renumbered (`$3` → `$2`, `${3}` → `${2}`), written otherwise as it was. */
export function renumberReferences(value: PyValue, newId: (id: number) => number): PyValue {
  if (typeof value === "string") {
    const whole = WHOLE_REFERENCE.exec(value);
    if (whole) return value.replace(/\d+/, String(newId(Number(whole[1] ?? whole[2]))));
    return value.replace(EMBEDDED_REFERENCE, (_, id: string) => `\${${newId(Number(id))}}`);
  }
  if (Array.isArray(value)) return value.map((v) => renumberReferences(v, newId));
  return value;
}

/** True when the string is only a reference (it will be replaced as a whole). */
export function isWholeReference(s: string): boolean {
  return WHOLE_REFERENCE.test(s);
}
