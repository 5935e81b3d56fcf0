import type { ReactElement } from "react";
import { act, create, type ReactTestInstance, type ReactTestRenderer } from "react-test-renderer";

// React's act() warns unless the environment says it is a test.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/**
 * Renders views against the @raycast/api mock with react-test-renderer 19 (the renderer that
 * matches React 19 under jest without a DOM; its deprecation notice is the only console output
 * silenced). Every query reads the tree as it is now; `until` waits for a state to appear.
 */
export interface Rendered {
  renderer: ReactTestRenderer;
  /** Host elements of a mock component ("List.Item"), in tree order. */
  all(type: string, where?: (props: Record<string, unknown>) => boolean): ReactTestInstance[];
  one(type: string, where?: (props: Record<string, unknown>) => boolean): ReactTestInstance;
  /** An action (any Action.* element) by its title, within `scope` (default: everywhere). */
  action(title: string, scope?: ReactTestInstance): ReactTestInstance;
  actionTitles(scope: ReactTestInstance): string[];
  /** Runs an action's onAction / onSubmit inside act and lets its promises settle. */
  trigger(title: string, scope?: ReactTestInstance, ...args: unknown[]): Promise<void>;
  until(condition: () => boolean, what: string, timeoutMs?: number): Promise<void>;
  /** Calls a prop of a mock element (onSearchTextChange...) inside act. */
  call(n: ReactTestInstance, prop: string, ...args: unknown[]): Promise<void>;
  unmount(): Promise<void>;
}

const mounted = new Set<ReactTestRenderer>();

/** Unmounts everything rendered so far (call after each test: a view left mounted keeps planning). */
export async function cleanup(): Promise<void> {
  for (const r of mounted) await act(async () => r.unmount());
  mounted.clear();
}

export async function render(element: ReactElement): Promise<Rendered> {
  const original = console.error;
  let renderer!: ReactTestRenderer;
  console.error = (...args: unknown[]) => {
    if (typeof args[0] === "string" && args[0].startsWith("react-test-renderer is deprecated")) return;
    original(...args);
  };
  try {
    await act(async () => {
      renderer = create(element);
    });
  } finally {
    console.error = original;
  }
  mounted.add(renderer);
  const all = (type: string, where: (props: Record<string, unknown>) => boolean = () => true, scope = renderer.root) =>
    scope.findAll((n) => String(n.type) === type && where(n.props as Record<string, unknown>));
  const actions = (scope: ReactTestInstance) =>
    scope.findAll((n) => typeof n.type === "string" && (String(n.type) === "Action" || String(n.type).startsWith("Action.")));
  const rendered: Rendered = {
    renderer,
    all: (type, where) => all(type, where),
    one(type, where) {
      const found = all(type, where);
      if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
      return found[0]!;
    },
    action(title, scope = renderer.root) {
      const found = actions(scope).filter((n) => n.props.title === title);
      if (found.length === 0)
        throw new Error(`no action "${title}"; there are: ${[...new Set(actions(scope).map((n) => n.props.title))].join(", ")}`);
      return found[0]!;
    },
    actionTitles: (scope) => actions(scope).map((n) => String(n.props.title)),
    async trigger(title, scope, ...args) {
      const action = rendered.action(title, scope);
      const handler = (action.props.onAction ?? action.props.onSubmit) as ((...a: unknown[]) => unknown) | undefined;
      if (!handler) throw new Error(`action "${title}" has no handler`);
      await act(async () => {
        await handler(...args);
      });
    },
    async until(condition, what, timeoutMs = 20_000) {
      const start = Date.now();
      while (!condition()) {
        if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
        await act(async () => {
          await new Promise((r) => setTimeout(r, 10));
        });
      }
    },
    async call(n, prop, ...args) {
      await act(async () => {
        await (n.props[prop] as (...a: unknown[]) => unknown)(...args);
      });
    },
    async unmount() {
      mounted.delete(renderer);
      await act(async () => renderer.unmount());
    },
  };
  return rendered;
}

/** All the text of an element's string props, for asserting what an item shows. */
export const textOf = (n: ReactTestInstance, ...props: string[]) => props.map((p) => n.props[p]).filter((v) => typeof v === "string");
