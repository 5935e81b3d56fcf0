import { formatCommandLine } from "../applescript/commandLine";
import { openUrl } from "../applescript/maps";
import { mapsDirectionsUrl, TRANSPORT_WORDS } from "../applescript/mapsUrl";
import { place, requireValid, type IsKnown } from "../core/tools/argumentChecks";
import { param } from "../core/tools/params";
import { defineTool, type ArgsOf } from "./defineTool";

const params = [param.place("start_location"), param.place("end_location"), param.transport("transport")] as const;

const checks = (a: ArgsOf<typeof params>, known: IsKnown) => place(a.end_location, "destination", known);

export const mapsShowDirections = defineTool({
  name: "maps_show_directions",
  title: "Directions",
  app: "Maps",
  effect: "read",
  params,
  description: `maps_show_directions(start_location: str, end_location: str, transport: str) -> str
 - Show directions from a start location to an end location in Apple Maps.
 - The transport parameter defaults to 'd' (driving), but can also be 'w' (walking) or 'r' (public transit).
 - The start location can be left empty to default to the current location of the device.
 - Returns the URL of the location and directions in Apple Maps.
`,
  checks,
  mac: {
    preview: (args) => formatCommandLine("open", [mapsDirectionsUrl(args.start_location, args.end_location, args.transport)]),
    run: async (args, ctx) => {
      requireValid(checks, args);
      const url = await openUrl(mapsDirectionsUrl(args.start_location, args.end_location, args.transport), ctx);
      const from = args.start_location.trim() === "" ? "your current location" : `“${args.start_location}”`;
      return { result: url, note: `${TRANSPORT_WORDS[args.transport]} directions from ${from} to “${args.end_location}”` };
    },
  },
});
