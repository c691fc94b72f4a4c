import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { E2E_DATABASE_DRIVER } from "./support/env";
import { signedUpContext } from "./support/users";

const API_ROOT = path.join(process.cwd(), "app/api/v1");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** Every route.ts under app/api/v1 with the HTTP methods it exports and a concrete URL. */
function apiRoutes() {
  const found: { url: string; method: string; file: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") {
        const source = fs.readFileSync(full, "utf8");
        const rel = path.relative(API_ROOT, path.dirname(full)).split(path.sep).filter(Boolean);
        const url = `/api/v1/${rel.map((s) => s.replace(/^\[\.\.\.(.+)\]$/, "x/y").replace(/^\[(.+)\]$/, "00000000-0000-0000-0000-000000000000")).join("/")}`;
        for (const method of METHODS)
          if (new RegExp(`export const ${method}\\b|export async function ${method}\\b`).test(source))
            found.push({ url, method, file: path.relative(process.cwd(), full) });
      }
    }
  };
  walk(API_ROOT);
  return found;
}

// Public routes prove their caller another way (the telephony webhook: OpenAI's signature) and are
// checked by their own specs and the authorization matrix; every other route needs a session.
const isPublic = (file: string) => /route\(\s*\{[^}]*auth: "public"/.test(fs.readFileSync(file, "utf8"));

test("every /api/v1 route answers 401 JSON to an anonymous caller", async ({ playwright }) => {
  const routes = apiRoutes().filter((r) => !isPublic(r.file));
  expect(routes.length).toBeGreaterThan(8);
  expect(
    apiRoutes()
      .filter((r) => isPublic(r.file))
      .map((r) => r.file),
  ).toEqual(["app/api/v1/telephony/webhook/[workspaceId]/route.ts"]);
  const anonymous = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  for (const r of routes) {
    const res = await anonymous.fetch(r.url, { method: r.method, data: r.method === "GET" ? undefined : {} });
    expect(res.status(), `${r.method} ${r.url} (${r.file})`).toBe(401);
    const body = await res.json();
    expect(body).toMatchObject({ code: "unauthorized", status: 401 });
    expect(typeof body.requestId).toBe("string");
  }
});

test("a forged session cookie is refused by the route wrapper itself", async ({ playwright }) => {
  const forged = await playwright.request.newContext({
    baseURL: test.info().project.use.baseURL,
    extraHTTPHeaders: { cookie: "authjs.session-token=not-a-real-token" },
  });
  const res = await forged.get("/api/v1/workspaces");
  expect(res.status()).toBe(401);
  expect((await res.json()).code).toBe("unauthorized");
});

test("every route handler goes through the route wrapper and declares who may call it", () => {
  for (const r of apiRoutes()) {
    const source = fs.readFileSync(r.file, "utf8");
    expect(source, r.file).toMatch(/route\(\s*\{[^}]*auth: "(public|user|member|admin|owner)"/);
  }
});

test("bad input gets a clear 4xx JSON error and writes nothing", async ({ browser }) => {
  const { api } = await signedUpContext(browser, "Input");
  const before = (await (await api.get("/api/v1/workspaces")).json()).workspaces;

  const malformed = await api.post("/api/v1/workspaces", {
    headers: { "content-type": "application/json" },
    data: Buffer.from("{not json"),
  });
  expect(malformed.status()).toBe(400);
  expect(await malformed.json()).toMatchObject({ code: "bad_request", error: "Request body is not valid JSON." });

  const wrongType = await api.post("/api/v1/workspaces", { data: { name: 42 } });
  expect(wrongType.status()).toBe(400);
  const wrongTypeBody = await wrongType.json();
  expect(wrongTypeBody.error).toMatch(/^Invalid body: name:/);
  expect(wrongTypeBody.details[0].path).toBe("name");

  const empty = await api.post("/api/v1/workspaces", { data: { name: "   " } });
  expect(empty.status()).toBe(400);
  expect((await empty.json()).error).toContain("Enter a name.");

  const oversized = await api.post("/api/v1/workspaces", { data: { name: "x".repeat(70 * 1024) } });
  expect(oversized.status()).toBe(413);
  expect((await oversized.json()).code).toBe("payload_too_large");

  const unknown = await api.get("/api/v1/workspace?workspaceId=00000000-0000-0000-0000-000000000000");
  expect(unknown.status()).toBe(404);
  expect(await unknown.json()).toMatchObject({ code: "not_found", status: 404 });

  const badRole = await api.post("/api/v1/workspace/invites", { data: { email: "a@example.com", role: "god" } });
  expect(badRole.status()).toBe(400);
  const badEmail = await api.post("/api/v1/workspace/invites", { data: { email: "not-an-email" } });
  expect(badEmail.status()).toBe(400);
  expect((await badEmail.json()).error).toContain("Enter a valid email address.");

  const after = (await (await api.get("/api/v1/workspaces")).json()).workspaces;
  expect(after).toEqual(before);
  const invites = (await (await api.get("/api/v1/workspace/invites")).json()).invites;
  expect(invites).toEqual([]);
});

test("errors never carry a stack trace and always carry a request id header", async ({ browser }) => {
  const { api } = await signedUpContext(browser, "Envelope");
  const res = await api.post("/api/v1/workspaces", { headers: { "content-type": "application/json" }, data: Buffer.from("[") });
  const text = await res.text();
  expect(text).not.toMatch(/at .+\(.+:\d+:\d+\)|node_modules|\.ts:\d+/);
  expect(res.headers()["x-request-id"]).toBe(JSON.parse(text).requestId);
});

test("health reports the app and its database (PGlite, or PostgreSQL with E2E_DATABASE_URL)", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({
    status: "ok",
    database: { status: "ok", driver: E2E_DATABASE_DRIVER },
    schema: { pending: [] },
  });
});

test("a valid session JWT counts only as the cookie, never as a bearer token", async ({ browser, playwright }) => {
  const { context } = await signedUpContext(browser, "Bearer");
  const session = (await context.cookies()).find((c) => c.name === "authjs.session-token");
  expect(session?.value).toBeTruthy();
  const api = await playwright.request.newContext({
    baseURL: test.info().project.use.baseURL,
    extraHTTPHeaders: { authorization: `Bearer ${session!.value}`, cookie: "authjs.session-token=stale" },
  });
  const res = await api.get("/api/v1/workspaces");
  expect(res.status()).toBe(401);
  expect((await res.json()).error).toMatch(/Bearer tokens are not accepted/);
});
