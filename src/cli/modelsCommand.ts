import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { findModel, type Manifest, type ModelEntry } from "../agent/models/manifest";
import { downloadModel, type DownloadProgress } from "../agent/models/modelDownload";
import { ModelStore, type ModelStatus } from "../agent/models/modelStore";
import { formatBytes } from "../core/util/formatBytes";
import { formatDuration } from "../core/util/formatDuration";
import { UsageError } from "./cliErrors";
import type { CliIO } from "./io";
import { defaultModelsDir, readManifest } from "./modelLocations";
import { ENGINE_MODULES } from "../engines/engineLoader";

export const MODELS_USAGE = `Usage: npm start -- models [--json] [--dir <folder>] [--manifest <file>]
       npm start -- models pull <id> [--json] [--dir <folder>] [--manifest <file>]

Lists the models TinyAgent knows, with size, license and state; "pull" downloads one (resuming an
interrupted download) and checks it before it can be used.
  --dir <folder>     where downloaded models live (default: $TINYAGENT_MODELS_DIR, else
                     $XDG_CACHE_HOME/tinyagent/models, else ~/.cache/tinyagent/models)
  --manifest <file>  read the model list from this file instead of assets/models/manifest.json
  --json             print JSON on stdout (progress still goes to stderr)
To download from a Hugging Face mirror, set HF_ENDPOINT (or MODEL_ENDPOINT).`;

export async function modelsCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      dir: { type: "string" },
      manifest: { type: "string" },
      json: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    io.stdout(MODELS_USAGE);
    return 0;
  }
  const [action, ...rest] = positionals;
  const { manifest, embeddedDir } = await readManifest(values.manifest);
  const store = new ModelStore(values.dir ? resolve(values.dir) : defaultModelsDir(), embeddedDir, ENGINE_MODULES);

  if (action === undefined || action === "list") {
    if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}". ${MODELS_USAGE.split("\n")[0]}`);
    return listModels(manifest, store, values.json, io);
  }
  if (action === "pull") {
    if (rest.length !== 1) throw new UsageError(`give one model id: npm start -- models pull <id> (ids: ${ids(manifest)})`);
    const entry = findModel(manifest, rest[0]!);
    if (!entry) throw new UsageError(`unknown model "${rest[0]}"; known models: ${ids(manifest)}`);
    return pullModel(entry, store, values.json, io);
  }
  throw new UsageError(`unknown models command "${action}". ${MODELS_USAGE.split("\n")[0]}`);
}

const ids = (manifest: Manifest) => manifest.models.map((m) => m.id).join(", ") || "none";

async function listModels(manifest: Manifest, store: ModelStore, json: boolean, io: CliIO): Promise<number> {
  const rows = await Promise.all(manifest.models.map(async (entry) => ({ entry, status: await store.inspect(entry) })));
  if (json) {
    io.stdout(JSON.stringify({ dir: store.dir, models: rows.map(({ entry, status }) => ({ ...entry, status })) }, null, 2));
    return 0;
  }
  if (rows.length === 0) {
    io.stdout("No models in the manifest.");
    return 0;
  }
  const table = [
    ["", "ID", "ROLE", "SIZE", "LICENSE", "STATE", "TITLE"],
    ...rows.map(({ entry, status }) => [
      entry.default ? "*" : "",
      entry.id,
      entry.role,
      formatBytes(entry.bytes),
      entry.license,
      describeState(entry, status),
      entry.title,
    ]),
  ];
  const widths = table[0]!.map((_, col) => Math.max(...table.map((row) => row[col]!.length)));
  io.stdout(`Models (downloads go to ${store.dir}):`);
  for (const row of table) io.stdout(row.map((cell, col) => (col === row.length - 1 ? cell : cell.padEnd(widths[col]!))).join("  "));
  io.stdout("* default for its role. Download one with: npm start -- models pull <id>");
  return 0;
}

export function describeState(entry: ModelEntry, status: ModelStatus): string {
  switch (status.state) {
    case "downloaded":
      return status.verified ? "downloaded" : "downloaded (not yet checked)";
    case "partial":
      return `partial (${Math.floor((100 * status.bytesOnDisk) / entry.bytes)}%)`;
    case "not-downloaded":
      return entry.unavailable === undefined ? "not downloaded" : `unavailable: ${entry.unavailable}`;
    case "corrupt":
      return `corrupt: ${status.problem}`;
    case "missing":
      return `missing: ${status.problem}`;
    case "embedded":
      return "embedded";
  }
}

async function pullModel(entry: ModelEntry, store: ModelStore, json: boolean, io: CliIO): Promise<number> {
  const before = await store.inspect(entry);
  if (before.state === "embedded") {
    if (json) io.stdout(JSON.stringify({ id: entry.id, path: before.path, embedded: true }));
    else io.stdout(`${entry.id} comes with TinyAgent (${before.path}): nothing to download.`);
    return 0;
  }
  if (before.state === "partial") io.stderr(`Resuming the download of ${entry.title} (${formatBytes(before.bytesOnDisk)} already here).`);
  else if (before.state !== "downloaded") io.stderr(`Downloading ${entry.title}, ${formatBytes(entry.bytes)}, to ${store.dir}`);

  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once("SIGINT", onSigint);
  const progress = progressReporter(io);
  try {
    const result = await downloadModel(store, entry, { signal: controller.signal, onProgress: progress.update });
    progress.done();
    if (json) io.stdout(JSON.stringify({ id: entry.id, ...result }, null, 2));
    else if (result.alreadyDownloaded) io.stdout(`${entry.id} is already downloaded and checked: ${result.path}`);
    else io.stdout(`Downloaded and checked ${entry.id}: ${result.path} (${formatBytes(result.bytes)}, SHA-256 ${result.sha256})`);
    return 0;
  } finally {
    progress.done();
    process.removeListener("SIGINT", onSigint);
  }
}

/**
 * On a terminal, one status line rewritten at most 4 times a second; elsewhere (logs, tests) a
 * line at every 10% so the output stays short.
 */
function progressReporter(io: CliIO) {
  let lastLine = 0;
  let lastStep = { phase: "", step: -1 };
  let shown = false;
  return {
    update(p: DownloadProgress) {
      const fraction = p.totalBytes > 0 ? p.bytes / p.totalBytes : 0;
      if (io.status) {
        const now = Date.now();
        if (now - lastLine < 250 && fraction < 1) return;
        lastLine = now;
        shown = true;
        io.status(formatProgress(p));
        return;
      }
      const step = Math.floor(fraction * 10);
      if (p.phase === lastStep.phase && step === lastStep.step) return;
      lastStep = { phase: p.phase, step };
      io.stderr(formatProgress(p));
    },
    done() {
      if (shown && io.status) io.status("");
      shown = false;
    },
  };
}

export function formatProgress(p: DownloadProgress): string {
  const percent = p.totalBytes > 0 ? `${Math.floor((100 * p.bytes) / p.totalBytes)}%` : "?%";
  if (p.phase === "verifying") return `Checking ${percent.padStart(4)}`;
  const speed = `${formatBytes(p.bytesPerSecond)}/s`;
  const eta = p.etaSeconds === undefined ? "" : `  ETA ${formatDuration(p.etaSeconds)}`;
  return `${percent.padStart(4)}  ${formatBytes(p.bytes)} of ${formatBytes(p.totalBytes)}  ${speed}${eta}`;
}
