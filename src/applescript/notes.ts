import { AgentError } from "../core/errors";
import type { MacContext } from "./macTool";
import { bestNameMatch, describeChoice } from "./nameMatch";
import { buildScript, parseRecords, text } from "./script";

/** Notes bodies are HTML: text goes in escaped, one <div> per line as Notes writes them itself. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

export function htmlLines(content: string): string {
  if (content === "") return "";
  return content
    .split(/\r\n|\r|\n/)
    .map((line) => (line === "" ? "<div><br></div>" : `<div>${escapeHtml(line)}</div>`))
    .join("");
}

/** The title as the note's first line (Notes names a note after its first line). */
export const noteHtml = (title: string, content: string) => `<div><h1>${escapeHtml(title)}</h1></div>${htmlLines(content)}`;

/** Lines that pick the folder named theFolderName, or the default folder; theFallback says which. */
const CHOOSE_FOLDER = [
  "\tset theFolders to {}",
  '\tif theFolderName is not "" then set theFolders to every folder whose name is theFolderName',
  "\tset theFallback to theFolders is {}",
];

export function createNoteScript(html: string, folder: string): string {
  return buildScript({
    values: { theBody: text(html), theFolderName: text(folder) },
    body: [
      'tell application "Notes"',
      ...CHOOSE_FOLDER,
      "\tif theFallback then",
      "\t\tset theFolder to default folder of default account",
      "\telse",
      "\t\tset theFolder to item 1 of theFolders",
      "\tend if",
      "\tset theNote to make new note at theFolder with properties {body:theBody}",
      "\treturn (name of theNote) & US & (name of theFolder) & US & (theFallback as text)",
      "end tell",
    ],
  });
}

/** Ids and names of the notes in the named folder, or of all notes when there is no such folder. */
export function listNotesScript(folder: string): string {
  return buildScript({
    values: { theFolderName: text(folder) },
    body: [
      'tell application "Notes"',
      ...CHOOSE_FOLDER,
      "\tif theFallback then",
      "\t\tset theIds to id of every note",
      "\t\tset theNames to name of every note",
      "\telse",
      "\t\tset theIds to id of every note of item 1 of theFolders",
      "\t\tset theNames to name of every note of item 1 of theFolders",
      "\tend if",
      "end tell",
      "set theRows to {theFallback as text}",
      "repeat with i from 1 to count of theIds",
      "\tset end of theRows to (item i of theIds) & US & (item i of theNames)",
      "end repeat",
      "set AppleScript's text item delimiters to RS",
      "return theRows as text",
    ],
  });
}

export function openNoteScript(noteId: string): string {
  return buildScript({
    values: { theNoteId: text(noteId) },
    body: [
      'tell application "Notes"',
      "\tset theNote to note id theNoteId",
      "\tshow theNote",
      "\tactivate",
      "\treturn plaintext of theNote",
      "end tell",
    ],
  });
}

export function appendNoteScript(noteId: string, html: string): string {
  return buildScript({
    values: { theNoteId: text(noteId), theAddition: text(html) },
    body: [
      'tell application "Notes"',
      "\tset theNote to note id theNoteId",
      "\tset body of theNote to (body of theNote) & theAddition",
      "\treturn name of theNote",
      "end tell",
    ],
  });
}

export interface NoteListing {
  /** True when no folder was named or the named one does not exist, so all notes were listed. */
  allNotes: boolean;
  notes: { id: string; name: string }[];
}

export function parseNoteListing(output: string): NoteListing {
  const [flag, ...rows] = parseRecords(output);
  return { allNotes: flag?.[0] !== "false", notes: rows.map(([id = "", name = ""]) => ({ id, name })) };
}

export const CHOSEN_ID = "⟨id of the chosen note⟩";

/** Notes keeps its own order (recently edited first), so equally good matches keep it. */
export async function findNote(name: string, folder: string, ctx: MacContext): Promise<{ id: string; name: string; notes: string[] }> {
  const listing = parseNoteListing(await ctx.runner.appleScript(listNotesScript(folder), { signal: ctx.signal, app: "Notes" }));
  const notes: string[] = [];
  if (folder.trim() !== "" && listing.allNotes) notes.push(`There is no folder named “${folder}”, so all notes were searched.`);
  const match = bestNameMatch(name, listing.notes, (n) => ({ full: [n.name] }));
  if (!match) {
    const where = folder.trim() !== "" && !listing.allNotes ? ` in folder “${folder}”` : "";
    throw new AgentError(`No note named “${name}”${where}.`, "not_found");
  }
  const choice = describeChoice(name, match, (n) => n.name);
  if (choice) notes.push(choice);
  return { ...match.best, notes };
}

export const findStep = (name: string, folder: string) => ({
  title: `AppleScript: list the notes${folder.trim() === "" ? "" : ` in folder “${folder}” (all notes if there is no such folder)`}`,
  text: listNotesScript(folder),
});
export const chooseTitle = (name: string, then: string) =>
  `Then choose the note that best matches “${name}” (exact name, then ignoring case and accents, partial) and ${then}:`;

export const withNotes = (result: string, notes: string[]) => (notes.length > 0 ? { result, note: notes.join(" ") } : result);
