import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createRealtimeUpgradeHandler } from "./realtime/ws-carrier";
import { createRequestHandler } from "./router";
import { FakeState } from "./state";
import type { UsageDataset } from "./usage-data";

export {
  costLinesFor,
  PRICES_PER_MILLION,
  PROJECTS,
  scaledDataset,
  splitCostLine,
  USAGE_API_KEYS,
  USAGE_MODELS,
  USAGE_PROJECTS,
  USAGE_USERS,
  usageByKey,
  usageFor,
} from "./usage-data";
export { MODELS } from "./models";
export type { FakeState } from "./state";

export interface FakeOpenAIOptions {
  port?: number;
  host?: string;
  seed?: number;
  revokedKeys?: string[];
  transcript?: string;
  log?: boolean;
  /** Directory served at /_fake/static/ (e.g. a test harness bundle). */
  staticDir?: string;
  /** A larger organisation's usage (scaledDataset in usage-data.ts); default 4 models, 2 projects. */
  usage?: UsageDataset;
}

export interface FakeOpenAI {
  url: string;
  baseURL: string;
  port: number;
  state: FakeState;
  close(): Promise<void>;
}

export const DEFAULT_TRANSCRIPT = "which models do we have?";

export async function startFakeOpenAI(opts: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
  const host = opts.host ?? "127.0.0.1";
  const state = new FakeState({
    seed: opts.seed ?? 42,
    revokedKeys: opts.revokedKeys ?? [],
    transcript: opts.transcript ?? DEFAULT_TRANSCRIPT,
    ...(opts.staticDir ? { staticDir: opts.staticDir } : {}),
    ...(opts.usage ? { usage: opts.usage } : {}),
  });
  const server = createServer(createRequestHandler(state, opts.log ?? false));
  server.on("upgrade", createRealtimeUpgradeHandler(state));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, host, resolve);
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  return {
    url,
    baseURL: `${url}/v1`,
    port,
    state,
    close: () =>
      new Promise<void>((resolve) => {
        state.reset();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
