import { parseDeliveries, sendMessageScript, type Delivery } from "../applescript/messages";
import { AgentError } from "../core/errors";
import { messageRecipients, requireValid, type IsKnown } from "../core/tools/argumentChecks";
import { param } from "../core/tools/params";
import { defineTool, type ArgsOf } from "./defineTool";

const params = [param.addresses("recipients"), param.text("message")] as const;

const checks = (a: ArgsOf<typeof params>, known: IsKnown) => [
  ...messageRecipients(a.recipients, known),
  ...(known(a.message) && a.message.trim() === "" ? ["The message is empty: there is nothing to send."] : []),
];

const describeSent = (sent: Delivery[]) => sent.map((d) => `${d.recipient} (${d.service})`).join(", ");

export const sendSms = defineTool({
  name: "send_sms",
  title: "Text Message",
  app: "Messages",
  effect: "send",
  params,
  description: `send_sms(recipients: list[str], message: str) -> str
 - Send an SMS to a list of phone numbers.
 - The recipients argument can be a single phone number or a list of phone numbers.
 - Returns the status of the SMS.
`,
  checks,
  mac: {
    preview: (args) =>
      sendMessageScript(
        args.recipients.map((r) => r.trim()),
        args.message,
      ),
    run: async (args, ctx) => {
      requireValid(checks, args);
      const recipients = args.recipients.map((r) => r.trim());
      const output = await ctx.runner.appleScript(sendMessageScript(recipients, args.message), { signal: ctx.signal, app: "Messages" });
      const deliveries = parseDeliveries(output);
      if (deliveries.length === 0) throw new AgentError("Messages did not report sending anything; check Messages.", "send_failed");
      const sent = deliveries.filter((d) => d.error === undefined);
      const failed = deliveries.filter((d) => d.error !== undefined);
      if (failed.length > 0) {
        const notSent = failed.map((d) => `${d.recipient} (${d.error})`).join(", ");
        const prefix = sent.length > 0 ? `Sent to ${describeSent(sent)}, but not to ` : "Not sent to ";
        throw new AgentError(`${prefix}${notSent}.`, "send_failed", { cause: output });
      }
      return `Sent to ${describeSent(sent)}.`;
    },
  },
});
