import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { TOOLS } from "../../src/tools/catalog";
import type { MacContext } from "../../src/applescript/macTool";
import { osascriptRunner } from "../../src/applescript/runner";
import { NO_ZOOM_TOKEN } from "../../src/applescript/zoom";

/** A stand-in for Zoom's API on localhost: real HTTP, answers chosen by each test. */
interface Seen {
  method?: string;
  url?: string;
  authorization?: string;
  body?: unknown;
}
let server: Server;
let base: string;
let answer: (seen: Seen) => { status: number; body: unknown } | "hang";
const seen: Seen[] = [];

beforeAll(async () => {
  server = createServer(async (req: IncomingMessage, res) => {
    let raw = "";
    for await (const chunk of req) raw += chunk;
    const s: Seen = { method: req.method, url: req.url, authorization: req.headers.authorization, body: raw ? JSON.parse(raw) : undefined };
    seen.push(s);
    const a = answer(s);
    if (a === "hang") return;
    res.writeHead(a.status, { "Content-Type": "application/json" }).end(JSON.stringify(a.body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v2`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  seen.length = 0;
});

const args = TOOLS.get_zoom_meeting_link.argsSchema.parse([
  "Project sync",
  "2026-11-23 14:00:00",
  45,
  ["sid@example.com", "lutfi@example.com"],
]);

function context(token: string | undefined, signal = new AbortController().signal): MacContext {
  return {
    signal,
    taskId: 3,
    runner: osascriptRunner({ host: "Raycast" }),
    settings: { home: "/Users/sid", zoom: { apiBase: base, timeZone: "Europe/Berlin", ...(token ? { token } : {}) } },
  };
}

const run = (token: string | undefined, signal?: AbortSignal) => TOOLS.get_zoom_meeting_link.mac.run(args, context(token, signal));

describe("get_zoom_meeting_link against a stand-in Zoom server", () => {
  test("creates a scheduled meeting in the Mac's time zone and returns the join URL", async () => {
    answer = () => ({ status: 201, body: { id: 85746065432, join_url: "https://zoom.us/j/85746065432?pwd=abc" } });
    await expect(run("secret-token")).resolves.toEqual({
      result: "https://zoom.us/j/85746065432?pwd=abc",
      note: "Zoom meeting “Project sync” at 2026-11-23 14:00:00 (Europe/Berlin), 45 min, meeting ID 85746065432.",
    });
    expect(seen).toEqual([
      {
        method: "POST",
        url: "/v2/users/me/meetings",
        authorization: "Bearer secret-token",
        body: {
          topic: "Project sync",
          type: 2,
          start_time: "2026-11-23T14:00:00",
          timezone: "Europe/Berlin",
          duration: 45,
          settings: { meeting_invitees: [{ email: "sid@example.com" }, { email: "lutfi@example.com" }] },
        },
      },
    ]);
  });

  test("without a token nothing is sent, and the error says where to set it", async () => {
    answer = () => ({ status: 500, body: {} });
    await expect(run(undefined)).rejects.toMatchObject({ code: "no_token", message: NO_ZOOM_TOKEN });
    expect(NO_ZOOM_TOKEN).toContain("“Zoom Token”");
    expect(NO_ZOOM_TOKEN).toContain("TINYAGENT_ZOOM_TOKEN");
    expect(seen).toEqual([]);
  });

  test.each([
    [
      401,
      { code: 124, message: "Invalid access token." },
      "not_authorized",
      /^Zoom did not accept the token: Invalid access token\. It may have expired/,
    ],
    [429, { message: "Too many requests" }, "rate_limited", /limiting requests/],
    [
      400,
      { code: 300, message: "Invalid meeting invitee" },
      "zoom_error",
      "Zoom could not create the meeting (HTTP 400: Invalid meeting invitee).",
    ],
    [201, { id: 1 }, "bad_response", "Zoom created the meeting but sent no join link back."],
  ])("HTTP %i reads as what to do", async (status, body, code, message) => {
    answer = () => ({ status, body });
    await expect(run("t")).rejects.toMatchObject({ code, message });
  });

  test("an unreachable server and a cancelled request", async () => {
    const closed = { ...context("t"), settings: { home: "/", zoom: { apiBase: "http://127.0.0.1:1/v2", timeZone: "UTC", token: "t" } } };
    await expect(TOOLS.get_zoom_meeting_link.mac.run(args, closed)).rejects.toMatchObject({
      code: "network",
      message: /^Could not reach Zoom \(127\.0\.0\.1:1\)/,
    });
    answer = () => "hang";
    const controller = new AbortController();
    const pending = run("t", controller.signal);
    await new Promise((r) => setTimeout(r, 50));
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: "cancelled" });
  });

  test("invitees must be addresses", () => {
    const named = TOOLS.get_zoom_meeting_link.argsSchema.parse(["Sync", "2026-11-23 14:00:00", 30, ["Sid"]]);
    return expect(TOOLS.get_zoom_meeting_link.mac.run(named, context("t"))).rejects.toMatchObject({
      code: "invalid_arguments",
      message: /Invitee “Sid” is not an email address/,
    });
  });

  test("the preview shows the request without the token", () => {
    const preview = TOOLS.get_zoom_meeting_link.mac.preview(args, context("secret-token").settings);
    expect(preview).not.toContain("secret-token");
    expect(preview.split("\n").slice(0, 2)).toEqual([`POST ${base}/users/me/meetings`, "Authorization: Bearer ⟨your Zoom token⟩"]);
  });
});
