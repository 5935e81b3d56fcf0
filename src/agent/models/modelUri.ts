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

/** Reads a manifest URI, or says why the project cannot use it. */
export function parseModelUri(uri: string): { ok: true; source: ModelSource } | { ok: false; reason: string } {
  if (uri.startsWith("hf:")) {
    const [location = "", branch = "main", ...extra] = uri.slice("hf:".length).split("#");
    const [owner, repo, ...path] = location.split("/");
    if (extra.length > 0 || !owner || !repo || path.length === 0 || path.some((p) => p === "" || p === "." || p === "..") || branch === "")
      return { ok: false, reason: "a Hugging Face URI names a file: hf:owner/repo/path/file.gguf (optionally #branch)" };
    return { ok: true, source: { kind: "hf", owner, repo, path: path.join("/"), branch } };
  }
  if (/^https?:\/\//i.test(uri)) {
    return URL.canParse(uri) ? { ok: true, source: { kind: "url", url: uri } } : { ok: false, reason: "not a valid URL" };
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(uri)) return { ok: false, reason: "unsupported scheme: use hf:, https: or a path inside models/" };
  const parts = uri.split("/");
  if (uri.startsWith("/") || parts.some((p) => p === "" || p === "." || p === ".."))
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
