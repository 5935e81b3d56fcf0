import { Action, ActionPanel, Alert, Color, confirmAlert, Icon, Keyboard, List } from "@raycast/api";
import { createDeeplink } from "@raycast/utils";
import { markdownFence, markdownText, showInline } from "../core/util/displayText";
import { AskView } from "./ask/AskView";
import type { RunOutcome } from "../agent/runSession";
import { useHistory } from "./hooks/useHistory";
import { useServices } from "./hooks/useServices";

const OUTCOMES: Record<RunOutcome, { label: string; color: Color; icon: Icon }> = {
  done: { label: "Done", color: Color.Green, icon: Icon.CheckCircle },
  failed: { label: "Failed", color: Color.Red, icon: Icon.XMarkCircle },
  cancelled: { label: "Cancelled", color: Color.SecondaryText, icon: Icon.Stop },
};

/** History: recent runs from LocalStorage; open a plan again, plan the request again, save it, clear. */
export default function HistoryCommand() {
  const services = useServices();
  const { entries, isLoading, remove, clear } = useHistory(services.history);
  const clearAll = async () => {
    const confirmed = await confirmAlert({
      title: "Clear History?",
      message: "Every past request and plan is removed from TinyAgent's history.",
      primaryAction: { title: "Clear History", style: Alert.ActionStyle.Destructive },
    });
    if (confirmed) await clear();
  };
  return (
    <List isLoading={isLoading} searchBarPlaceholder="Search past requests" isShowingDetail={entries.length > 0}>
      {!isLoading && <List.EmptyView icon={Icon.Clock} title="No Runs Yet" description="Plans you run with Ask TinyAgent show up here." />}
      {entries.map((entry) => {
        const outcome = OUTCOMES[entry.outcome];
        return (
          <List.Item
            key={entry.id}
            id={entry.id}
            icon={{ source: outcome.icon, tintColor: outcome.color }}
            title={showInline(entry.query)}
            keywords={[entry.summary]}
            accessories={[{ date: new Date(entry.ranAt), tooltip: new Date(entry.ranAt).toLocaleString() }]}
            detail={
              <List.Item.Detail
                markdown={`### ${markdownText(entry.query)}\n\n${markdownFence(entry.planText)}`}
                metadata={
                  <List.Item.Detail.Metadata>
                    <List.Item.Detail.Metadata.Label
                      title="Outcome"
                      text={outcome.label}
                      icon={{ source: outcome.icon, tintColor: outcome.color }}
                    />
                    <List.Item.Detail.Metadata.Label title="Summary" text={showInline(entry.summary)} />
                    <List.Item.Detail.Metadata.Label title="Tasks" text={String(entry.tasks)} />
                    <List.Item.Detail.Metadata.Label title="Ran" text={new Date(entry.ranAt).toLocaleString()} />
                  </List.Item.Detail.Metadata>
                }
              />
            }
            actions={
              <ActionPanel>
                <Action.Push title="Open Plan" icon={Icon.List} target={<AskView query={entry.query} planText={entry.planText} />} />
                <Action.Push title="Plan Again" icon={Icon.ArrowClockwise} target={<AskView query={entry.query} />} />
                <Action.CreateQuicklink
                  title="Save as Quicklink"
                  shortcut={Keyboard.Shortcut.Common.Save}
                  quicklink={{
                    name: `TinyAgent: ${entry.query}`,
                    link: createDeeplink({ command: "ask", arguments: { query: entry.query } }),
                  }}
                />
                <Action.CopyToClipboard title="Copy Plan" content={entry.planText} shortcut={Keyboard.Shortcut.Common.Copy} />
                <ActionPanel.Section>
                  <Action
                    title="Delete Entry"
                    icon={Icon.Trash}
                    style={Action.Style.Destructive}
                    shortcut={Keyboard.Shortcut.Common.Remove}
                    onAction={() => void remove(entry.id)}
                  />
                  <Action
                    title="Clear History"
                    icon={Icon.XMarkCircle}
                    style={Action.Style.Destructive}
                    shortcut={Keyboard.Shortcut.Common.RemoveAll}
                    onAction={() => void clearAll()}
                  />
                </ActionPanel.Section>
              </ActionPanel>
            }
          />
        );
      })}
    </List>
  );
}
