import type { LocalDateTime } from "../core/time/localDateTime";
import { setDateLines } from "./dateScript";
import { integerLiteral, textListLiteral, textLiteral } from "./literal";

/**
 * Separators for the data a script returns: values never contain these control characters, so
 * the text splits back into records and fields without any quoting.
 */
export const FIELD_SEPARATOR = "\u001f";
export const RECORD_SEPARATOR = "\u001e";
export const ITEM_SEPARATOR = "\u001d";

export type ScriptValue =
  | { kind: "text"; value: string }
  | { kind: "list"; value: readonly string[] }
  | { kind: "integer"; value: number }
  | { kind: "date"; value: LocalDateTime };

export const text = (value: string): ScriptValue => ({ kind: "text", value });
export const list = (value: readonly string[]): ScriptValue => ({ kind: "list", value });
export const integer = (value: number): ScriptValue => ({ kind: "integer", value });
export const date = (value: LocalDateTime): ScriptValue => ({ kind: "date", value });

export interface ScriptParts {
  /** `use` statements, which AppleScript wants before anything else. */
  use?: readonly string[];
  /** Values, bound to variables at the top level, in this order. */
  values: Readonly<Record<string, ScriptValue>>;
  /** The script proper. It names values only through their variables, so it never changes with them. */
  body: readonly string[];
}

/**
 * A script: the values first, each bound to a variable outside any `tell` block (so AppleScript, not
 * an app, evaluates the literals and dates), then the fixed body. US/RS/GS name the separators.
 */
export function buildScript({ use = [], values, body }: ScriptParts): string {
  const bindings = Object.entries(values).flatMap(([name, v]) => bind(name, v));
  const separators = [
    `set US to character id ${FIELD_SEPARATOR.charCodeAt(0)}`,
    `set RS to character id ${RECORD_SEPARATOR.charCodeAt(0)}`,
    `set GS to character id ${ITEM_SEPARATOR.charCodeAt(0)}`,
  ];
  return [...use, ...bindings, ...separators, ...body].join("\n");
}

function bind(name: string, v: ScriptValue): string[] {
  if (!/^the[A-Z][A-Za-z]*$/.test(name)) throw new Error(`script variable names look like theThing, not ${name}`);
  switch (v.kind) {
    case "text":
      return [`set ${name} to ${textLiteral(v.value)}`];
    case "list":
      return [`set ${name} to ${textListLiteral(v.value)}`];
    case "integer":
      return [`set ${name} to ${integerLiteral(v.value)}`];
    case "date":
      return setDateLines(name, v.value);
  }
}

/** Splits a script's output into records of fields (empty output: no records). */
export function parseRecords(output: string): string[][] {
  if (output === "") return [];
  return output.split(RECORD_SEPARATOR).map((record) => record.split(FIELD_SEPARATOR));
}

/** A field holding several items joined by GS. */
export function splitItems(field: string | undefined): string[] {
  return field === undefined || field === "" ? [] : field.split(ITEM_SEPARATOR);
}
