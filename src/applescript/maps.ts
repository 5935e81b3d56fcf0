import type { MacContext } from "./macTool";

/** Opens a maps.apple.com URL, which macOS hands to the Maps app; the result is the URL. */
export async function openUrl(url: string, ctx: MacContext): Promise<string> {
  await ctx.runner.command("open", [url], { signal: ctx.signal, app: "Maps" });
  return url;
}
