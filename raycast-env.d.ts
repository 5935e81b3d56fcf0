/// <reference types="@raycast/api">

/* 🚧 🚧 🚧
 * This file is auto-generated from the extension's manifest.
 * Do not modify manually. Instead, update the `package.json` file.
 * 🚧 🚧 🚧 */

/* eslint-disable @typescript-eslint/ban-types */

type ExtensionPreferences = {
  /** Planner Model - The model that writes plans. The Embedded Planner ships with TinyAgent and needs no download; a TinyAgent model is downloaded from Manage Models the first time it is used. */
  "plannerModel": "tinyagent-embedded-planner" | "tinyagent-1.1b-q4_k_m",
  /** Ask Before Running - When TinyAgent asks before a plan runs. With “Plans That Change or Send Something” and “Never”, contact lookups run as soon as the plan is shown, so you see who a name resolves to. */
  "confirmation": "sideEffects" | "everything" | "never",
  /** Enabled Apps - Offer the tools that use Contacts. A switched-off app's tools are never offered to the planner. */
  "appContacts": boolean,
  /**  - Offer the tools that use Calendar. A switched-off app's tools are never offered to the planner. */
  "appCalendar": boolean,
  /**  - Offer the tools that use Files. A switched-off app's tools are never offered to the planner. */
  "appFiles": boolean,
  /**  - Offer the tools that use Mail. A switched-off app's tools are never offered to the planner. */
  "appMail": boolean,
  /**  - Offer the tools that use Maps. A switched-off app's tools are never offered to the planner. */
  "appMaps": boolean,
  /**  - Offer the tools that use Notes. A switched-off app's tools are never offered to the planner. */
  "appNotes": boolean,
  /**  - Offer the tools that use Reminders. A switched-off app's tools are never offered to the planner. */
  "appReminders": boolean,
  /**  - Offer the tools that use Messages. A switched-off app's tools are never offered to the planner. */
  "appMessages": boolean,
  /**  - Offer the tools that use Zoom. A switched-off app's tools are never offered to the planner. */
  "appZoom": boolean,
  /** Zoom Token - Your Zoom API token. TinyAgent uses it only to create meetings you asked for (get_zoom_meeting_link). */
  "zoomToken"?: string,
  /** Custom Instructions - Extra instructions added to every TinyAgent-format planner prompt, e.g. “My manager is Sid Lee. Put work events in the Work calendar.” */
  "customInstructions"?: string,
  /** CPU Threads - CPU threads the planner may use. Empty: the model's recommendation, at most this Mac's cores. */
  "threads"?: string
}

/** Preferences accessible in all the extension's commands */
declare type Preferences = ExtensionPreferences

declare namespace Preferences {
  /** Preferences accessible in the `ask` command */
  export type Ask = ExtensionPreferences & {}
  /** Preferences accessible in the `models` command */
  export type Models = ExtensionPreferences & {}
  /** Preferences accessible in the `history` command */
  export type History = ExtensionPreferences & {}
}

declare namespace Arguments {
  /** Arguments passed to the `ask` command */
  export type Ask = {
  /** Text Sid that I'm running late */
  "query": string
}
  /** Arguments passed to the `models` command */
  export type Models = {}
  /** Arguments passed to the `history` command */
  export type History = {}
}

