import { TOOL_NAMES } from "../../src/core/tools/names";
import { TOOLS } from "../../src/tools/catalog";

describe("tool catalog", () => {
  test("16 tools in the ToolRAG label order", () => {
    expect(TOOL_NAMES).toHaveLength(16);
    expect(TOOL_NAMES[0]).toBe("create_calendar_event");
    expect(TOOL_NAMES[15]).toBe("get_zoom_meeting_link");
  });

  test.each(TOOL_NAMES)("%s: the description's signature names the schema's parameters in order", (name) => {
    const tool = TOOLS[name];
    const signature = tool.description.split("\n")[0]!;
    const declared = /\((.*)\) -> str$/
      .exec(signature)![1]!
      .split(", ")
      .map((p) => p.split(":")[0]);
    expect(declared).toEqual(tool.params.map((p) => p.name));
    expect(tool.description.endsWith("\n")).toBe(true);
    expect(
      tool.description
        .split("\n")
        .slice(1, -1)
        .every((l) => l.startsWith(" - ")),
    ).toBe(true);
  });

  test("effects: lookups read, Messages and Zoom send", () => {
    expect(TOOLS.get_phone_number.effect).toBe("read");
    expect(TOOLS.send_sms.effect).toBe("send");
    expect(TOOLS.get_zoom_meeting_link.effect).toBe("send");
    expect(TOOLS.create_note.effect).toBe("write");
  });

  test("argument schemas normalize the lenient forms the descriptions allow", () => {
    expect(TOOLS.compose_new_email.argsSchema.parse(["a@b.c", null, "Hi", null, []])).toEqual({
      recipients: ["a@b.c"],
      cc: [],
      subject: "Hi",
      context: "",
      attachments: [],
    });
    expect(TOOLS.maps_show_directions.argsSchema.safeParse(["", "x", "bike"]).success).toBe(false);
  });
});
