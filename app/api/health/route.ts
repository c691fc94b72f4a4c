import { NextResponse } from "next/server";
import { route } from "@/lib/http/route";
import { checkHealth } from "@/lib/health";

// 503 when the database is away or its schema lags this build (pending migrations: run `npm run db:migrate`).
export const GET = route({ name: "health", auth: "public" }, async () => {
  const { ok, database, schema } = await checkHealth();
  const headers = database.status === "unavailable" ? { "retry-after": "2" } : undefined;
  return NextResponse.json({ status: ok ? "ok" : "degraded", app: { status: "ok" }, database, schema }, { status: ok ? 200 : 503, headers });
});
