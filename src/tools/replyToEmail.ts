import { normalizedDraft, respond, respondScript, type Draft } from "../applescript/mail";
import { emailAddresses, requireValid, type IsKnown } from "../core/tools/argumentChecks";
import { param } from "../core/tools/params";
import { defineTool, type ArgsOf } from "./defineTool";

const params = [param.addresses("cc"), param.text("context"), param.paths("attachments")] as const;
type Args = ArgsOf<typeof params>;

const checks = (a: Args, known: IsKnown) => emailAddresses(a.cc, "Cc", known);

const replyDraft = (a: Args): Draft => ({ to: [], cc: a.cc, subject: "", content: a.context, attachments: a.attachments });

export const replyToEmail = defineTool({
  name: "reply_to_email",
  title: "Email Reply",
  app: "Mail",
  effect: "write",
  params,
  description: `reply_to_email(cc: list[str], context: str, attachments: list[str]) -> str
 - Replies to the currently selected email in Mail with the given content.
 - The cc parameter can be a single email or a list of emails.
 - The attachments parameter can be a single file path or a list of file paths.
 - The context parameter is optional and should only be used to pass down some intermediate result. Otherwise, just leave it as empty string.
`,
  checks,
  mac: {
    preview: (args, settings) => respondScript("reply", normalizedDraft(replyDraft(args), settings.home)),
    run: async (args, ctx) => {
      requireValid(checks, args);
      return respond("reply", replyDraft(args), ctx);
    },
  },
});
