import type { NextConfig } from "next";
import { PHASE_PRODUCTION_BUILD, PHASE_PRODUCTION_SERVER } from "next/constants";
import { exitOnConfigurationProblems, vercelPlatform } from "./lib/config/env";

const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), geolocation=(), microphone=(self)" },
];

// `npm run bench` builds into its own folder with `.bench.ts` routes (a framework-cost baseline).
const benchBuild = process.env.OPENCTO_BENCH_BUILD === "1";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  distDir: benchBuild ? ".next-bench" : ".next",
  pageExtensions: benchBuild ? ["tsx", "ts", "bench.ts"] : ["tsx", "ts"],
  // `npm test` type-checks the whole repo (tests, fake upstream, scripts) once with tsc.
  typescript: { ignoreBuildErrors: true },
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "pg", "werift"],
  outputFileTracingIncludes: { "/**": ["./db/migrations/**/*"] },
  // PGlite (20 MB) cannot run on Vercel, where DATABASE_URL is required: keep it (and Turbopack's
  // link to it) out of the functions. db/connect.ts imports it only on the embedded path.
  outputFileTracingExcludes: vercelPlatform().onVercel
    ? { "/**": ["node_modules/@electric-sql/pglite/**", ".next/node_modules/@electric-sql/pglite*"] }
    : {},
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

// A misconfigured deploy fails here, at build or start, with one line per variable (never its value).
export default function config(phase: string): NextConfig {
  if (phase === PHASE_PRODUCTION_BUILD) exitOnConfigurationProblems("build");
  if (phase === PHASE_PRODUCTION_SERVER) exitOnConfigurationProblems("server");
  return nextConfig;
}
