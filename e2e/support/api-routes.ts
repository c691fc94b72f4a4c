import fs from "node:fs";
import path from "node:path";

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export interface ApiRoute {
  /** The route's folder under app/api, as the tables key it: `v1/llm/keys/[provider]`. */
  pattern: string;
  method: HttpMethod;
  file: string;
}

const API_ROOT = path.join(process.cwd(), "app/api");

/** The HTTP methods a route file exports: `export const GET = …`, `export async function GET`, `export const { GET, POST } = …`. */
function exportedMethods(source: string): HttpMethod[] {
  const destructured = [...source.matchAll(/export const \{([^}]+)\}/g)].flatMap((m) => m[1]!.split(",").map((s) => s.trim()));
  return HTTP_METHODS.filter(
    (method) => new RegExp(`export (const|async function|function) ${method}\\b`).test(source) || destructured.includes(method),
  );
}

/** Every route.ts under app/api with each HTTP method it exports. */
export function apiRoutes(): ApiRoute[] {
  const found: ApiRoute[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") {
        const pattern = path.relative(API_ROOT, dir).split(path.sep).join("/");
        for (const method of exportedMethods(fs.readFileSync(full, "utf8")))
          found.push({ pattern, method, file: path.relative(process.cwd(), full) });
      }
    }
  };
  walk(API_ROOT);
  return found.sort((a, b) => `${a.pattern} ${a.method}`.localeCompare(`${b.pattern} ${b.method}`));
}

export const routeKey = (r: Pick<ApiRoute, "pattern" | "method">) => `${r.method} ${r.pattern}`;

/** Fills `[name]` / `[...name]` segments from `params`; every segment must be given. */
export function routeUrl(pattern: string, params: Record<string, string> = {}): string {
  const segments = pattern.split("/").map((segment) => {
    const name = /^\[(?:\.\.\.)?(.+)\]$/.exec(segment)?.[1];
    if (!name) return segment;
    const value = params[name];
    if (value === undefined) throw new Error(`routeUrl: no value for [${name}] in ${pattern}`);
    // Through a Buffer first: a lone surrogate becomes U+FFFD instead of making encodeURIComponent throw.
    return value
      .split("/")
      .map((part) => encodeURIComponent(Buffer.from(part).toString()))
      .join("/");
  });
  return `/api/${segments.join("/")}`;
}
