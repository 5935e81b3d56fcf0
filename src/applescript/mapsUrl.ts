const MAPS = "https://maps.apple.com/";

/** How to get there: d driving, w walking, r public transit (the tool's transport parameter). */
export type Transport = "d" | "w" | "r";

export const TRANSPORT_WORDS: Record<Transport, string> = { d: "driving", w: "walking", r: "public transit" };

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Percent-encoding of any text; lone surrogates (which have no UTF-8 form) become U+FFFD first. */
const encode = (value: string) => encodeURIComponent(value.replace(LONE_SURROGATE, "\ufffd"));

/** Apple Maps searching for a place name, address or coordinates. */
export function mapsSearchUrl(location: string): string {
  return `${MAPS}?q=${encode(location)}`;
}

/**
 * Apple Maps directions. An empty start means the Mac's current location, which Maps uses when
 * `saddr` is absent. dirflg: d driving, w walking, r public transit.
 */
export function mapsDirectionsUrl(start: string, end: string, transport: Transport): string {
  const from = start.trim() === "" ? "" : `saddr=${encode(start)}&`;
  return `${MAPS}?${from}daddr=${encode(end)}&dirflg=${transport}`;
}
