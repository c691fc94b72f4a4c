import { NextResponse } from "next/server";
import { route } from "@/lib/http/route";
import { checkHealth } from "@/lib/health";
import { openSidebandCount } from "@/lib/realtime/sideband";

// 503 when the database is away or its schema lags this build (pending migrations: run `npm run db:migrate`).
// `realtime.openSidebands`: the voice calls this instance is watching (0 before it is safe to stop it).
export const GET = route({ name: "health", auth: "public" }, async () => {
  const { ok, database, schema } = await checkHealth();
  const headers = database.status === "unavailable" ? { "retry-after": "2" } : undefined;
  return NextResponse.json(
    { status: ok ? "ok" : "degraded", app: { status: "ok" }, database, schema, realtime: { openSidebands: openSidebandCount() } },
    { status: ok ? 200 : 503, headers },
  );
});
