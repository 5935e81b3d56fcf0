import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { AgentError } from "../core/errors";
import { checkEnginesInWorker } from "../engines/check/checkInWorker";
import type { EngineCheckReport } from "../engines/check/engineCheck";
import { ensureEngines, reinstallEngines, type InstallProgress } from "../engines/engineInstaller";
import { verifyInstallation } from "../engines/engineLayout";
import { currentPlatform, engineLock, ENGINE_NAMES, platformLock } from "../engines/engineLock";
import { UsageError } from "./cliErrors";
import { projectClassifierSidecar } from "./modelLocations";
import type { CliIO } from "./io";

export const ENGINE_USAGE = `Usage: npm run engine -- install --dir <path> [--platform <p>] [--force] [--cache <dir>] [--registry <url>]
       npm run engine -- check [--dir <path>] [--heap-mb <n>] [--threads <n>] [--json]

install  Downloads the engine packages pinned in assets/engine-lock.json from the npm registry,
         checks each against its sha512, and lays them out under <path>/node_modules (what the
         extension does in its support folder on first use). Does nothing if a whole installation
         is there, unless --force. --platform installs another platform's packages (to measure
         them; they cannot be loaded here).
check    Verifies every installed file against its recorded sha256, then loads both engines from
         <path> (or from the project's node_modules without --dir) in a worker thread with a
         64 MB heap, runs a tiny generated model through each once and prints the timings.`;

export async function engineCommand(argv: string[], io: CliIO): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === "install") return installCommand(rest, io);
  if (sub === "check") return checkCommand(rest, io);
  if (sub === undefined || sub === "--help" || sub === "-h") {
    io.stdout(ENGINE_USAGE);
    return sub === undefined ? 2 : 0;
  }
  throw new UsageError(`unknown engine command "${sub}". ${ENGINE_USAGE.split("\n")[0]}`);
}

async function installCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      dir: { type: "string" },
      platform: { type: "string" },
      force: { type: "boolean", default: false },
      cache: { type: "string" },
      registry: { type: "string" },
    },
  });
  if (!values.dir) throw new UsageError("--dir <path> is required");
  const dir = resolve(values.dir);
  const platform = values.platform ?? currentPlatform();
  const options = {
    platform,
    cacheDir: values.cache && resolve(values.cache),
    registry: values.registry,
    onProgress: progressPrinter(io),
    onWait: () => io.stderr("Another install is running in this folder; waiting for it."),
  };
  const started = performance.now();
  const outcome = values.force ? await reinstallEngines(dir, options) : await ensureEngines(dir, options);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const files = Object.values(outcome.marker.files);
  const installedMb = files.reduce((sum, [size]) => sum + size, 0) / 1e6;
  const packages = platformLock(platform).packages;
  const downloadMb = [...new Map(packages.map((p) => [p.integrity, p.size])).values()].reduce((a, b) => a + b, 0) / 1e6;
  io.stdout(
    outcome.installed
      ? `Installed ${outcome.marker.engines.join(" and ")} for ${platform} in ${dir} (${outcome.reason}): ${packages.length} packages, ` +
          `${downloadMb.toFixed(1)} MB of tarballs, ${installedMb.toFixed(1)} MB in ${files.length} files, ${seconds} s.`
      : `${dir} already holds the engines for ${platform} (${installedMb.toFixed(1)} MB in ${files.length} files); checked in ${seconds} s.`,
  );
  return 0;
}

function progressPrinter(io: CliIO): (p: InstallProgress) => void {
  let lastLine = "";
  let lastAt = 0;
  return (p) => {
    const line =
      p.phase === "downloading"
        ? `downloading: ${p.packagesDone}/${p.packagesTotal} packages, ${(p.bytesDone / 1e6).toFixed(0)}/${(p.bytesTotal / 1e6).toFixed(0)} MB`
        : p.phase;
    // One line a second at most: this goes to a log as often as to a terminal.
    if (line === lastLine || (p.phase === "downloading" && Date.now() - lastAt < 1000 && p.packagesDone < p.packagesTotal)) return;
    lastLine = line;
    lastAt = Date.now();
    io.stderr(line);
  };
}

async function checkCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      dir: { type: "string" },
      "heap-mb": { type: "string", default: "64" },
      threads: { type: "string" },
      json: { type: "boolean", default: false },
    },
  });
  const heapMb = positiveInt(values["heap-mb"], "--heap-mb");
  const threads = values.threads === undefined ? undefined : positiveInt(values.threads, "--threads");
  const dir = values.dir && resolve(values.dir);
  const platform = currentPlatform();

  let verifiedMs: number | undefined;
  let engines = [...ENGINE_NAMES];
  if (dir) {
    const start = performance.now();
    const found = await verifyInstallation(dir, platform, platformLock(platform), "hashes");
    if (!found.ok) {
      throw new AgentError(
        `${dir} holds no whole engine installation for ${platform}: ${found.problem}. Run \`npm run engine -- install --dir ${values.dir}\`.`,
        "engine_check",
      );
    }
    verifiedMs = performance.now() - start;
    engines = found.marker.engines;
    if (!values.json)
      io.stdout(`${dir}: ${Object.keys(found.marker.files).length} files match their sha256 (${verifiedMs.toFixed(0)} ms).`);
  }

  // Runs the embedded models too: the shipped classifier (the planner's stand-in is a tiny model until one ships).
  const result = await checkEnginesInWorker({ dir, engines, heapMb, threads, classifierSidecar: projectClassifierSidecar() });
  const problems = checkProblems(result.report, engines);
  if (values.json) io.stdout(JSON.stringify({ ...result, verifiedMs, problems }, null, 2));
  else io.stdout(formatCheck(result.report, heapMb, result.totalMs));
  for (const problem of problems) io.stderr(`error: ${problem}`);
  return problems.length === 0 ? 0 : 1;
}

function positiveInt(text: string, option: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`${option} takes a positive whole number, not "${text}"`);
  return n;
}

/** What makes a check fail even though both engines ran. */
function checkProblems(report: EngineCheckReport, engines: readonly string[]): string[] {
  const problems: string[] = [];
  if (engines.includes("node-llama-cpp") && (report.llama?.generatedTokens.length ?? 0) === 0)
    problems.push("node-llama-cpp generated no token");
  if (engines.includes("onnxruntime-node") && !(report.onnx && report.onnx.maxAbsError < 1e-5)) {
    problems.push(`onnxruntime-node computed the wrong numbers (max error ${report.onnx?.maxAbsError})`);
  }
  if (report.classifier && !report.classifier.selected.includes("send_sms"))
    problems.push(
      `the tool classifier did not pick send_sms for "${report.classifier.query}" (picked ${report.classifier.selected.join(", ") || "nothing"})`,
    );
  return problems;
}

function formatCheck(r: EngineCheckReport, heapMb: number, totalMs: number): string {
  const versions = engineLock().engineVersions;
  const ms = (n: number) => `${n.toFixed(0)} ms`;
  const lines = [
    r.install
      ? `Loaded from ${r.source} (installation ${r.install.installed ? "made" : "checked"} in ${ms(r.prepareMs)}).`
      : `Loaded from the ${r.source}.`,
  ];
  if (r.llama) {
    const l = r.llama;
    lines.push(
      `node-llama-cpp ${versions["node-llama-cpp"]}: import ${ms(l.importMs)}, getLlama ${ms(l.getLlamaMs)} (${l.buildType}, gpu ${l.gpu}), ` +
        `model load ${ms(l.loadModelMs)}, ${l.promptTokens} prompt tokens + ${l.generatedTokens.length} generated in ${ms(l.evaluateMs)}`,
    );
    for (const w of l.warnings) lines.push(`  llama.cpp ${w}`);
  }
  if (r.onnx) {
    const o = r.onnx;
    lines.push(
      `onnxruntime-node ${versions["onnxruntime-node"]}: import ${ms(o.importMs)}, session ${ms(o.sessionMs)}, run ${o.runMs.toFixed(1)} ms, ` +
        `output [${o.output.map((v) => v.toFixed(4)).join(", ")}] (max error ${o.maxAbsError.toExponential(1)})`,
    );
  }
  if (r.classifier) {
    const c = r.classifier;
    lines.push(
      `tool classifier (embedded): load ${ms(c.loadMs)}, "${c.query}" → ${c.selected.join(", ")} in ${c.classifyMs.toFixed(1)} ms`,
    );
  }
  lines.push(`Worker heap: ${r.heapUsedMb} MB used, limit ${r.heapLimitMb} MB (maxOldGenerationSizeMb ${heapMb}). Total ${ms(totalMs)}.`);
  return lines.join("\n");
}
