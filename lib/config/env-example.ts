import { ENV_GROUPS, TOOLING_VARIABLES, VARIABLES } from "./env";

const rule = (title: string) => `# ── ${title} ${"─".repeat(Math.max(3, 86 - title.length))}`;

/** The text of .env.example, generated from the variables' own definitions so the two never drift. */
export function envExampleText(): string {
  const lines = [
    "# OpenCTO Dashboard — every environment variable the app reads.",
    "# Generated from lib/config/env.ts by `npm run env:example`; edit that file, not this one.",
    "# Nothing here is needed to try it: `npm start` with no env runs on an embedded database and",
    "# generates its own secrets into .data/. Copy to .env.local (or set in your host) to change things.",
  ];
  for (const group of ENV_GROUPS) {
    lines.push("", rule(group));
    for (const [name, spec] of Object.entries(VARIABLES)) {
      if (spec.group !== group) continue;
      const doc = "default" in spec ? `${spec.doc.replace(/\.$/, "")} (default ${spec.default}).` : spec.doc;
      lines.push(`# ${doc}`, `${name}=${"example" in spec ? spec.example : ""}`);
    }
  }
  lines.push("", rule("Tooling (tests, demo, bench; not read by the app)"));
  for (const [name, doc] of Object.entries(TOOLING_VARIABLES)) lines.push(`# ${doc}`, `${name}=`);
  return `${lines.join("\n")}\n`;
}
