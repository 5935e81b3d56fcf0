import { Action, ActionPanel, Alert, Color, confirmAlert, Icon, List, openExtensionPreferences, showToast, Toast } from "@raycast/api";
import type { ModelEntry } from "../agent/models/manifest";
import { formatBytes } from "../core/util/formatBytes";
import { useModels } from "./hooks/useModels";
import { useServices } from "./hooks/useServices";
import { downloadWithToast } from "./models/downloadWithToast";
import { modelRow, type ModelRow } from "./models/modelRows";

const COLORS: Record<ModelRow["stateColor"], Color> = {
  green: Color.Green,
  blue: Color.Blue,
  orange: Color.Orange,
  red: Color.Red,
  secondary: Color.SecondaryText,
};

/**
 * Manage Models: every model in the manifest, its size, license and state; download, cancel, delete.
 * The planner is chosen in one place, the "Planner Model" preference; this view shows which one is used.
 */
export default function ModelsCommand() {
  const services = useServices();
  const { state, download, cancel, remove } = useModels(services);
  const sections = [
    { title: "Planner Models", entries: services.manifest.models.filter((m) => m.role === "planner") },
    { title: "Tool Classifier Models", entries: services.manifest.models.filter((m) => m.role === "classifier") },
    { title: "Value Tagger Models", entries: services.manifest.models.filter((m) => m.role === "tagger") },
  ].filter((s) => s.entries.length > 0);

  const startDownload = (entry: ModelEntry) =>
    void download(entry, (controller, onProgress) => downloadWithToast(services, entry, { controller, onProgress }));

  const deleteModel = async (entry: ModelEntry) => {
    const confirmed = await confirmAlert({
      title: `Delete ${entry.title}?`,
      message: `Its ${formatBytes(entry.bytes)} file is deleted; download it again to use it.`,
      primaryAction: { title: "Delete", style: Alert.ActionStyle.Destructive },
    });
    if (!confirmed) return;
    await remove(entry);
    await showToast({ style: Toast.Style.Success, title: `Deleted ${entry.title}` });
  };

  return (
    <List isLoading={state.isLoading} searchBarPlaceholder="Search models">
      {sections.map((section) => (
        <List.Section key={section.title} title={section.title}>
          {section.entries.map((entry) => {
            const row = modelRow(entry, state.statuses[entry.id], {
              inUse: state.plannerId === entry.id,
              progress: state.downloads[entry.id],
            });
            const accessories: List.Item.Accessory[] = [
              ...(row.progress ? [{ text: row.progress }] : []),
              { tag: { value: row.license, color: Color.SecondaryText }, tooltip: "License" },
              { tag: { value: row.stateLabel, color: COLORS[row.stateColor] }, tooltip: row.problem ?? "State" },
              ...(row.inUse ? [{ icon: { source: Icon.CheckCircle, tintColor: Color.Green }, tooltip: "Used for planning" }] : []),
            ];
            return (
              <List.Item
                key={entry.id}
                id={entry.id}
                icon={{ source: Icon.ComputerChip, tintColor: row.inUse ? Color.Green : Color.SecondaryText }}
                title={row.title}
                subtitle={row.subtitle}
                accessories={accessories}
                actions={
                  <ActionPanel>
                    {row.canDownload && <Action title={row.downloadTitle} icon={Icon.Download} onAction={() => startDownload(entry)} />}
                    {row.progress !== undefined && (
                      <Action title="Cancel Download" icon={Icon.Stop} style={Action.Style.Destructive} onAction={() => cancel(entry.id)} />
                    )}
                    {row.canDelete && (
                      <Action
                        title="Delete Download"
                        icon={Icon.Trash}
                        style={Action.Style.Destructive}
                        onAction={() => void deleteModel(entry)}
                      />
                    )}
                    {state.statuses[entry.id] && <Action.CopyToClipboard title="Copy File Path" content={state.statuses[entry.id]!.path} />}
                    <Action
                      title={entry.role === "planner" ? "Choose Planner in Preferences" : "Open Preferences"}
                      icon={Icon.Gear}
                      onAction={() => void openExtensionPreferences()}
                    />
                  </ActionPanel>
                }
              />
            );
          })}
        </List.Section>
      ))}
    </List>
  );
}
