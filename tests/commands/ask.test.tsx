import AskCommand from "../../src/ask";

describe("Ask TinyAgent command", () => {
  test("renders the request it was given", () => {
    const element = AskCommand({ arguments: { query: "Text Sid that I'm running late" } } as never);
    expect((element.props as { markdown: string }).markdown).toContain("**Request:** Text Sid that I'm running late");
  });

  test("takes fallback text when no argument is given", () => {
    const element = AskCommand({ arguments: { query: "" }, fallbackText: "open Apple Park" } as never);
    expect((element.props as { markdown: string }).markdown).toContain("open Apple Park");
  });
});
