import { basename } from "node:path";
import { extractiveSummary, formatExtractiveSummary } from "../applescript/extractiveSummary";
import { PDF_TEXT_LIMIT, pdfTextScript } from "../applescript/files";
import { previewSteps } from "../applescript/macTool";
import { existingFile, expandHome } from "../applescript/paths";
import { AgentError } from "../core/errors";
import { param } from "../core/tools/params";
import { defineTool } from "./defineTool";

export const summarizePdf = defineTool({
  name: "summarize_pdf",
  title: "PDF Summary",
  app: "Files",
  effect: "read",
  params: [param.path("pdf_path")],
  description: `summarize_pdf(pdf_path: str) -> str
 - Summarizes the content of a PDF file and returns the summary.
 - This tool can only be used AFTER calling open_and_get_file_path tool to get the PDF file path.
`,
  mac: {
    preview: (args, settings) =>
      previewSteps([
        { title: "AppleScript (PDFKit): read the PDF's text", text: pdfTextScript(expandHome(args.pdf_path, settings.home)) },
        { title: "Then pick the sentences whose words occur most often in it: an extractive summary, not written by a model" },
      ]),
    run: async (args, ctx) => {
      const path = await existingFile(args.pdf_path, ctx.settings.home, "PDF");
      const text = await ctx.runner.appleScript(pdfTextScript(path), { signal: ctx.signal, app: "PDFKit" });
      const summary = extractiveSummary(text);
      if (summary.total === 0) {
        throw new AgentError(
          `${basename(path)} has no text to summarize; it may be scanned pages (text recognition would be needed).`,
          "no_text",
        );
      }
      return formatExtractiveSummary(basename(path), summary, text.length >= PDF_TEXT_LIMIT ? PDF_TEXT_LIMIT : undefined);
    },
  },
});
