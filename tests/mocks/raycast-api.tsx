// Test double for @raycast/api, which has no runtime outside Raycast (Raycast injects it).
// Components render as plain elements carrying their props, so tests can inspect what a view shows.
import React from "react";

type Props = Record<string, unknown> & { children?: React.ReactNode };
const component = (name: string) => {
  const C = (props: Props) => React.createElement(name, props as never, props.children);
  C.displayName = name;
  return C;
};

export const Detail = Object.assign(component("Detail"), {
  Metadata: Object.assign(component("Detail.Metadata"), { Label: component("Detail.Metadata.Label") }),
});
export const environment = {
  supportPath: "/tmp/tinyagent-test-support",
  isDevelopment: true,
  commandName: "ask",
  extensionName: "tinyagent",
};
export type LaunchProps<T = Record<string, unknown>> = T & { fallbackText?: string; launchType?: string };
