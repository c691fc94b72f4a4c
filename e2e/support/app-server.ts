import { type ChildProcess, spawn } from "node:child_process";

export interface AppServer {
  url: string;
  /** Everything the server printed so far. */
  output(): string;
  stop(): Promise<void>;
  /** SIGKILL, as a crash or a platform stopping the instance: nothing gets to clean up. */
  kill(): Promise<void>;
}

// The environment of the suite's own servers is not inherited: an extra server gets only what it is given.
const BASE_ENV: NodeJS.ProcessEnv = {
  PATH: process.env.PATH ?? "",
  HOME: process.env.HOME ?? "",
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
};

/**
 * Starts another instance of the built app (or `command` in `cwd`) on its own port, for specs that
 * need a configuration the suite's server does not have; resolves once /api/health answers.
 */
export async function startAppServer({
  port,
  env,
  cwd = process.cwd(),
  command = ["node_modules/.bin/next", "start", "-p", String(port)],
  healthy = (status: number) => status < 500,
  timeoutMs = 90_000,
}: {
  port: number;
  env: Record<string, string>;
  cwd?: string;
  command?: string[];
  healthy?: (status: number) => boolean;
  timeoutMs?: number;
}): Promise<AppServer> {
  // Another server left on the port would answer the health check below in this one's place.
  if (
    await fetch(`http://localhost:${port}/api/health`).then(
      () => true,
      () => false,
    )
  )
    throw new Error(`port ${port} is already in use`);
  const [bin, ...args] = command;
  const child: ChildProcess = spawn(bin as string, args, { cwd, env: { ...BASE_ENV, ...env }, detached: true });
  let printed = "";
  child.stdout?.on("data", (chunk) => (printed += chunk));
  child.stderr?.on("data", (chunk) => (printed += chunk));
  const url = `http://localhost:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    process.kill(-child.pid, "SIGTERM");
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
  };
  const kill = async () => {
    if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    process.kill(-child.pid, "SIGKILL");
    await exited;
  };
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`the app exited (${child.exitCode}):\n${printed}`);
    const status = await fetch(`${url}/api/health`).then(
      (r) => r.status,
      () => 0,
    );
    if (status && healthy(status)) return { url, output: () => printed, stop, kill };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stop();
  throw new Error(`the app on port ${port} did not become healthy:\n${printed}`);
}
