// Test double for @raycast/api, which has no runtime outside Raycast (Raycast injects it).
// Components render as plain host elements named after the component ("List.Item") carrying their
// props, so tests can inspect what a view shows; props that Raycast renders itself (an item's
// `actions` and `detail`, a view's `actions`, `searchBarAccessory`) are rendered as children, so
// their actions can be found and triggered. Side effects (toasts, alerts, navigation, clipboard,
// storage, preferences) are recorded in `mockRaycast`, which tests read and reset.
import React from "react";
import { join } from "node:path";

type Props = Record<string, unknown> & { children?: React.ReactNode };
const RENDERED_PROPS = ["detail", "metadata", "actions", "searchBarAccessory"] as const;

const component = (name: string) => {
  const C = (props: Props) => {
    const rendered = RENDERED_PROPS.map((key) => props[key] as React.ReactNode).filter((p) => p !== undefined);
    return React.createElement(name, props as never, ...rendered, props.children);
  };
  C.displayName = name;
  return C;
};

export interface RecordedToast {
  style: string;
  title: string;
  message?: string;
  primaryAction?: { title: string; onAction: (toast: RecordedToast) => void };
  secondaryAction?: { title: string; onAction: (toast: RecordedToast) => void };
  hidden: boolean;
  hide(): Promise<void>;
  show(): Promise<void>;
}

export interface RecordedAlert {
  title: string;
  message?: string;
  primaryAction?: { title: string; style?: string };
}

/** What the views asked Raycast to do. */
export const mockRaycast = {
  toasts: [] as RecordedToast[],
  alerts: [] as RecordedAlert[],
  /** What confirmAlert answers next (true: the primary action). */
  alertAnswer: true,
  pushed: [] as React.ReactNode[],
  popped: 0,
  copied: [] as string[],
  opened: [] as string[],
  openedPreferences: 0,
  poppedToRoot: 0,
  launched: [] as unknown[],
  preferences: {} as Record<string, unknown>,
  storage: new Map<string, string>(),
  reset(): void {
    this.toasts = [];
    this.alerts = [];
    this.alertAnswer = true;
    this.pushed = [];
    this.popped = 0;
    this.copied = [];
    this.opened = [];
    this.openedPreferences = 0;
    this.poppedToRoot = 0;
    this.launched = [];
    this.preferences = {};
    this.storage = new Map();
  },
  /** The newest toast still showing. */
  get toast(): RecordedToast | undefined {
    return this.toasts.filter((t) => !t.hidden).at(-1);
  },
};

const ListItem = Object.assign(component("List.Item"), {
  Detail: Object.assign(component("List.Item.Detail"), {
    Metadata: Object.assign(component("List.Item.Detail.Metadata"), {
      Label: component("List.Item.Detail.Metadata.Label"),
      Separator: component("List.Item.Detail.Metadata.Separator"),
      Link: component("List.Item.Detail.Metadata.Link"),
      TagList: Object.assign(component("List.Item.Detail.Metadata.TagList"), {
        Item: component("List.Item.Detail.Metadata.TagList.Item"),
      }),
    }),
  }),
});

export const List = Object.assign(component("List"), {
  Item: ListItem,
  Section: component("List.Section"),
  EmptyView: component("List.EmptyView"),
  Dropdown: Object.assign(component("List.Dropdown"), {
    Item: component("List.Dropdown.Item"),
    Section: component("List.Dropdown.Section"),
  }),
});

export const Detail = Object.assign(component("Detail"), {
  Metadata: Object.assign(component("Detail.Metadata"), {
    Label: component("Detail.Metadata.Label"),
    Separator: component("Detail.Metadata.Separator"),
  }),
});

export const Form = Object.assign(component("Form"), {
  TextField: component("Form.TextField"),
  TextArea: component("Form.TextArea"),
  Checkbox: component("Form.Checkbox"),
  Dropdown: Object.assign(component("Form.Dropdown"), { Item: component("Form.Dropdown.Item") }),
  Description: component("Form.Description"),
  DatePicker: Object.assign(component("Form.DatePicker"), { Type: { Date: "date", DateTime: "date_time" } }),
  Separator: component("Form.Separator"),
});

export const ActionPanel = Object.assign(component("ActionPanel"), {
  Section: component("ActionPanel.Section"),
  Submenu: component("ActionPanel.Submenu"),
});

export const Action = Object.assign(component("Action"), {
  Push: component("Action.Push"),
  CopyToClipboard: component("Action.CopyToClipboard"),
  CreateQuicklink: component("Action.CreateQuicklink"),
  SubmitForm: component("Action.SubmitForm"),
  OpenInBrowser: component("Action.OpenInBrowser"),
  Open: component("Action.Open"),
  ShowInFinder: component("Action.ShowInFinder"),
  Style: { Regular: "regular", Destructive: "destructive" },
});

// Raycast's icon and color names are plain strings to the views; any name reads as itself.
export const Icon: Record<string, string> = new Proxy({} as Record<string, string>, { get: (_, name) => String(name) });
export const Color = {
  Blue: "blue",
  Green: "green",
  Magenta: "magenta",
  Orange: "orange",
  Purple: "purple",
  Red: "red",
  Yellow: "yellow",
  PrimaryText: "primary-text",
  SecondaryText: "secondary-text",
};
export const Image = { Mask: { Circle: "circle", RoundedRectangle: "roundedRectangle" } };
export const Keyboard = {
  Shortcut: {
    Common: new Proxy({} as Record<string, unknown>, { get: (_, name) => ({ common: String(name) }) }),
  },
};

export class Toast implements RecordedToast {
  static Style = { Animated: "animated", Success: "success", Failure: "failure" };
  style: string;
  title: string;
  message?: string;
  primaryAction?: RecordedToast["primaryAction"];
  secondaryAction?: RecordedToast["secondaryAction"];
  hidden = false;
  constructor(options: Partial<RecordedToast> & { title: string }) {
    this.style = options.style ?? Toast.Style.Success;
    this.title = options.title;
    this.message = options.message;
    this.primaryAction = options.primaryAction;
    this.secondaryAction = options.secondaryAction;
  }
  async hide(): Promise<void> {
    this.hidden = true;
  }
  async show(): Promise<void> {
    this.hidden = false;
  }
}

export async function showToast(options: Partial<RecordedToast> & { title: string }): Promise<Toast> {
  const toast = new Toast(options);
  // Raycast shows one toast at a time: a new one replaces the last.
  for (const t of mockRaycast.toasts) t.hidden = true;
  mockRaycast.toasts.push(toast);
  return toast;
}

export async function showHUD(title: string): Promise<void> {
  mockRaycast.toasts.push(new Toast({ title, style: "hud" }));
}

export const Alert = { ActionStyle: { Default: "default", Destructive: "destructive", Cancel: "cancel" } };
export async function confirmAlert(options: RecordedAlert): Promise<boolean> {
  mockRaycast.alerts.push(options);
  return mockRaycast.alertAnswer;
}

export function useNavigation() {
  return {
    push: (element: React.ReactNode) => mockRaycast.pushed.push(element),
    pop: () => void mockRaycast.popped++,
  };
}

export const Clipboard = {
  copy: async (text: string) => void mockRaycast.copied.push(text),
};

export async function open(target: string): Promise<void> {
  mockRaycast.opened.push(target);
}

export async function popToRoot(): Promise<void> {
  mockRaycast.poppedToRoot += 1;
}
export async function openExtensionPreferences(): Promise<void> {
  mockRaycast.openedPreferences++;
}

export const LaunchType = { UserInitiated: "userInitiated", Background: "background" };
export async function launchCommand(options: unknown): Promise<void> {
  mockRaycast.launched.push(options);
}

export function getPreferenceValues<T>(): T {
  return mockRaycast.preferences as T;
}

export const LocalStorage = {
  getItem: async (key: string) => mockRaycast.storage.get(key),
  setItem: async (key: string, value: string) => void mockRaycast.storage.set(key, String(value)),
  removeItem: async (key: string) => void mockRaycast.storage.delete(key),
  allItems: async () => Object.fromEntries(mockRaycast.storage),
  clear: async () => mockRaycast.storage.clear(),
};

export const environment = {
  supportPath: "/tmp/tinyagent-test-support",
  // The repository's assets/: @raycast/utils' createDeeplink reads ../package.json from here.
  assetsPath: join(__dirname, "..", "..", "assets"),
  isDevelopment: true,
  commandName: "ask",
  extensionName: "tinyagent",
  raycastVersion: "1.104.0",
  launchType: "userInitiated",
};

export type LaunchProps<T = Record<string, unknown>> = T & {
  fallbackText?: string;
  launchType?: string;
  launchContext?: Record<string, unknown>;
};
