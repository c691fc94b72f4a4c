import "server-only";
import { recordAuditEvent } from "@/lib/audit/events";
import { readTrace } from "./trace";

/** The trace as a file the browser saves (`trace-<call id>.json`); who downloaded it is audited. */
export async function traceDownload({ workspaceId, userId, callId }: { workspaceId: string; userId: string; callId: string }) {
  const trace = await readTrace({ workspaceId, callId });
  await recordAuditEvent({ workspaceId, actorUserId: userId, action: "trace.downloaded", detail: callId });
  return new Response(JSON.stringify(trace, null, 2), {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="trace-${callId}.json"`,
    },
  });
}
