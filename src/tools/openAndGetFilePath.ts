import { formatCommandLine } from "../applescript/commandLine";
import { fallbackWord, findFile, spotlightArgs } from "../applescript/files";
import { previewSteps } from "../applescript/macTool";
import { describeChoice } from "../applescript/nameMatch";
import { param } from "../core/tools/params";
import { defineTool } from "./defineTool";

export const openAndGetFilePath = defineTool({
  name: "open_and_get_file_path",
  title: "Find File",
  app: "Files",
  effect: "read",
  params: [param.file("file_name")],
  description: `open_and_get_file_path(file_name: str) -> str
 - Opens the file and returns its path.
`,
  mac: {
    preview: (args, settings) => {
      const word = fallbackWord(args.file_name);
      return previewSteps([
        {
          title: `Spotlight: files in your home folder whose name contains “${args.file_name}”`,
          text: formatCommandLine("mdfind", spotlightArgs(settings.home, args.file_name)),
        },
        ...(word
          ? [
              {
                title: "If none matches, Spotlight again with the longest word:",
                text: formatCommandLine("mdfind", spotlightArgs(settings.home, word)),
              },
            ]
          : []),
        {
          title: "Then open the best match (exact name, then ignoring case and accents, partial; nearest the home folder):",
          text: formatCommandLine("open", ["⟨path of the best match⟩"]),
        },
      ]);
    },
    run: async (args, ctx) => {
      const match = await findFile(args.file_name, ctx);
      await ctx.runner.command("open", [match.best], { signal: ctx.signal, app: "Finder" });
      const note = describeChoice(args.file_name, match, (p) => p);
      return note ? { result: match.best, note } : match.best;
    },
  },
});
