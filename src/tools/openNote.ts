import { previewSteps } from "../applescript/macTool";
import { CHOSEN_ID, chooseTitle, findNote, findStep, openNoteScript, withNotes } from "../applescript/notes";
import { param } from "../core/tools/params";
import { defineTool } from "./defineTool";

export const openNote = defineTool({
  name: "open_note",
  title: "Open Note",
  app: "Notes",
  effect: "read",
  params: [param.note("name"), param.container("folder")],
  description: `open_note(name: str, folder: str) -> str
 - Opens an existing note by its name.
 - If a folder is specified, the note is created in that folder; otherwise, it's created in the default folder.
 - Returns the content of the note.
`,
  mac: {
    preview: (args) =>
      previewSteps([findStep(args.name, args.folder), { title: chooseTitle(args.name, "show it"), text: openNoteScript(CHOSEN_ID) }]),
    run: async (args, ctx) => {
      const note = await findNote(args.name, args.folder, ctx);
      const content = await ctx.runner.appleScript(openNoteScript(note.id), { signal: ctx.signal, app: "Notes" });
      return withNotes(content, [`Opened “${note.name}”.`, ...note.notes]);
    },
  },
});
