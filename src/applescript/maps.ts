import { requireValidArguments } from "../core/tools/argumentChecks";
import { formatCommandLine } from "./commandLine";
import type { MacContext, MacToolSet } from "./macTool";
import { mapsDirectionsUrl, mapsSearchUrl, TRANSPORT_WORDS } from "./mapsUrl";

/** Opens a maps.apple.com URL, which macOS hands to the Maps app; the result is the URL. */
async function openUrl(url: string, ctx: MacContext): Promise<string> {
  await ctx.runner.command("open", [url], { signal: ctx.signal, app: "Maps" });
  return url;
}

export const mapsTools: MacToolSet<"maps_open_location" | "maps_show_directions"> = {
  maps_open_location: {
    preview: (args) => formatCommandLine("open", [mapsSearchUrl(args.location)]),
    run: async (args, ctx) => {
      requireValidArguments("maps_open_location", args);
      return openUrl(mapsSearchUrl(args.location), ctx);
    },
  },
  maps_show_directions: {
    preview: (args) => formatCommandLine("open", [mapsDirectionsUrl(args.start_location, args.end_location, args.transport)]),
    run: async (args, ctx) => {
      requireValidArguments("maps_show_directions", args);
      const url = await openUrl(mapsDirectionsUrl(args.start_location, args.end_location, args.transport), ctx);
      const from = args.start_location.trim() === "" ? "your current location" : `“${args.start_location}”`;
      return { result: url, note: `${TRANSPORT_WORDS[args.transport]} directions from ${from} to “${args.end_location}”` };
    },
  },
};
