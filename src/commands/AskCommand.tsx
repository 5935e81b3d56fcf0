import type { LaunchProps } from "@raycast/api";
import { AskView } from "./ask/AskView";

/**
 * Ask TinyAgent: the request from the argument, or the root search's fallback text. Never a plan
 * from the launch context: a deeplink can carry one, and a plan to run must come from the planner
 * or from this Mac's History.
 */
export default function AskCommand(props: Pick<LaunchProps<{ arguments: Arguments.Ask }>, "arguments" | "fallbackText">) {
  const query = props.arguments?.query?.trim() || props.fallbackText?.trim() || "";
  return <AskView query={query} />;
}
