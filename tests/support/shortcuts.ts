import type { ReactTestInstance } from "react-test-renderer";

// What each of Raycast's common shortcuts presses (developers.raycast.com, Keyboard): the mock
// renders `Keyboard.Shortcut.Common.X` as `{ common: "X" }`, so tests translate it back.
const COMMON: Record<string, string> = {
  Copy: "cmd+shift+c",
  CopyDeeplink: "cmd+shift+c",
  CopyName: "cmd+shift+.",
  CopyPath: "cmd+shift+,",
  Save: "cmd+s",
  Duplicate: "cmd+d",
  Edit: "cmd+e",
  MoveDown: "cmd+shift+arrowDown",
  MoveUp: "cmd+shift+arrowUp",
  New: "cmd+n",
  Open: "cmd+o",
  OpenWith: "cmd+shift+o",
  Pin: "cmd+shift+p",
  Refresh: "cmd+r",
  Remove: "ctrl+x",
  RemoveAll: "ctrl+shift+x",
  ToggleQuickLook: "cmd+y",
};

type Shortcut = { modifiers: string[]; key: string } | { common: string };

function keys(shortcut: Shortcut): string {
  if ("common" in shortcut) {
    const known = COMMON[shortcut.common];
    if (!known) throw new Error(`unknown common shortcut ${shortcut.common}`);
    return known;
  }
  const order = ["cmd", "ctrl", "opt", "alt", "shift"];
  return [...[...shortcut.modifiers].sort((a, b) => order.indexOf(a) - order.indexOf(b)), shortcut.key].join("+");
}

const isAction = (n: ReactTestInstance) =>
  typeof n.type === "string" && (String(n.type) === "Action" || String(n.type).startsWith("Action."));

/**
 * Every key press of one action panel, with the action it triggers: Raycast gives the first action
 * ↵ and the second ⌘↵ (in List, Grid and Detail), besides the shortcuts the actions name.
 */
export function panelShortcuts(panel: ReactTestInstance): { keys: string; title: string; index: number }[] {
  const actions = panel.findAll(isAction);
  return actions.flatMap((action, index) => {
    const title = String(action.props.title);
    const implicit = index === 0 ? ["return"] : index === 1 ? ["cmd+return"] : [];
    const named = action.props.shortcut ? [keys(action.props.shortcut as Shortcut)] : [];
    return [...new Set([...implicit, ...named])].map((k) => ({ keys: k, title, index }));
  });
}

/** Key presses that two actions of one panel claim, as "keys: A / B" (none is right). */
export function shortcutClashes(root: ReactTestInstance): string[] {
  return root
    .findAll((n) => String(n.type) === "ActionPanel")
    .flatMap((panel) => {
      const byKeys = new Map<string, string[]>();
      for (const { keys: k, title } of panelShortcuts(panel)) byKeys.set(k, [...(byKeys.get(k) ?? []), title]);
      return [...byKeys].filter(([, titles]) => titles.length > 1).map(([k, titles]) => `${k}: ${titles.join(" / ")}`);
    });
}
