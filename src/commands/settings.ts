import { AgentError } from "../core/errors";
import { AppSchema, type App } from "../core/tools/names";
import { ConfirmationPolicySchema, type ConfirmationPolicy } from "../agent/runSession";

/**
 * The extension's preferences, checked and typed. Raycast hands them over as loose strings and
 * booleans (see package.json); everything else reads these Settings.
 */

export interface Settings {
  /** The planner model id the preference names; undefined: the manifest's default. */
  plannerModel?: string;
  confirmation: ConfirmationPolicy;
  enabledApps: App[];
  zoomToken?: string;
  customInstructions?: string;
  threads?: number;
}

/** The preference keys of the apps' checkboxes: appContacts, appCalendar... */
export const appPreferenceKey = (app: App) => `app${app}`;

/** Raycast's preference values → Settings. A value Raycast could not have checked (threads) throws an AgentError. */
export function parsePreferences(raw: Record<string, unknown>): Settings {
  const text = (key: string) => (typeof raw[key] === "string" ? (raw[key] as string).trim() : "");
  const model = text("plannerModel");
  const confirmation = ConfirmationPolicySchema.safeParse(raw.confirmation);
  // A checkbox Raycast has never stored reads as its default: on.
  const enabledApps = AppSchema.options.filter((app) => raw[appPreferenceKey(app)] !== false);
  let threads: number | undefined;
  if (text("threads") !== "") {
    threads = Number(text("threads"));
    if (!Number.isInteger(threads) || threads < 1) {
      throw new AgentError(
        `“CPU Threads” must be a whole number such as 4, or empty for automatic (it is “${text("threads")}”). Change it in TinyAgent's preferences.`,
        "bad_preferences",
      );
    }
  }
  return {
    ...(model !== "" ? { plannerModel: model } : {}),
    confirmation: confirmation.success ? confirmation.data : "sideEffects",
    enabledApps,
    ...(text("zoomToken") ? { zoomToken: text("zoomToken") } : {}),
    ...(text("customInstructions") ? { customInstructions: text("customInstructions") } : {}),
    ...(threads !== undefined ? { threads } : {}),
  };
}
