import { showToast, Toast } from "@raycast/api";
import type { ModelEntry } from "../../agent/models/manifest";
import { formatBytes } from "../../core/util/formatBytes";
import { asAskError } from "../ask/askFlow";
import { downloadProgressText } from "../progressText";
import type { Services } from "../services";

/** Toast updates at most this often: progress arrives many times a second. */
const UPDATE_MS = 250;

/**
 * Downloads a model with an animated toast: percent, speed and time left, and a Cancel action
 * (what arrived is kept; the next download resumes). Resolves true when the model is ready.
 */
export async function downloadWithToast(
  services: Services,
  entry: ModelEntry,
  options: { controller?: AbortController; onProgress?: (text: string) => void } = {},
): Promise<boolean> {
  const controller = options.controller ?? new AbortController();
  const toast = await showToast({
    style: Toast.Style.Animated,
    title: `Downloading ${entry.title}`,
    message: `${formatBytes(entry.bytes)}…`,
    primaryAction: { title: "Cancel Download", onAction: () => controller.abort() },
  });
  let last = 0;
  try {
    const result = await services.downloadModel(entry, {
      signal: controller.signal,
      onProgress: (p) => {
        const text = downloadProgressText(p);
        options.onProgress?.(text);
        const now = Date.now();
        if (now - last < UPDATE_MS) return;
        last = now;
        toast.message = text;
      },
    });
    toast.style = Toast.Style.Success;
    toast.title = result.alreadyDownloaded ? `${entry.title} Is Ready` : `Downloaded ${entry.title}`;
    toast.message = formatBytes(result.bytes);
    toast.primaryAction = undefined;
    return true;
  } catch (error) {
    const { message, code } = asAskError(error);
    toast.style = Toast.Style.Failure;
    toast.title = code === "cancelled" ? "Download Cancelled" : `Could Not Download ${entry.title}`;
    toast.message = message;
    toast.primaryAction = undefined;
    return false;
  }
}
