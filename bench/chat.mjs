// The chat half of `npm run bench`: the OpenAI-compatible chat endpoint next to the fake called
// directly (the floor), Portkey's open-source gateway against the same fake (the peer), and a
// minimal Next.js route that only passes the request through (the framework's own cost).
import http from "node:http";
import { performance } from "node:perf_hooks";
import autocannon from "autocannon";

const FLOOR = "chat floor: fake direct";
const PEER = "chat peer: Portkey gateway";
const MINIMAL = "chat minimal route";
const OURS = "POST /api/openai/v1/chat/completions";
const STREAM_REQUESTS = Number(process.env.BENCH_STREAM_REQUESTS || 300);
const MEMORY_REQUESTS = Number(process.env.BENCH_MEMORY_REQUESTS || 20_000);

const message = { model: "gpt-4o-mini", messages: [{ role: "user", content: "How fast is the gateway?" }] };
const json = { "content-type": "application/json" };

/** The four chat targets, for autocannon and (streamed) for the first-byte timing. */
export function chatTargets({ fake, app, peer, upstreamKey, token, pids }) {
  const upstream = { authorization: `Bearer ${upstreamKey}` };
  const targets = [
    [FLOOR, pids.fake, `${fake}/v1/chat/completions`, upstream],
    [
      PEER,
      pids.peer,
      `${peer}/v1/chat/completions`,
      { ...upstream, "x-portkey-provider": "openai", "x-portkey-custom-host": `${fake}/v1` },
    ],
    [MINIMAL, pids.app, `${app}/api/bench/chat`, {}],
    [OURS, pids.app, `${app}/api/openai/v1/chat/completions`, { authorization: `Bearer ${token}` }],
  ];
  const body = JSON.stringify(message);
  const streamBody = JSON.stringify({ ...message, stream: true });
  return {
    load: targets.map(([name, pid, url, headers]) => [name, pid, { url, method: "POST", headers: { ...json, ...headers }, body }]),
    streams: targets.map(([name, , url, headers]) => [name, { url, headers: { ...json, ...headers }, body: streamBody }]),
    ours: { url: targets[3][2], method: "POST", headers: { ...json, ...targets[3][3] }, body },
  };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

/** One streamed request: ms until the first body byte, and whether the stream ended well. */
function firstByte({ url, headers, body }) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let first = null;
    const req = http.request(url, { method: "POST", headers, agent }, (res) => {
      res.on("data", () => {
        first ??= performance.now() - started;
      });
      res.on("end", () => resolve({ ms: first, ok: res.statusCode === 200 }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

const percentile = (sorted, q) =>
  sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] * 100) / 100 : null;

/** Time to first byte of streamed chat completions, one request at a time after a warm-up. */
export async function timeToFirstByte(target) {
  for (let i = 0; i < 30; i++) await firstByte(target);
  const times = [];
  let errors = 0;
  for (let i = 0; i < STREAM_REQUESTS; i++) {
    const { ms, ok } = await firstByte(target);
    if (ok && ms !== null) times.push(ms);
    else errors++;
  }
  times.sort((a, b) => a - b);
  return { requests: STREAM_REQUESTS, ttfbP50: percentile(times, 0.5), ttfbP95: percentile(times, 0.95), errors };
}

/** Resident memory of `pid` while it serves `MEMORY_REQUESTS` chat completions at concurrency 16. */
export async function memoryOverRequests(target, pid, rssMiB) {
  const samples = [rssMiB(pid)];
  const timer = setInterval(() => samples.push(rssMiB(pid)), 1000);
  let errors = 0;
  const result = await new Promise((resolve, reject) => {
    const run = autocannon({ ...target, connections: 16, amount: MEMORY_REQUESTS, pipelining: 1 }, (error, r) =>
      error ? reject(error) : resolve(r),
    );
    run.on("response", (_client, status) => {
      if (status >= 400) errors++;
    });
  });
  clearInterval(timer);
  await new Promise((resolve) => setTimeout(resolve, 2000));
  samples.push(rssMiB(pid));
  const firstHalf = samples.slice(0, Math.ceil(samples.length / 2));
  return {
    requests: result.requests.total,
    errors: errors + result.errors + result.timeouts,
    rssStartMiB: samples[0],
    rssPeakFirstHalfMiB: Math.max(...firstHalf),
    rssPeakMiB: Math.max(...samples),
    rssEndMiB: samples.at(-1),
  };
}

const round = (n) => Math.round(n * 100) / 100;

/** The chat headline against the targets; printed, and returned for the results file. */
export function summariseChat({ rows, streaming, memory }) {
  const at = (name, c) => rows.find((r) => r.target === name && r.concurrency === c);
  const ttfb = (name) => streaming.find((s) => s.target === name);
  const added = (name) => round(at(name, 1).p50 - at(FLOOR, 1).p50);
  // A target whose streams all failed has no first-byte time (null).
  const addedTtfb = (name) => (ttfb(name).ttfbP50 === null ? null : round(ttfb(name).ttfbP50 - ttfb(FLOOR).ttfbP50));
  const summary = {
    addedP50AtC1Ms: { ours: added(OURS), peer: added(PEER), minimal: added(MINIMAL) },
    rpsAtC16: { ours: at(OURS, 16).rps, peer: at(PEER, 16).rps, minimal: at(MINIMAL, 16).rps, floor: at(FLOOR, 16).rps },
    streamTtfbAddedP50Ms: { ours: addedTtfb(OURS), peer: addedTtfb(PEER), minimal: addedTtfb(MINIMAL) },
    memory,
  };
  const checks = [
    [
      `added p50 at c=1 ≤ peer's + 1 ms`,
      `${summary.addedP50AtC1Ms.ours} ms vs ${summary.addedP50AtC1Ms.peer} ms`,
      summary.addedP50AtC1Ms.ours <= summary.addedP50AtC1Ms.peer + 1,
    ],
    [
      `req/s at c=16 ≥ 0.8× peer's`,
      `${summary.rpsAtC16.ours} vs ${summary.rpsAtC16.peer} (${round(summary.rpsAtC16.ours / summary.rpsAtC16.peer)}×)`,
      summary.rpsAtC16.ours >= 0.8 * summary.rpsAtC16.peer,
    ],
    [
      `stream first byte added ≤ 2 ms p50`,
      `${summary.streamTtfbAddedP50Ms.ours} ms (peer ${summary.streamTtfbAddedP50Ms.peer ?? "failed"} ms)`,
      summary.streamTtfbAddedP50Ms.ours <= 2,
    ],
    [
      `memory flat over ${memory.requests} requests`,
      `${memory.rssStartMiB} → peak ${memory.rssPeakMiB} → ${memory.rssEndMiB} MiB`,
      memory.rssEndMiB - memory.rssPeakFirstHalfMiB <= 32,
    ],
  ];
  summary.checks = checks.map(([target, measured, met]) => ({ target, measured, met }));
  console.log("\n| streamed chat | first byte p50 ms | p95 ms | errors |\n|---|---:|---:|---:|");
  for (const s of streaming) console.log(`| ${s.target} | ${s.ttfbP50} | ${s.ttfbP95} | ${s.errors} |`);
  console.log("\n| chat target (issue 17) | measured | met |\n|---|---|---|");
  for (const c of summary.checks) console.log(`| ${c.target} | ${c.measured} | ${c.met ? "yes" : "no"} |`);
  return summary;
}
