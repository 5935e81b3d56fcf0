import { createZoomMeeting, zoomPreview, zoomToken } from "../applescript/zoom";
import { emailAddresses, requireValid, type IsKnown } from "../core/tools/argumentChecks";
import { param } from "../core/tools/params";
import { defineTool, type ArgsOf } from "./defineTool";

const params = [
  param.title("topic"),
  param.dateTime("start_time"),
  param.minutes("duration"),
  param.addresses("meeting_invitees"),
] as const;

const checks = (a: ArgsOf<typeof params>, known: IsKnown) => emailAddresses(a.meeting_invitees, "Invitee", known);

export const getZoomMeetingLink = defineTool({
  name: "get_zoom_meeting_link",
  title: "Zoom Meeting",
  app: "Zoom",
  effect: "send",
  params,
  description: `get_zoom_meeting_link(topic: str, start_time: str, duration: int, meeting_invitees: Sequence[str]) -> str
 - Creates a Zoom meeting and returns the join URL.
 - You need to call create_calendar_event to attach the zoom link as a note to the calendar event, or compose_new_email to send the link to the invitees in the body of the email.
 - 'topic', 'start_time', 'duration', and 'meeting_invitees' are required.
 - 'duration' is in minutes.
 - The format for start_time is 'YYYY-MM-DD HH:MM:SS'.
`,
  checks,
  mac: {
    preview: (args, settings) => zoomPreview(args, settings.zoom),
    run: async (args, ctx) => {
      // Without a token nothing else matters: that is said first.
      const token = zoomToken(ctx.settings.zoom);
      requireValid(checks, args);
      const meeting = await createZoomMeeting(args, { ...ctx.settings.zoom, token }, ctx.signal);
      const id = meeting.id ? `, meeting ID ${meeting.id}` : "";
      return {
        result: meeting.joinUrl,
        note: `Zoom meeting “${args.topic}” at ${args.start_time} (${ctx.settings.zoom.timeZone}), ${args.duration} min${id}.`,
      };
    },
  },
});
