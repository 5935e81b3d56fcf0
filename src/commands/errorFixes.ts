/**
 * What a person can do about an error, by its AgentError code: the action a failure toast and the
 * error item offer. Pure, so the mapping is tested without Raycast; fixActions.ts performs them.
 */
export type FixKind = "open-preferences" | "download-model" | "manage-models" | "open-automation" | "retry";

export interface Fix {
  kind: FixKind;
  title: string;
}

const FIXES: Record<FixKind, Fix> = {
  "open-preferences": { kind: "open-preferences", title: "Open Preferences" },
  "download-model": { kind: "download-model", title: "Download Model" },
  "manage-models": { kind: "manage-models", title: "Manage Models" },
  "open-automation": { kind: "open-automation", title: "Open Automation Settings" },
  retry: { kind: "retry", title: "Try Again" },
};

/** `tool` tells the two "not_authorized" apart: Zoom's token versus macOS Automation. */
export function fixFor(code: string | undefined, tool?: string): Fix | undefined {
  switch (code) {
    case "model_not_downloaded":
    case "model_corrupt":
      return FIXES["download-model"];
    // The file was verified: downloading it again would not help; another model might.
    case "model_unloadable":
    case "insufficient_memory":
    case "model_missing":
    case "no_planner":
      return FIXES["manage-models"];
    case "prompt_too_long":
    case "model_unavailable":
      return FIXES["open-preferences"];
    case "not_authorized":
      return tool === "get_zoom_meeting_link" ? FIXES["open-preferences"] : FIXES["open-automation"];
    case "no_token":
    case "bad_preferences":
    case "tool_unavailable":
      return FIXES["open-preferences"];
    case "engine_load":
    case "engine_unavailable":
    case "network":
    case "download_failed":
    case "download_stalled":
    case "timeout":
    case "app_unavailable":
    case "internal":
      return FIXES.retry;
    default:
      return undefined;
  }
}

/** System Settings → Privacy & Security → Automation. */
export const AUTOMATION_SETTINGS_URL = "x-apple.systempreferences:com.apple.preference.security?Privacy_Automation";
