import { previewSteps } from "../applescript/macTool";
import { appendNoteScript, CHOSEN_ID, chooseTitle, findNote, findStep, htmlLines } from "../applescript/notes";
import { param } from "../core/tools/params";
import { defineTool } from "./defineTool";

export const appendNoteContent = defineTool({
  name: "append_note_content",
  title: "Add to Note",
  app: "Notes",
  effect: "write",
  params: [param.note("name"), param.text("content"), param.container("folder")],
  description: `append_note_content(name: str, content: str, folder: str) -> str
 - Appends content to an existing note.
 - If a folder is specified, the note is created in that folder; otherwise, it's created in the default folder.
 - Returns the status of the content appending.
`,
  mac: {
    preview: (args) =>
      previewSteps([
        findStep(args.name, args.folder),
        { title: chooseTitle(args.name, "append to it"), text: appendNoteScript(CHOSEN_ID, htmlLines(args.content)) },
      ]),
    run: async (args, ctx) => {
      const note = await findNote(args.name, args.folder, ctx);
      await ctx.runner.appleScript(appendNoteScript(note.id, htmlLines(args.content)), { signal: ctx.signal, app: "Notes" });
      // The result is a status, so what was chosen goes in it.
      return [`Appended to note “${note.name}”.`, ...note.notes].join(" ");
    },
  },
});
