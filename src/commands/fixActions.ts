import { launchCommand, LaunchType, open, openExtensionPreferences } from "@raycast/api";
import { AUTOMATION_SETTINGS_URL, type Fix } from "./errorFixes";

export interface FixHandlers {
  retry?: () => void;
  downloadModel?: () => void;
}

/** Carries out a fix; retry and download need the view's own handlers. */
export async function performFix(fix: Fix, handlers: FixHandlers = {}): Promise<void> {
  switch (fix.kind) {
    case "open-preferences":
      return openExtensionPreferences();
    case "open-automation":
      return open(AUTOMATION_SETTINGS_URL);
    case "manage-models":
      return launchCommand({ name: "models", type: LaunchType.UserInitiated });
    case "download-model":
      return handlers.downloadModel?.();
    case "retry":
      return handlers.retry?.();
  }
}
