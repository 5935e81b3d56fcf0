import { createHash } from "node:crypto";
import { z } from "zod";
import rawLock from "../../assets/engine-lock.json";
import { AgentError } from "../core/errors";

/**
 * The pinned list of packages the engines need at run time, per platform (assets/engine-lock.json,
 * written by scripts/engine-lock.mjs from package-lock.json). It is bundled into the extension, so
 * the installer never reads a list it could be handed by someone else.
 */

export const ENGINE_NAMES = ["node-llama-cpp", "onnxruntime-node"] as const;
export const EngineNameSchema = z.enum(ENGINE_NAMES);
export type EngineName = z.infer<typeof EngineNameSchema>;

/** A path inside a package: relative, forward slashes, no "." or ".." segment. */
const RelativePathSchema = z
  .string()
  .min(1)
  .refine(
    (p) => !p.startsWith("/") && !p.includes("\\") && p.split("/").every((s) => s !== ".." && s !== "."),
    "a relative path inside the package",
  );

export const LockedPackageSchema = z.object({
  /** Where the package goes, relative to the engine folder ("node_modules/a/node_modules/b"). */
  path: z
    .string()
    .regex(/^node_modules\/(?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*(?:\/node_modules\/(?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*)*$/i),
  name: z.string().min(1),
  version: z.string().min(1),
  url: z.url({ protocol: /^https$/ }),
  /** Subresource Integrity of the tarball; only sha512 is accepted. */
  integrity: z.string().regex(/^sha512-[A-Za-z0-9+/]{86}==$/),
  /** Tarball size in bytes. */
  size: z.number().int().positive(),
  /**
   * Path prefixes inside the package that are not extracted; "!prefix" keeps what it names under a
   * skipped prefix and must match at least one file.
   */
  skip: z.array(z.string()).optional(),
});
export type LockedPackage = z.infer<typeof LockedPackageSchema>;

export const PlatformLockSchema = z.object({
  engines: z.array(EngineNameSchema).min(1),
  packages: z.array(LockedPackageSchema).min(1),
});
export type PlatformLock = z.infer<typeof PlatformLockSchema>;

export const EngineLockSchema = z
  .object({
    format: z.literal(1),
    registry: z.url({ protocol: /^https$/ }),
    engineVersions: z.record(EngineNameSchema, z.string()),
    platforms: z.record(z.string(), PlatformLockSchema),
  })
  .superRefine((lock, ctx) => {
    for (const [platform, { packages }] of Object.entries(lock.platforms)) {
      const paths = new Set<string>();
      for (const p of packages) {
        if (!p.url.startsWith(lock.registry))
          ctx.addIssue({ code: "custom", message: `${platform}: ${p.name} is not on ${lock.registry}` });
        if (paths.has(p.path)) ctx.addIssue({ code: "custom", message: `${platform}: ${p.path} is listed twice` });
        paths.add(p.path);
        for (const rule of p.skip ?? []) {
          if (!RelativePathSchema.safeParse(rule.replace(/^!/, "")).success)
            ctx.addIssue({ code: "custom", message: `${platform}: ${p.name} has a bad skip rule ${rule}` });
        }
      }
    }
  });
export type EngineLock = z.infer<typeof EngineLockSchema>;

let parsed: EngineLock | undefined;

/** The bundled lock, validated once. */
export function engineLock(): EngineLock {
  parsed ??= EngineLockSchema.parse(rawLock);
  return parsed;
}

/** "darwin-arm64", "linux-x64"...: the key of this machine's platform in the lock. */
export function currentPlatform(): string {
  return `${process.platform}-${process.arch}`;
}

/** The packages for one platform, or an error saying which platforms there are. */
export function platformLock(platform: string = currentPlatform(), lock: EngineLock = engineLock()): PlatformLock {
  const entry = lock.platforms[platform];
  if (!entry) {
    throw new AgentError(
      `TinyAgent's on-device engines are not available for ${platform} (available: ${Object.keys(lock.platforms).join(", ")}).`,
      "engine_platform_unsupported",
    );
  }
  return entry;
}

/** Identifies exactly what an installation must hold; stored in its marker. */
export function platformLockDigest(entry: PlatformLock): string {
  return createHash("sha256").update(JSON.stringify(entry)).digest("hex");
}

/** Whether a path inside a package is extracted under the package's skip rules. */
export function isExtracted(pathInPackage: string, skip: readonly string[] = []): boolean {
  const kept = skip.some((rule) => rule.startsWith("!") && pathInPackage.startsWith(rule.slice(1)));
  return kept || !skip.some((rule) => !rule.startsWith("!") && pathInPackage.startsWith(rule));
}
