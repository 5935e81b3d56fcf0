import { createNoteScript, noteHtml } from "../applescript/notes";
import { parseRecords } from "../applescript/script";
import { param } from "../core/tools/params";
import { defineTool } from "./defineTool";

export const createNote = defineTool({
  name: "create_note",
  title: "New Note",
  app: "Notes",
  effect: "write",
  params: [param.title("name"), param.text("content"), param.container("folder")],
  description: `create_note(name: str, content: str, folder: str) -> str
 - Creates a new note with the given content.
 - The name is used as the title of the note.
 - The content is the main text of the note.
 - The folder is optional, use an empty string if not applicable.
 - Returns the status of the note creation.
`,
  mac: {
    preview: (args) => createNoteScript(noteHtml(args.name, args.content), args.folder.trim()),
    run: async (args, ctx) => {
      const folder = args.folder.trim();
      const script = createNoteScript(noteHtml(args.name, args.content), folder);
      const [noteName = args.name, folderName = "?", fallback] =
        parseRecords(await ctx.runner.appleScript(script, { signal: ctx.signal, app: "Notes" }))[0] ?? [];
      let result = `Created note “${noteName}” in folder “${folderName}”.`;
      if (fallback === "true" && folder !== "") result += ` There is no folder named “${folder}”, so it went to the default folder.`;
      return result;
    },
  },
});
