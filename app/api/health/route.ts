import { NextResponse } from "next/server";
import { route } from "@/lib/http/route";
import { checkHealth } from "@/lib/health";

export const GET = route({ name: "health", auth: "public" }, async () => {
  const { ok, database } = await checkHealth();
  return NextResponse.json({ status: ok ? "ok" : "degraded", app: { status: "ok" }, database }, { status: ok ? 200 : 503 });
});
