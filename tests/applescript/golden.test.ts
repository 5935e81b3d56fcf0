import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { TOOLS } from "../../src/tools/catalog";
import type { ToolName } from "../../src/core/tools/names";
import { macTools } from "../../src/tools/macTools";
import { DRY_RUN } from "../../src/applescript/runner";

/**
 * Golden previews: the exact script, command line or request each tool runs, in
 * tests/applescript/golden/<tool>.txt, reviewed by reading them. No AppleScript compiler exists
 * here, so these files are what a person checks. After an intended change:
 * UPDATE_GOLDEN=1 npm test -- golden, then read the diff.
 */
const GOLDEN = join(__dirname, "golden");

const TRICKY = 'Sid\'s "plan" \\ & (do shell script "x")\nline 2';

const CALLS: Record<ToolName, unknown[]> = {
  get_phone_number: ["Sid"],
  get_email_address: ["Lutfi"],
  create_calendar_event: ["Project sync", "2026-11-23 14:00:00", "", "Room “4”", ["sid@example.com", "lutfi@example.com"], TRICKY, "Work"],
  open_and_get_file_path: ["quarterly report"],
  summarize_pdf: ["~/Documents/Q3 “final”.pdf"],
  compose_new_email: [["sid@example.com"], ["lutfi@example.com"], "Agenda", TRICKY, ["~/Documents/agenda.pdf"]],
  reply_to_email: [[], "Sounds good — see you then.", []],
  forward_email: [["lutfi@example.com"], [], "FYI", []],
  maps_open_location: ["Café de Flore, Paris"],
  maps_show_directions: ["", "SFO Terminal 2", "r"],
  create_note: ["Groceries", "eggs & <milk>\n\nbread", ""],
  open_note: ["shopping", "Home"],
  append_note_content: ["Groceries", "butter", ""],
  create_reminder: ["Pay rent", "2026-12-01 09:00:00", "", "Bills", 1, false],
  send_sms: [["+1 555 0101", "lutfi@example.com"], TRICKY],
  get_zoom_meeting_link: ["Project sync", "2026-11-23 14:00:00", 60, ["sid@example.com"]],
};

const tools = macTools({ runner: DRY_RUN, home: "/Users/sid", zoom: { token: "never-shown", timeZone: "Europe/Berlin" } });

describe("golden previews", () => {
  test.each(Object.keys(CALLS) as ToolName[])("%s", (tool) => {
    const args = TOOLS[tool].argsSchema.parse(CALLS[tool]);
    const preview = `${tools[tool]!.preview!(args as never)}\n`;
    const file = join(GOLDEN, `${tool}.txt`);
    if (process.env.UPDATE_GOLDEN === "1") writeFileSync(file, preview);
    if (!existsSync(file)) throw new Error(`no golden file ${file}: run UPDATE_GOLDEN=1 npm test -- golden and review it`);
    expect(preview).toBe(readFileSync(file, "utf8"));
  });
});
