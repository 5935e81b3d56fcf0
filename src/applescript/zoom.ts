import { AgentError, describeCause } from "../core/errors";
import { parseLocalDateTime } from "../core/time/localDateTime";
import { showBlock } from "../core/util/displayText";
import type { ZoomSettings } from "./macTool";

export const ZOOM_API = "https://api.zoom.us/v2";
const ZOOM_TIMEOUT_MS = 20_000;

export const NO_ZOOM_TOKEN =
  "Zoom needs your API token: set “Zoom Token” in TinyAgent's preferences in Raycast (or TINYAGENT_ZOOM_TOKEN for the command line).";

/** get_zoom_meeting_link's arguments, already checked: start_time is a date-time. */
export interface ZoomMeetingArgs {
  topic: string;
  start_time: string;
  duration: number;
  meeting_invitees: readonly string[];
}

/** The body of Zoom's "create a meeting" call: a scheduled meeting at the given wall-clock time in the Mac's time zone. */
export function zoomMeetingRequest(args: ZoomMeetingArgs, timeZone: string) {
  const start = parseLocalDateTime(args.start_time)!.value;
  const pad = (n: number) => String(n).padStart(2, "0");
  return {
    topic: args.topic,
    type: 2, // scheduled
    // Local time without an offset, which Zoom reads in `timezone`.
    start_time: `${start.year}-${pad(start.month)}-${pad(start.day)}T${pad(start.hour)}:${pad(start.minute)}:${pad(start.second)}`,
    timezone: timeZone,
    duration: args.duration,
    settings: { meeting_invitees: args.meeting_invitees.map((email) => ({ email: email.trim() })) },
  };
}

export const zoomMeetingsUrl = (settings: ZoomSettings) => `${settings.apiBase.replace(/\/$/, "")}/users/me/meetings`;

export function zoomPreview(args: ZoomMeetingArgs, settings: ZoomSettings): string {
  const token = settings.token ? "⟨your Zoom token⟩" : "⟨no Zoom token set: this will fail⟩";
  return [
    `POST ${zoomMeetingsUrl(settings)}`,
    `Authorization: Bearer ${token}`,
    "Content-Type: application/json",
    "",
    // JSON escapes control characters but not bidi or invisible ones; escaped, it means the same.
    showBlock(JSON.stringify(zoomMeetingRequest(args, settings.timeZone), null, 2)),
  ].join("\n");
}

/** The user's Zoom token; refuses when there is none. */
export function zoomToken(zoom: ZoomSettings): string {
  if (!zoom.token) throw new AgentError(NO_ZOOM_TOKEN, "no_token");
  return zoom.token;
}

/** Creates the meeting through Zoom's API (arguments already checked); its join URL and ID. */
export async function createZoomMeeting(args: ZoomMeetingArgs, zoom: ZoomSettings & { token: string }, signal: AbortSignal) {
  const timeout = AbortSignal.timeout(ZOOM_TIMEOUT_MS);
  let response: Response;
  try {
    response = await fetch(zoomMeetingsUrl(zoom), {
      method: "POST",
      headers: { Authorization: `Bearer ${zoom.token}`, "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(zoomMeetingRequest(args, zoom.timeZone)),
      signal: AbortSignal.any([signal, timeout]),
    });
  } catch (error) {
    if (signal.aborted) throw new AgentError("Cancelled.", "cancelled", { cause: error });
    if (timeout.aborted) {
      throw new AgentError(
        `Zoom did not answer within ${ZOOM_TIMEOUT_MS / 1000} s. Check in Zoom whether the meeting was created before trying again.`,
        "timeout",
        { cause: error },
      );
    }
    throw new AgentError(
      `Could not reach Zoom (${new URL(zoom.apiBase).host}): ${describeCause(error)}. Check the connection, then try again.`,
      "network",
      {
        cause: error,
      },
    );
  }
  const body = (await response.json().catch(() => undefined)) as { join_url?: unknown; id?: unknown; message?: unknown } | undefined;
  if (!response.ok) throw zoomError(response.status, typeof body?.message === "string" ? body.message : undefined, body);
  if (typeof body?.join_url !== "string") {
    throw new AgentError("Zoom created the meeting but sent no join link back.", "bad_response", { cause: body });
  }
  return { joinUrl: body.join_url, id: typeof body.id === "number" || typeof body.id === "string" ? String(body.id) : undefined };
}

function zoomError(status: number, message: string | undefined, body: unknown): AgentError {
  const said = message ? `: ${message}` : "";
  if (status === 401) {
    return new AgentError(
      `Zoom did not accept the token${said}. It may have expired: set a new one in “Zoom Token” (Raycast preferences) or TINYAGENT_ZOOM_TOKEN.`,
      "not_authorized",
      { cause: body },
    );
  }
  if (status === 429)
    return new AgentError(`Zoom is limiting requests${said}. Wait a minute, then try again.`, "rate_limited", { cause: body });
  return new AgentError(`Zoom could not create the meeting (HTTP ${status}${said}).`, "zoom_error", { cause: body });
}
