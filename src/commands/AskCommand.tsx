import type { LaunchProps } from "@raycast/api";
import { AskView } from "./ask/AskView";

/** Ask TinyAgent: the request from the argument, or the root search's fallback text. */
export default function AskCommand(
  props: Pick<
    LaunchProps<{ arguments: Arguments.Ask; launchContext?: { planText?: string } }>,
    "arguments" | "fallbackText" | "launchContext"
  >,
) {
  const query = props.arguments?.query?.trim() || props.fallbackText?.trim() || "";
  const planText = props.launchContext?.planText;
  return <AskView query={query} {...(typeof planText === "string" ? { planText } : {})} />;
}
