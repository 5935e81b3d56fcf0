import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ALPACA_TEMPLATE, renderChatTemplate } from "../../src/agent/prompt/chatTemplate";
import { compactPrompt } from "../../src/agent/prompt/compactPrompt";
import { ExampleBank } from "../../src/agent/prompt/exampleBank";
import { tinyagentPrompt } from "../../src/agent/prompt/tinyagentPrompt";
import { TOOL_NAMES } from "../../src/core/tools/names";

// The fixtures were assembled from the code blocks of tinyagent-format.md (§1 descriptions, §2 join,
// guidelines, custom instructions and group rules) by a separate script, not by this code.
const fixture = (name: string) => readFileSync(join(__dirname, "../fixtures/prompts", name), "utf8");
const NOW = { year: 2026, month: 11, day: 22, hour: 10, minute: 0, second: 0 };

describe("TinyAgent prompt, byte for byte", () => {
  test("all 16 tools", () => {
    const p = tinyagentPrompt.build({ tools: [...TOOL_NAMES].reverse(), now: NOW, query: "Text Sid" });
    expect(p.system).toBe(fixture("tinyagent-all-tools.txt"));
    expect(p.user).toBe("Question: Text Sid");
  });

  test("email and contacts tools", () => {
    const p = tinyagentPrompt.build({
      tools: ["forward_email", "get_email_address", "reply_to_email", "compose_new_email", "get_phone_number"],
      now: NOW,
      query: "x",
    });
    expect(p.system).toBe(fixture("tinyagent-email-contacts.txt"));
  });

  test("an invitation: email lookups without any sending tool still get the 'send before join' rule", () => {
    const p = tinyagentPrompt.build({
      tools: ["get_zoom_meeting_link", "get_email_address", "create_calendar_event"],
      now: NOW,
      query: "x",
    });
    expect(p.system).toBe(fixture("tinyagent-invite.txt"));
  });

  test("no tools", () => {
    expect(tinyagentPrompt.build({ tools: [], now: NOW, query: "x" }).system).toBe(fixture("tinyagent-no-tools.txt"));
  });

  test("examples and the user's custom instructions", () => {
    const p = tinyagentPrompt.build({
      tools: ["send_sms", "get_phone_number"],
      now: { year: 2026, month: 12, day: 4, hour: 18, minute: 30, second: 0 },
      query: "x",
      examples: [
        {
          query: "Text Sid that I'm running 10 minutes late",
          plan: '1. get_phone_number("Sid")\n2. send_sms(["$1"], "I\'m running 10 minutes late")\n3. join()',
        },
      ],
      customInstructions: "  Sign messages with -- Ann ",
    });
    expect(p.system).toBe(fixture("tinyagent-examples-custom.txt"));
  });

  test("the fixed part comes first: two requests share everything but the user turn", () => {
    const a = tinyagentPrompt.build({ tools: ["send_sms"], now: NOW, query: "Text Sid" });
    const b = tinyagentPrompt.build({ tools: ["send_sms"], now: NOW, query: "Text Ann" });
    expect(a.system).toBe(b.system);
  });

  test("the Alpaca template wraps system and user text", () => {
    expect(renderChatTemplate(ALPACA_TEMPLATE, { system: "S {user} ", user: "U" })).toBe(
      "### Instruction:\nS {user} \n\n### Input:\nU\n\n### Response:\n",
    );
  });
});

describe("compact prompt", () => {
  test("tools in label order, then the delexicalized request; no clock (times are placeholders)", () => {
    const p = compactPrompt.build({ tools: ["send_sms", "get_phone_number"], now: NOW, query: "Text NAME1 that TEXT1" });
    expect(p.system + p.user).toBe("tools: get_phone_number send_sms\nrequest: Text NAME1 that TEXT1\nplan:\n");
  });
});

describe("example bank", () => {
  const bank = new ExampleBank([
    { query: "Text Ann I'm late", plan: '1. get_phone_number("Ann")\n2. send_sms(["$1"], "I\'m late")\n3. join()' },
    { query: "Email Bo the report", plan: '1. get_email_address("Bo")\n2. compose_new_email(["$1"], [], "Report", "", [])\n3. join()' },
    { query: "Open Apple Park in Maps", plan: '1. maps_open_location("Apple Park")\n2. join()' },
    { query: "Text Cy that the report is late", plan: '1. get_phone_number("Cy")\n2. send_sms(["$1"], "the report is late")\n3. join()' },
    { query: "broken", plan: "1. nope()" },
  ]);

  test("keeps only examples whose tools were all offered, most similar first", () => {
    expect(bank.size).toBe(4);
    const picked = bank.select("text Dee that the report is late", ["get_phone_number", "send_sms", "maps_open_location"]);
    expect(picked.map((e) => e.query)).toEqual(["Text Cy that the report is late", "Text Ann I'm late", "Open Apple Park in Maps"]);
    expect(bank.select("x", ["get_phone_number", "send_sms"], 1)).toHaveLength(1);
  });
});
