import { downloadUrlOf, parseModelUri, resolveHubEndpoint } from "../../../src/agent/models/modelUri";

describe("resolveHubEndpoint", () => {
  test("takes the given endpoint, then MODEL_ENDPOINT, then HF_ENDPOINT, then huggingface.co", () => {
    const env = { MODEL_ENDPOINT: "https://mirror.example/m", HF_ENDPOINT: "https://hf-mirror.example" };
    expect(resolveHubEndpoint("http://127.0.0.1:1234", env)).toBe("http://127.0.0.1:1234/");
    expect(resolveHubEndpoint(undefined, env)).toBe("https://mirror.example/m/");
    expect(resolveHubEndpoint(undefined, { HF_ENDPOINT: env.HF_ENDPOINT })).toBe("https://hf-mirror.example/");
    expect(resolveHubEndpoint(undefined, {})).toBe("https://huggingface.co/");
    expect(resolveHubEndpoint(undefined, { HF_ENDPOINT: "not a url" })).toBe("https://huggingface.co/");
  });
});

describe("downloadUrlOf", () => {
  test("maps an hf: file to the hub's resolve URL, encoding each part", () => {
    expect(
      downloadUrlOf({ kind: "hf", owner: "squeeze-ai-lab", repo: "TinyAgent-1.1B-GGUF", path: "TinyAgent-1.1B-Q4_K_M.gguf", branch: "main" }, "https://huggingface.co/"),
    ).toBe("https://huggingface.co/squeeze-ai-lab/TinyAgent-1.1B-GGUF/resolve/main/TinyAgent-1.1B-Q4_K_M.gguf?download=true");
    expect(downloadUrlOf({ kind: "hf", owner: "o", repo: "r", path: "a b/c#d.gguf", branch: "refs/pr/1" }, "http://h:1")).toBe(
      "http://h:1/o/r/resolve/refs%2Fpr%2F1/a%20b/c%23d.gguf?download=true",
    );
  });

  test("leaves a plain URL as it is", () => {
    expect(downloadUrlOf({ kind: "url", url: "https://x.org/f.gguf?a=1" }, "https://huggingface.co/")).toBe("https://x.org/f.gguf?a=1");
  });
});

describe("parseModelUri", () => {
  test("reads an hf: file with its owner, repository, path and branch", () => {
    expect(parseModelUri("hf:squeeze-ai-lab/TinyAgent-1.1B-GGUF/TinyAgent-1.1B-Q4_K_M.gguf")).toEqual({
      ok: true,
      source: { kind: "hf", owner: "squeeze-ai-lab", repo: "TinyAgent-1.1B-GGUF", path: "TinyAgent-1.1B-Q4_K_M.gguf", branch: "main" },
    });
    expect(parseModelUri("hf:o_1/r.x/sub/dir/f.gguf#refs/pr/1")).toMatchObject({ ok: true, source: { path: "sub/dir/f.gguf", branch: "refs/pr/1" } });
  });

  test.each([
    ["hf:../R/x.gguf", "owner"],
    ["hf:./R/x.gguf", "owner"],
    ["hf:O/../x.gguf", "repository"],
    ["hf:O/..R/x.gguf", "repository"],
    ["hf:-O/R/x.gguf", "owner"],
    ["hf:O-/R/x.gguf", "owner"],
    ["hf:O--P/R/x.gguf", "owner"],
    ["hf:O/R./x.gguf", "repository"],
    ["hf:O/R R/x.gguf", "repository"],
    ["hf:O\\P/R/x.gguf", "owner"],
    [`hf:${"o".repeat(97)}/R/x.gguf`, "owner"],
    ["hf:O/R/../x.gguf", "path"],
    ["hf:O/R/a/../../x.gguf", "path"],
    ["hf:O/R//x.gguf", "path"],
    ["hf:O/R/a\\..\\x.gguf", "path"],
    ["hf:O/R/x\u0000.gguf", "path"],
    ["hf:/O/R/x.gguf", "owner"],
    ["hf:O/R/x.gguf#../main", "branch"],
    ["hf:O/R/x.gguf#", "branch"],
  ])("refuses %s, naming the %s", (uri, part) => {
    const parsed = parseModelUri(uri);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toContain(part);
  });

  test("an embedded path stays inside models/", () => {
    expect(parseModelUri("planner.gguf")).toMatchObject({ ok: true, source: { kind: "embedded" } });
    for (const uri of ["../x.gguf", "/etc/x.gguf", "a/../x.gguf", "a\\..\\x.gguf"]) expect(parseModelUri(uri).ok).toBe(false);
  });
});
