import { formatCommandLine } from "../applescript/commandLine";
import { openUrl } from "../applescript/maps";
import { mapsSearchUrl } from "../applescript/mapsUrl";
import { place, requireValid, type IsKnown } from "../core/tools/argumentChecks";
import { param } from "../core/tools/params";
import { defineTool, type ArgsOf } from "./defineTool";

const params = [param.place("location")] as const;

const checks = (a: ArgsOf<typeof params>, known: IsKnown) => place(a.location, "location", known);

export const mapsOpenLocation = defineTool({
  name: "maps_open_location",
  title: "Show on Map",
  app: "Maps",
  effect: "read",
  params,
  description: `maps_open_location(location: str) -> str
 - Opens the specified location in Apple Maps.
 - The query can be a place name, address, or coordinates.
 - Returns the URL of the location in Apple Maps.
`,
  checks,
  mac: {
    preview: (args) => formatCommandLine("open", [mapsSearchUrl(args.location)]),
    run: async (args, ctx) => {
      requireValid(checks, args);
      return openUrl(mapsSearchUrl(args.location), ctx);
    },
  },
});
