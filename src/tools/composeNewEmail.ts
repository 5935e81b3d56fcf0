import { checkedDraft, composeScript, describeDraft, normalizedDraft, type Draft } from "../applescript/mail";
import { emailAddresses, requireValid, type IsKnown } from "../core/tools/argumentChecks";
import { param } from "../core/tools/params";
import { defineTool, type ArgsOf } from "./defineTool";

const params = [
  param.addresses("recipients"),
  param.addresses("cc"),
  param.title("subject"),
  param.text("context"),
  param.paths("attachments"),
] as const;
type Args = ArgsOf<typeof params>;

const checks = (a: Args, known: IsKnown) => [...emailAddresses(a.recipients, "Recipient", known), ...emailAddresses(a.cc, "Cc", known)];

const composeDraft = (a: Args): Draft => ({
  to: a.recipients,
  cc: a.cc,
  subject: a.subject,
  content: a.context,
  attachments: a.attachments,
});

export const composeNewEmail = defineTool({
  name: "compose_new_email",
  title: "New Email Draft",
  app: "Mail",
  effect: "write",
  params,
  description: `compose_new_email(recipients: list[str], cc: list[str], subject: str, context: str, attachments: list[str]) -> str
 - Composes a new email and returns the status of the email composition.
 - The recipients and cc parameters can be a single email or a list of emails.
 - The attachments parameter can be a single file path or a list of file paths.
 - The context parameter is optional and should only be used to pass down some intermediate result. Otherwise, just leave it as empty string.
 - You MUST put a map location in the 'context' parameter if you want to send a location in the email.
 - If you want to send a zoom link, you MUST put the zoom link in the 'context' parameter.
`,
  checks,
  mac: {
    preview: (args, settings) => composeScript(normalizedDraft(composeDraft(args), settings.home)),
    run: async (args, ctx) => {
      requireValid(checks, args);
      const d = await checkedDraft(composeDraft(args), ctx);
      await ctx.runner.appleScript(composeScript(d), { signal: ctx.signal, app: "Mail" });
      return `Draft “${d.subject}” is open in Mail, not sent${describeDraft(d)}.`;
    },
  },
});
