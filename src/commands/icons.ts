import { Color, Icon, type Image } from "@raycast/api";
import type { App } from "../core/tools/names";
import { isToolName, TOOLS } from "../tools/catalog";
import type { TaskPhase } from "./ask/askState";

/** The app icons drawn by scripts/make-icons.mjs, in assets/apps. */
export const appIcon = (app: App): Image.ImageLike => ({ source: `apps/${app.toLowerCase()}.png` });

export const toolIcon = (tool: string): Image.ImageLike => (isToolName(tool) ? appIcon(TOOLS[tool].app) : Icon.QuestionMarkCircle);

const PHASES: Record<TaskPhase, { icon: Image.ImageLike; label: string }> = {
  planned: { icon: { source: Icon.Circle, tintColor: Color.SecondaryText }, label: "Planned" },
  "looking-up": { icon: { source: Icon.CircleProgress50, tintColor: Color.Blue }, label: "Looking Up" },
  queued: { icon: { source: Icon.Clock, tintColor: Color.SecondaryText }, label: "Queued" },
  running: { icon: { source: Icon.CircleProgress50, tintColor: Color.Blue }, label: "Running" },
  succeeded: { icon: { source: Icon.CheckCircle, tintColor: Color.Green }, label: "Done" },
  failed: { icon: { source: Icon.XMarkCircle, tintColor: Color.Red }, label: "Failed" },
  skipped: { icon: { source: Icon.MinusCircle, tintColor: Color.Orange }, label: "Skipped" },
  cancelled: { icon: { source: Icon.Stop, tintColor: Color.SecondaryText }, label: "Cancelled" },
};

export const phaseIcon = (phase: TaskPhase) => PHASES[phase].icon;
export const phaseLabel = (phase: TaskPhase) => PHASES[phase].label;
