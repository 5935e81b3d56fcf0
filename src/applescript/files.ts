import { basename, extname } from "node:path";
import { AgentError } from "../core/errors";
import type { MacContext } from "./macTool";
import { bestNameMatch, normalizeName, type NameMatch } from "./nameMatch";
import { buildScript, text } from "./script";
import { MESSAGE_FOR_PEOPLE } from "./scriptErrors";

/** Spotlight: files under the home folder whose name contains `name` (any case). */
export const spotlightArgs = (home: string, name: string) => ["-onlyin", home, "-name", name];

/** The longest word of a name, for a second, looser search ("quarterly report" → "quarterly"); none for one-word names. */
export function fallbackWord(name: string): string | undefined {
  const words = normalizeName(name)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 3);
  if (words.length < 2) return undefined;
  return words.reduce((a, b) => (b.length > a.length ? b : a));
}

/**
 * What `open` would run rather than show: apps and other bundles, and scripts Terminal or an
 * interpreter executes. A file request is answered by opening a document, never by launching code.
 */
const RUNNABLE =
  /\.(app|bundle|framework|plugin|kext|prefpane|saver|workflow|action|command|terminal|tool|sh|bash|zsh|csh|ksh|fish|py|rb|pl|php|jar|pkg|mpkg|exe)$/i;

/** Files people mean: not inside hidden folders or ~/Library, and nothing `open` would run. */
export function isUserFile(path: string, home: string): boolean {
  const parts = path.split("/");
  return !parts.some((part) => part.startsWith(".") || RUNNABLE.test(part)) && !path.startsWith(`${home}/Library/`);
}

/**
 * The file whose name best matches: exact name, then ignoring case and accents (with or without its
 * extension), then partial; among equals the one nearest the home folder, then the shorter path.
 */
export function rankFiles(query: string, paths: readonly string[], home: string): NameMatch<string> | undefined {
  const files = paths.filter((p) => p !== "" && isUserFile(p, home));
  const depth = (p: string) => p.split("/").length;
  return bestNameMatch(
    query,
    files,
    (p) => ({ full: [basename(p), basename(p, extname(p))] }),
    (a, b) => depth(a) - depth(b) || a.length - b.length || a.localeCompare(b),
  );
}

const lines = (output: string) => output.split("\n").filter((l) => l.trim() !== "");

export async function findFile(name: string, ctx: MacContext): Promise<NameMatch<string>> {
  const { home } = ctx.settings;
  const spotlight = (word: string) => ctx.runner.command("mdfind", spotlightArgs(home, word), { signal: ctx.signal, app: "Spotlight" });
  const first = rankFiles(name, lines(await spotlight(name)), home);
  if (first) return first;
  const word = fallbackWord(name);
  const second = word ? rankFiles(name, lines(await spotlight(word)), home) : undefined;
  if (second) return second;
  throw new AgentError(`Spotlight found no file named “${name}” in ${home}.`, "not_found");
}

export const PDF_TEXT_LIMIT = 200_000;

/** PDFKit's text of a PDF, through AppleScriptObjC (the same runner and escaping as every other script). */
export function pdfTextScript(path: string): string {
  return buildScript({
    use: ['use AppleScript version "2.4"', 'use framework "Foundation"', 'use framework "Quartz"', "use scripting additions"],
    values: { thePath: text(path) },
    body: [
      "set theDocument to current application's PDFDocument's alloc()'s initWithURL:(current application's NSURL's fileURLWithPath:thePath)",
      `if theDocument is missing value then error "This file could not be read as a PDF." number ${MESSAGE_FOR_PEOPLE}`,
      "set theText to theDocument's |string|()",
      'if theText is missing value then return ""',
      `if (theText's |length|()) > ${PDF_TEXT_LIMIT} then set theText to (theText's substringToIndex:${PDF_TEXT_LIMIT})`,
      "return theText as text",
    ],
  });
}
