import net from "node:net";

/**
 * How the proxy treats PostgreSQL traffic:
 * - `up`: forwards both ways;
 * - `refuse`: stops listening (connection refused) and drops every open connection;
 * - `stall`: accepts connections and never forwards a byte; connections open now or during the
 *   stall stay black holes for good (half-open, as after a failover);
 * - `cut`: kills a connection when the client sends a message matching `match`
 *   (default: any message after the startup handshake; open connections are dropped at once).
 */
export type ProxyMode = "up" | "refuse" | "stall" | "cut";

interface Link {
  client: net.Socket;
  upstream?: net.Socket;
  blackHole: boolean;
  sent: number;
}

export interface TcpProxy {
  port: number;
  /** `databaseUrl` with its host and port pointed at this proxy. */
  through(databaseUrl: string): string;
  set(mode: ProxyMode, options?: { match?: RegExp }): Promise<void>;
  /** Connections cut so far in `cut` mode. */
  cuts(): number;
  close(): Promise<void>;
}

/** A TCP proxy to PostgreSQL (default 127.0.0.1:5432) that a test can break and restore. */
export async function startTcpProxy(target = { host: "127.0.0.1", port: 5432 }, port = 0): Promise<TcpProxy> {
  let mode: ProxyMode = "up";
  let match: RegExp | undefined;
  let cutCount = 0;
  const links = new Set<Link>();

  const drop = (link: Link) => {
    link.client.destroy();
    link.upstream?.destroy();
    links.delete(link);
  };

  const server = net.createServer((client) => {
    const link: Link = { client, blackHole: mode === "stall", sent: 0 };
    links.add(link);
    client.on("error", () => drop(link));
    client.on("close", () => drop(link));
    if (link.blackHole) return;
    const upstream = net.createConnection(target);
    link.upstream = upstream;
    upstream.on("error", () => drop(link));
    upstream.on("close", () => drop(link));
    upstream.on("data", (chunk) => {
      if (!link.blackHole) client.write(chunk);
    });
    client.on("data", (chunk) => {
      if (link.blackHole) return;
      if (mode === "stall") {
        link.blackHole = true;
        return;
      }
      if (mode === "cut" && (match ? match.test(chunk.toString("latin1")) : link.sent > 0)) {
        cutCount += 1;
        drop(link);
        return;
      }
      link.sent += 1;
      upstream.write(chunk);
    });
  });

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        server.off("error", reject);
        resolve();
      });
    });
  await listen();
  port = (server.address() as net.AddressInfo).port;

  return {
    port,
    through(databaseUrl) {
      const url = new URL(databaseUrl);
      url.hostname = "127.0.0.1";
      url.port = String(port);
      return url.toString();
    },
    async set(next, options = {}) {
      const wasRefusing = mode === "refuse";
      mode = next;
      match = options.match;
      if (next === "refuse") {
        if (wasRefusing) return;
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        for (const link of links) drop(link);
        await closed;
        return;
      }
      if (wasRefusing) await listen();
      if (next === "stall") for (const link of links) link.blackHole = true;
      if (next === "cut" && !match) for (const link of links) drop(link);
    },
    cuts: () => cutCount,
    async close() {
      for (const link of links) drop(link);
      if (mode !== "refuse") await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
