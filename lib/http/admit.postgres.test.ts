import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScratchDatabase, postgresReachable } from "@/test-support/postgres";

// The admission statement as a deployment runs it (a PostgreSQL server that other processes share):
// nothing is remembered between requests and counters live in rate_limit_windows. The embedded
// mode's memory of admissions and its in-memory counters are in admit.test.ts.
const scratch = (await postgresReachable()) ? await createScratchDatabase() : null;
if (scratch) process.env.DATABASE_URL = scratch.url;
process.env.SIGNUP_MODE = "open";
process.env.AUTH_SECRET ??= "x".repeat(43);
process.env.ENCRYPTION_KEYS ??= `v1:${Buffer.alloc(32, 9).toString("base64")}`;

const { getDatabaseHandle } = await import("@/lib/database");
const { rateLimitWindows } = await import("@/db/schema");
const { createPasswordUser } = await import("@/lib/auth/credentials");
const { endSessions } = await import("@/lib/auth/sessions");
const { resolveWorkspaceAccess } = await import("@/lib/workspaces/workspaces");
const { admitMember } = await import("./admit");
const { hashSecret } = await import("@/lib/tokens/credential");
const { createToken, revokeToken } = await import("@/lib/tokens/tokens");

beforeAll(async () => {
  if (scratch) await (await getDatabaseHandle()).migrate();
});

afterAll(async () => {
  if (!scratch) return;
  await (await getDatabaseHandle()).close();
  await scratch.drop();
});

let seq = 0;
const makeUser = () => createPasswordUser({ name: "Pg", email: `pg-${++seq}@example.com`, password: "long enough pw" });

describe.runIf(scratch)("admission on a shared PostgreSQL server", () => {
  it("remembers nothing: counters are rows, exact under 40 concurrent requests, and a sign-out holds on the next request", async () => {
    const handle = await getDatabaseHandle();
    expect(handle.admissionEpoch).toBeNull();
    const user = await makeUser();
    const { workspaceId } = await resolveWorkspaceAccess({ userId: user.id });
    const bucket = `b${Math.random()}`;
    const admissions = await Promise.all(
      Array.from({ length: 40 }, () => admitMember({ userId: user.id, sessionVersion: 0, minimumRole: "member", bucket })),
    );
    expect(admissions.map((a) => a.counted!.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    const rows = await handle.db.select().from(rateLimitWindows);
    expect(rows.filter((r) => r.key === `${bucket}:${workspaceId}:${user.id}`).map((r) => r.count)).toEqual([40]);
    await endSessions({ userId: user.id });
    await expect(admitMember({ userId: user.id, sessionVersion: 0, minimumRole: "member", bucket })).rejects.toMatchObject({ status: 401 });
  });

  it("admits a token with its scope and refuses it once revoked", async () => {
    const user = await makeUser();
    const { workspaceId } = await resolveWorkspaceAccess({ userId: user.id });
    const created = await createToken({ workspaceId, userId: user.id, name: "pg", scopes: ["chat"], expiresInDays: 1 });
    const [, id, secret] = /^oc_([A-Za-z0-9]{16})_(.+)$/.exec(created.token)!;
    const token = { id: id!, secretHash: hashSecret(secret!), scopes: ["chat"] as const };
    const admitted = await admitMember({ userId: null, sessionVersion: 0, token, minimumRole: "member", bucket: "pg" });
    expect(admitted).toMatchObject({ caller: { userId: user.id }, access: { workspaceId, role: "owner" }, counted: { count: 1 } });
    await revokeToken({ workspaceId, tokenId: id!, viewer: { userId: user.id, role: "owner" } });
    await expect(admitMember({ userId: null, sessionVersion: 0, token, minimumRole: "member" })).rejects.toMatchObject({ status: 401 });
  });
});
