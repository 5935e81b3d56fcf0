import fc from "fast-check";
import { isValidElement, type ReactElement, type ReactNode } from "react";
import { formatPythonLiteral } from "../../src/agent/plan/pythonLiteral";
import { TOOL_NAMES, type ToolName } from "../../src/core/tools/names";
import { TOOLS } from "../../src/tools/catalog";
import { isHiddenCharacter } from "../../src/core/util/displayText";
import { macTools } from "../../src/tools/macTools";
import { DRY_RUN } from "../../src/applescript/runner";
import type { TaskState } from "../../src/commands/ask/askState";
import { TaskDetail } from "../../src/commands/ask/TaskDetail";
import { confirmationText } from "../../src/commands/ask/askFlow";
import { AskView } from "../../src/commands/ask/AskView";
import { ServicesContext } from "../../src/commands/hooks/useServices";
import { mockRaycast } from "../mocks/raycast-api";
import { cleanup, render } from "../support/render";
import { testServices } from "../support/testServices";
import { contextOf, taskSubtitle, taskTitle } from "../../src/commands/ask/taskText";
import { argCarrying, hostileString, linesOf, markdownSkeleton } from "../support/markdownSkeleton";

// The task detail pane is markdown: a value (a contact name, a message, a looked-up result) must
// stay text there — no closed code fence, no image fetched from a server, no heading or list of
// its own — and the plain-text titles, subtitles and labels must stay one line that hides nothing.

const previewTools = macTools({ runner: DRY_RUN, home: "/Users/you", zoom: { timeZone: "UTC" } });

function detailOf(tool: ToolName, value: string, task: TaskState) {
  const step = { id: 1, line: 1, tool, args: TOOLS[tool].params.map((p) => argCarrying(p, value)) };
  const element = TaskDetail({ step, task, ctx: contextOf([step]), previewTools }) as ReactElement<{
    markdown: string;
    metadata: ReactNode;
  }>;
  return { markdown: element.props.markdown, labels: labelTexts(element.props.metadata), step };
}

function labelTexts(node: ReactNode): string[] {
  if (Array.isArray(node)) return node.flatMap(labelTexts);
  if (!isValidElement(node)) return [];
  const props = node.props as { text?: unknown; children?: ReactNode };
  return [...(typeof props.text === "string" ? [props.text] : []), ...labelTexts(props.children)];
}

const tasks = (value: string): TaskState[] => [
  { phase: "planned" },
  { phase: "failed", error: `No contact named “${value}” in Contacts.` },
  { phase: "succeeded", result: value, note: `Chose “${value}” among 2.`, lookedUp: true },
];

const withoutCode = (skeleton: string[]) => skeleton.filter((l) => l !== "code");
const hiddenLeft = (text: string) => [...text].filter((c) => isHiddenCharacter(c) && !["\u200d", "\u200c"].includes(c));

describe("the task detail's markdown and labels", () => {
  test("a name holding a code fence and an image stays text: the fence is not closed, no image renders", () => {
    const name = "Sid\n```\n![x](http://evil.example/pixel.png)\n```";
    const { markdown } = detailOf("get_phone_number", name, { phase: "succeeded", result: name });
    expect(withoutCode(markdownSkeleton(markdown))).toEqual(
      withoutCode(markdownSkeleton(detailOf("get_phone_number", "Sid", { phase: "succeeded", result: "Sid" }).markdown)),
    );
    expect(markdownSkeleton(markdown).join(" ")).not.toMatch(/!\s*\[/);
  });

  test("property: for every tool and task state, any value leaves the markdown's structure and the labels' lines unchanged", () => {
    fc.assert(
      fc.property(fc.constantFrom(...TOOL_NAMES), hostileString, fc.integer({ min: 0, max: 2 }), (tool, value, which) => {
        const hostile = detailOf(tool, value, tasks(value)[which]!);
        const plain = detailOf(tool, "Sid", tasks("Sid")[which]!);
        expect(withoutCode(markdownSkeleton(hostile.markdown))).toEqual(withoutCode(markdownSkeleton(plain.markdown)));
        // Outside the fenced blocks the line count is fixed; inside, only the value's own line feeds add lines.
        expect(linesOf(hostile.markdown).length).toBeGreaterThanOrEqual(linesOf(plain.markdown).length);
        expect(hiddenLeft(hostile.markdown.replace(/[\n\t]/g, ""))).toEqual([]);
        for (const text of [
          ...hostile.labels,
          taskTitle(hostile.step, contextOf([hostile.step])),
          taskSubtitle(hostile.step, contextOf([hostile.step])),
        ]) {
          expect(linesOf(text)).toHaveLength(1);
          expect(hiddenLeft(text)).toEqual([]);
        }
      }),
      { seed: 20261122, numRuns: 600 },
    );
  });

  test("the confirmation names who gets what on one line each, hidden characters shown", () => {
    const step = { id: 1, tool: "send_sms", args: [["Sid\u202e"], "hi\n\u001b[2Jthere"] };
    const { message: text } = confirmationText([step], contextOf([step]));
    expect(linesOf(text)).toHaveLength(1);
    expect(hiddenLeft(text)).toEqual([]);
    expect(text).toContain("Sid\\u202e");
    expect(text).toContain("hi\\n\\u001b[2Jthere");
  });
});

describe("Ask's plan problems", () => {
  beforeEach(() => mockRaycast.reset());
  afterEach(() => cleanup());

  async function problemItem(recipient: string, query: string) {
    const plan = `1. send_sms([${formatPythonLiteral(recipient)}], "hi")\n2. join()`;
    const r = await render(
      <ServicesContext.Provider value={testServices()}>
        <AskView query={query} planText={plan} />
      </ServicesContext.Provider>,
    );
    await r.until(() => r.all("List.Item", (p) => String(p.id).startsWith("problem-")).length > 0, "the plan's problems");
    const item = r.one("List.Item", (p) => p.id === "problem-0");
    const section = r.all("List.Section").map((s) => String(s.props.title ?? ""));
    return { title: String(item.props.title), markdown: (item.props.detail as ReactElement<{ markdown: string }>).props.markdown, section };
  }

  test("a problem quoting a hostile value, and a hostile request, stay one line and leave the markdown's structure", async () => {
    const hostile = await problemItem("Lutfi\n```\n![x](http://evil.example/pixel.png)\u001b[2J", "Text Lutfi\u202e\nhi");
    const plain = await problemItem("Lutfi", "Text Lutfi hi");
    expect(linesOf(hostile.title)).toHaveLength(1);
    expect(hiddenLeft(hostile.title)).toEqual([]);
    expect(withoutCode(markdownSkeleton(hostile.markdown))).toEqual(withoutCode(markdownSkeleton(plain.markdown)));
    for (const title of hostile.section) {
      expect(linesOf(title)).toHaveLength(1);
      expect(hiddenLeft(title)).toEqual([]);
    }
  });
});
