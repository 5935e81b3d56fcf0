import { Detail, type LaunchProps } from "@raycast/api";

/**
 * Ask TinyAgent. This first version shows what it will plan; planning inside Raycast arrives with
 * the on-device planner model (see the CHANGELOG). The headless CLI (`npm start`) runs the pipeline today.
 */
export default function AskCommand(props: LaunchProps<{ arguments: Arguments.Ask }>) {
  const query = props.arguments.query?.trim() || props.fallbackText?.trim() || "";
  const markdown = [
    "# Ask TinyAgent",
    query ? `**Request:** ${query}` : "Type a request, e.g. *Text Sid that I'm running late*.",
    "",
    "The on-device planner is not installed in this version yet, so nothing will be planned or run.",
  ].join("\n\n");
  return <Detail markdown={markdown} />;
}
