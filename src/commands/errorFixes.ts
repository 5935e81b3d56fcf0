import type { ErrorCode } from "../core/errors";

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

/**
 * Every error code's fix, or null where no action in TinyAgent helps (the message says what to do).
 * Keyed by the ErrorCode union: a new code is a type error until its fix is decided here.
 */
const FIX_OF: Record<ErrorCode, FixKind | null> = {
  access_denied: null,
  app_missing: null,
  app_state: null,
  app_unavailable: "retry",
  bad_manifest: null,
  bad_preferences: "open-preferences",
  bad_response: null,
  cancelled: null,
  classifier_labels: null,
  classifier_unavailable: null,
  command_failed: null,
  disk_full: null,
  download_failed: "retry",
  download_stalled: "retry",
  empty_request: null,
  engine_check: null,
  engine_check_timeout: null,
  engine_disk_full: null,
  engine_download: "retry",
  engine_download_broken: "retry",
  engine_download_redirects: null,
  engine_download_stalled: "retry",
  engine_download_too_large: null,
  engine_integrity: "retry",
  engine_load: "retry",
  engine_platform_unsupported: null,
  engine_unavailable: "retry",
  engine_unpack: null,
  engine_unsafe_archive: null,
  insufficient_memory: "manage-models",
  internal: "retry",
  invalid_arguments: null,
  model_corrupt: "download-model",
  model_embedded: null,
  model_missing: "manage-models",
  model_not_downloaded: "download-model",
  model_unavailable: "open-preferences",
  model_unloadable: "manage-models",
  network: "retry",
  no_chat_template: null,
  no_planner: "manage-models",
  no_text: null,
  no_token: "open-preferences",
  not_authorized: "open-automation", // Zoom's token instead: see fixFor
  not_found: null,
  plan_too_long: null,
  prompt_too_long: "open-preferences",
  rate_limited: null,
  redirect_loop: null,
  request_too_long: null,
  script_error: null,
  send_failed: null,
  size_mismatch: null,
  tagger_unavailable: null,
  timeout: "retry",
  too_much_output: null,
  tool_unavailable: "open-preferences",
  value_reads_as_reference: null,
  zoom_error: null,
};

/** `tool` tells the two "not_authorized" apart: Zoom's token versus macOS Automation. */
export function fixFor(code: ErrorCode | undefined, tool?: string): Fix | undefined {
  if (code === undefined) return undefined;
  if (code === "not_authorized" && tool === "get_zoom_meeting_link") return FIXES["open-preferences"];
  const kind = FIX_OF[code];
  return kind === null ? undefined : FIXES[kind];
}

/** System Settings → Privacy & Security → Automation. */
export const AUTOMATION_SETTINGS_URL = "x-apple.systempreferences:com.apple.preference.security?Privacy_Automation";
