import fc from "fast-check";
import { formatCommandLine } from "../../src/applescript/commandLine";
import { mapsDirectionsUrl, mapsSearchUrl } from "../../src/applescript/mapsUrl";

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const wellFormed = (s: string) => s.replace(LONE_SURROGATE, "\ufffd");
const anyText = fc.oneof(
  fc.string({ unit: "binary" }),
  fc.string({ unit: fc.constantFrom("&", "=", "?", "#", "+", "%", " ", "/", "é", "\ud800", "a") }),
);

describe("Apple Maps URLs", () => {
  test("a search URL carries any text exactly, as one parameter", () => {
    fc.assert(
      fc.property(anyText, (place) => {
        const url = new URL(mapsSearchUrl(place));
        expect(url.origin).toBe("https://maps.apple.com");
        expect([...url.searchParams.keys()]).toEqual(["q"]);
        expect(url.searchParams.get("q")).toBe(wellFormed(place));
      }),
      { numRuns: 500 },
    );
  });

  test("directions carry start, end and the transport flag", () => {
    fc.assert(
      fc.property(
        anyText.filter((s) => s.trim() !== ""),
        anyText,
        fc.constantFrom("d", "w", "r" as const),
        (start, end, transport) => {
          const url = new URL(mapsDirectionsUrl(start, end, transport));
          expect(Object.fromEntries(url.searchParams)).toEqual({ saddr: wellFormed(start), daddr: wellFormed(end), dirflg: transport });
        },
      ),
      { numRuns: 500 },
    );
  });

  test("spaces are %20 (not +), and an empty start means the current location", () => {
    expect(mapsSearchUrl("Golden Gate Park, SF")).toBe("https://maps.apple.com/?q=Golden%20Gate%20Park%2C%20SF");
    expect(mapsDirectionsUrl("", "Café de Flore", "w")).toBe("https://maps.apple.com/?daddr=Caf%C3%A9%20de%20Flore&dirflg=w");
    expect(mapsDirectionsUrl("  ", "Home & Away", "r")).toBe("https://maps.apple.com/?daddr=Home%20%26%20Away&dirflg=r");
  });
});

describe("command lines in previews", () => {
  test("quoted as a shell would need them", () => {
    expect(formatCommandLine("open", ["https://maps.apple.com/?q=a%20b"])).toBe("open 'https://maps.apple.com/?q=a%20b'");
    expect(formatCommandLine("mdfind", ["-onlyin", "/Users/sid", "-name", "it's here"])).toBe(
      `mdfind -onlyin /Users/sid -name 'it'\\''s here'`,
    );
  });
});
