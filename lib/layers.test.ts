import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The layering docs/ARCHITECTURE.md describes, enforced: app → lib/<feature> → lib/<core> → db,
// never back up. An area is a top folder of lib/ (or a lone file such as lib/errors.ts).

const ROOT = path.resolve(import.meta.dirname, "..");
const IMPORT = /(?:from|import)\s*\(?\s*"@\/([^"]+)"/g;

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "migrations" ? [] : sources(rel);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [rel] : [];
  });
}

const areaOf = (target: string) => {
  const [top, second] = target.replace(/\.tsx?$/, "").split("/");
  return top === "lib" ? `lib/${second}` : (top ?? target);
};

function edges(dirs: string[]): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of dirs.flatMap(sources)) {
    const from = areaOf(file);
    for (const [, target] of fs.readFileSync(path.join(ROOT, file), "utf8").matchAll(IMPORT)) {
      const to = areaOf(target as string);
      if (to !== from) graph.set(from, (graph.get(from) ?? new Set()).add(to));
    }
  }
  return graph;
}

function cycles(graph: Map<string, Set<string>>): string[] {
  const found: string[] = [];
  const visit = (node: string, trail: string[]) => {
    if (trail.includes(node)) {
      found.push([...trail.slice(trail.indexOf(node)), node].join(" → "));
      return;
    }
    for (const next of graph.get(node) ?? []) if (next.startsWith("lib/")) visit(next, [...trail, node]);
  };
  for (const node of graph.keys()) visit(node, []);
  return [...new Set(found)];
}

describe("layers", () => {
  const graph = edges(["lib", "db"]);

  it("db/ imports nothing of lib/ or app/", () => {
    expect([...(graph.get("db") ?? [])].filter((to) => to !== "db")).toEqual([]);
  });

  it("no two areas of lib/ import each other, directly or round about", () => {
    expect(cycles(graph)).toEqual([]);
  });

  it("lib/ never imports app/", () => {
    const upward = [...graph].filter(([, to]) => to.has("app")).map(([from]) => from);
    expect(upward).toEqual([]);
  });

  it("the configuration and the error list import nothing of ours", () => {
    expect([...(graph.get("lib/errors") ?? [])]).toEqual([]);
    expect([...(graph.get("lib/config") ?? [])].filter((to) => to !== "lib/config")).toEqual([]);
  });
});
