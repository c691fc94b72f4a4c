import net from "node:net";
import { WebSocketServer } from "ws";

/**
 * A local WebSocket→TCP bridge, as Neon's proxy is: each WebSocket connection is piped to the
 * Postgres server named in its `address` query parameter. Lets the Neon driver run against a
 * plain local PostgreSQL in tests.
 */
export async function startNeonBridge(): Promise<{ url: string; close(): Promise<void> }> {
  const wss = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  wss.on("connection", (socket, req) => {
    const address = new URL(req.url ?? "/", "http://bridge").searchParams.get("address") ?? "127.0.0.1:5432";
    const [host, port] = address.split(":");
    const tcp = net.createConnection({ host: host === "localhost" ? "127.0.0.1" : host, port: Number(port) });
    socket.on("message", (data: Buffer) => tcp.write(data));
    tcp.on("data", (data) => socket.send(data));
    const end = () => {
      tcp.destroy();
      socket.close();
    };
    socket.on("close", end);
    tcp.on("close", end);
    tcp.on("error", end);
  });
  await new Promise((resolve) => wss.once("listening", resolve));
  const { port } = wss.address() as net.AddressInfo;
  return {
    url: `127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  };
}
