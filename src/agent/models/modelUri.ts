/**
 * Where a model comes from, read from its manifest `uri`:
 * - `hf:owner/repo/path/file.gguf` (optionally `#branch`): a file in a Hugging Face repository;
 * - `https://…` (or `http://…`, for mirrors and tests): a plain download URL;
 * - a relative path such as `planner/tiny.gguf`: a file shipped in the project's `models/` folder.
 */
export type ModelSource =
  | { kind: "hf"; owner: string; repo: string; path: string; branch: string }
  | { kind: "url"; url: string }
  | { kind: "embedded"; path: string };

export const DEFAULT_HUB_ENDPOINT = "https://huggingface.co/";

/**
 * A Hugging Face owner or repository name, by the hub's rules (huggingface_hub's validate_repo_id):
 * letters, digits, '-', '_' and '.', at most 96, not starting or ending with '-' or '.', no "--" or
 * "..". GitHub's names fit the same rule, so a name taken from either is accepted as it is.
 */
const HUB_NAME = /^[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,94}[A-Za-z0-9_])?$/;
const hubNameProblem = (name: string) => !HUB_NAME.test(name) || name.includes("--") || name.includes("..");

/** A relative path: no empty, '.' or '..' parts, no backslash and no control characters. */
const pathProblem = (parts: string[]) =>
  parts.some((p) => p === "" || p === "." || p === ".." || p.includes("\\") || /\p{Cc}/u.test(p));

/** Reads a manifest URI, or says why the project cannot use it. */
export function parseModelUri(uri: string): { ok: true; source: ModelSource } | { ok: false; reason: string } {
  if (uri.startsWith("hf:")) {
    const shape = "a Hugging Face URI names a file: hf:owner/repo/path/file.gguf (optionally #branch)";
    const [location = "", branch = "main", ...extra] = uri.slice("hf:".length).split("#");
    const [owner = "", repo = "", ...path] = location.split("/");
    if (extra.length > 0 || path.length === 0) return { ok: false, reason: shape };
    if (hubNameProblem(owner)) return { ok: false, reason: `${shape}; the owner is not a valid name` };
    if (hubNameProblem(repo)) return { ok: false, reason: `${shape}; the repository is not a valid name` };
    if (pathProblem(path)) return { ok: false, reason: `${shape}; the file path must be relative, without empty, '.' or '..' parts` };
    if (branch === "" || pathProblem(branch.split("/"))) return { ok: false, reason: `${shape}; the branch is not a valid name` };
    return { ok: true, source: { kind: "hf", owner, repo, path: path.join("/"), branch } };
  }
  if (/^https?:\/\//i.test(uri)) {
    return URL.canParse(uri) ? { ok: true, source: { kind: "url", url: uri } } : { ok: false, reason: "not a valid URL" };
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(uri)) return { ok: false, reason: "unsupported scheme: use hf:, https: or a path inside models/" };
  if (uri.startsWith("/") || pathProblem(uri.split("/")))
    return { ok: false, reason: "an embedded model is a relative path inside models/, without '.' or '..' parts" };
  return { ok: true, source: { kind: "embedded", path: uri } };
}

/**
 * The Hugging Face endpoint: the one given, else MODEL_ENDPOINT or HF_ENDPOINT (for mirrors), else
 * huggingface.co — the same order node-llama-cpp 3.21.1 uses (utils/modelDownloadEndpoints.js),
 * so the URL probed before a download is the URL the downloader fetches.
 */
export function resolveHubEndpoint(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  const candidates = [explicit, env.MODEL_ENDPOINT, env.HF_ENDPOINT];
  const chosen = candidates.find((c) => c !== undefined && /^https?:\/\//i.test(c) && URL.canParse(c)) ?? DEFAULT_HUB_ENDPOINT;
  return chosen.endsWith("/") ? chosen : chosen + "/";
}

/**
 * The URL a downloadable model is fetched from. For `hf:` URIs this mirrors node-llama-cpp's own
 * mapping (utils/parseModelUri.js: `{endpoint}{owner}/{repo}/resolve/{branch}/{path}?download=true`,
 * each part URI-encoded); a test checks both land on the same path of a stand-in server.
 */
export function downloadUrlOf(source: Exclude<ModelSource, { kind: "embedded" }>, endpoint: string): string {
  if (source.kind === "url") return source.url;
  const path = source.path.split("/").map(encodeURIComponent).join("/");
  const base = endpoint.endsWith("/") ? endpoint : endpoint + "/";
  return `${base}${encodeURIComponent(source.owner)}/${encodeURIComponent(source.repo)}/resolve/${encodeURIComponent(source.branch)}/${path}?download=true`;
}
