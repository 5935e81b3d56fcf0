import { z } from "zod";
import bundledManifest from "../../../assets/models/manifest.json";
import { AgentError } from "../../core/errors";
import { ChatTemplateSchema } from "../prompt/chatTemplate";
import { parseModelUri } from "./modelUri";

export const ModelRoleSchema = z.enum(["planner", "classifier", "tagger"]);
export type ModelRole = z.infer<typeof ModelRoleSchema>;

/** Ids name files in the models folder and are typed on the command line: keep them plain. */
export const ModelIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]*$/, { message: "must be lowercase letters, digits, '.', '_' or '-'" })
  .max(80);

const Sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, { message: "must be 64 lowercase hex digits" });

const ModelUriSchema = z.string().superRefine((uri, ctx) => {
  const parsed = parseModelUri(uri);
  if (!parsed.ok) ctx.addIssue({ code: "custom", message: parsed.reason });
});

const entryFields = {
  id: ModelIdSchema,
  title: z.string().min(1),
  /** `hf:owner/repo/file.gguf`, an https URL, or a path relative to models/ (shipped with the project). */
  uri: ModelUriSchema,
  format: z.enum(["gguf", "onnx"]),
  /** Size in bytes, exactly (for an `unavailable` entry, the size the hub lists). */
  bytes: z.number().int().positive(),
  /**
   * SHA-256 of the file: for a downloaded model, the hub's LFS object id. Required: a download
   * without it could not be told from another file of the same size. Null only with `unavailable`.
   */
  sha256: Sha256Schema.nullable(),
  /**
   * Why this model cannot be downloaded yet (its SHA-256 is not pinned): listed so people know it
   * exists, refused with this reason when someone downloads or uses it.
   */
  unavailable: z.string().min(1).optional(),
  /** SPDX identifier of the model's license. */
  license: z.string().min(1),
  /** The model used for its role when the user has not chosen one. At most one per role. */
  default: z.boolean().default(false),
};

export const PlannerEntrySchema = z.strictObject({
  ...entryFields,
  role: z.literal("planner"),
  /**
   * `tinyagent`: the LLMCompiler prompt of tinyagent-format.md §2; `compact`: the project's own,
   * over placeholders (the manifest's default tagger finds the values first).
   */
  promptFormat: z.enum(["tinyagent", "compact"]),
  chatTemplate: ChatTemplateSchema,
  /** Context size (tokens) to create the context with. */
  contextSize: z.number().int().min(256),
  /** Recommended CPU threads: an upper bound, the runtime uses at most the cores it has. */
  threads: z.number().int().min(1),
  /** Layers to offload to the GPU (Metal on Apple Silicon): a count, or node-llama-cpp's "auto" / "max". */
  gpuLayers: z.union([z.number().int().min(0), z.enum(["auto", "max"])], { error: 'must be a number of layers, "auto" or "max"' }),
});

export const ClassifierEntrySchema = z.strictObject({
  ...entryFields,
  role: z.literal("classifier"),
  /** Its labels, thresholds and featurizer settings: a JSON file next to the model file. */
  sidecar: z.string().regex(/^[\w.-]+\.json$/, { message: "must be a .json file name in the model's folder" }),
});

/** The value tagger the `compact` planners need: finds the request's values before planning. */
export const TaggerEntrySchema = z.strictObject({
  ...entryFields,
  role: z.literal("tagger"),
  /** Its labels and featurizer settings: a JSON file next to the model file. */
  sidecar: z.string().regex(/^[\w.-]+\.json$/, { message: "must be a .json file name in the model's folder" }),
});

export const ModelEntrySchema = z.discriminatedUnion("role", [PlannerEntrySchema, ClassifierEntrySchema, TaggerEntrySchema]).superRefine((entry, ctx) => {
  const source = parseModelUri(entry.uri);
  const embedded = source.ok && source.source.kind === "embedded";
  if (embedded && entry.sha256 === null)
    ctx.addIssue({ code: "custom", path: ["sha256"], message: "is required for a model shipped in models/" });
  else if (embedded && entry.unavailable !== undefined)
    ctx.addIssue({ code: "custom", path: ["unavailable"], message: "is for downloaded models only: a model shipped in models/ is always there" });
  else if (entry.sha256 === null && entry.unavailable === undefined)
    ctx.addIssue({
      code: "custom",
      path: ["sha256"],
      message: 'is required for a downloaded model (a wrong file of the same size would pass without it); without one, say why in "unavailable" and it is not downloaded',
    });
  else if (entry.sha256 !== null && entry.unavailable !== undefined)
    ctx.addIssue({ code: "custom", path: ["unavailable"], message: "is only for a model without a SHA-256: this one has one" });
});
export type ModelEntry = z.infer<typeof ModelEntrySchema>;
export type PlannerEntry = z.infer<typeof PlannerEntrySchema>;
export type ClassifierEntry = z.infer<typeof ClassifierEntrySchema>;
export type TaggerEntry = z.infer<typeof TaggerEntrySchema>;

export const ManifestSchema = z
  .strictObject({ $schema: z.string().optional(), models: z.array(ModelEntrySchema) })
  .superRefine((manifest, ctx) => {
    const seen = new Set<string>();
    manifest.models.forEach((m, i) => {
      if (seen.has(m.id)) ctx.addIssue({ code: "custom", path: ["models", i, "id"], message: `"${m.id}" is used by another model` });
      seen.add(m.id);
    });
    for (const role of ModelRoleSchema.options) {
      const defaults = manifest.models.filter((m) => m.role === role && m.default);
      if (defaults.length > 1)
        ctx.addIssue({ code: "custom", path: ["models"], message: `more than one default ${role}: ${defaults.map((m) => m.id).join(", ")}` });
    }
  });
export type Manifest = z.infer<typeof ManifestSchema>;

/** Checks a manifest read from `source` (for the message); throws an AgentError that lists every problem. */
export function parseManifest(json: unknown, source: string): Manifest {
  const parsed = ManifestSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const models = (json as { models?: unknown } | null)?.models;
  const problems = parsed.error.issues.map((issue) => {
    const [first, index, ...rest] = issue.path;
    let where = issue.path.join(".");
    if (first === "models" && typeof index === "number") {
      const id = Array.isArray(models) ? (models[index] as { id?: unknown } | undefined)?.id : undefined;
      where = `models[${index}]${typeof id === "string" ? ` (${id})` : ""}${rest.length > 0 ? `.${rest.join(".")}` : ""}`;
    }
    const message = issue.code === "invalid_type" && issue.message.endsWith("received undefined") ? "is missing" : issue.message;
    return `${where || "the manifest"}: ${message.replace(/^Invalid (input|option): /, "")}`;
  });
  throw new AgentError(`The model manifest ${source} is not valid:\n  - ${problems.join("\n  - ")}`, "bad_manifest", {
    cause: parsed.error,
  });
}

let bundled: Manifest | undefined;

/** The manifest that ships with the project (assets/models/manifest.json, bundled at build time). */
export function loadManifest(): Manifest {
  bundled ??= parseManifest(bundledManifest, "assets/models/manifest.json");
  return bundled;
}

export function findModel(manifest: Manifest, id: string): ModelEntry | undefined {
  return manifest.models.find((m) => m.id === id);
}

export function defaultModel(manifest: Manifest, role: "planner"): PlannerEntry | undefined;
export function defaultModel(manifest: Manifest, role: "classifier"): ClassifierEntry | undefined;
export function defaultModel(manifest: Manifest, role: "tagger"): TaggerEntry | undefined;
export function defaultModel(manifest: Manifest, role: ModelRole): ModelEntry | undefined {
  return manifest.models.find((m) => m.role === role && m.default);
}
