import { spawn } from "node:child_process";

/** Runs a command with inherited stdio; resolves with its exit code. */
export function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", ...options });
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

export async function runOrExit(command, args, options) {
  const code = await run(command, args, options);
  if (code !== 0) process.exit(code);
}

export const bin = (name) => `node_modules/.bin/${name}`;

/**
 * A TypeScript entry point that imports server modules, as [command, args]: tsx resolves them
 * under the `react-server` condition, as Next does, so their `server-only` marker loads.
 */
export const serverScript = (file, ...args) => [bin("tsx"), ["--conditions=react-server", file, ...args]];

/** Resolves once `url` answers below 500; throws after `ms`. */
export async function waitFor(url, ms = 60_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not come up`);
}
