import { route } from "@/lib/http/route";
import { reapSoon } from "@/lib/realtime/reaper";
import { listPhoneCalls } from "@/lib/telephony/calls";

export const GET = route({ name: "telephony_calls", auth: "admin", tokens: ["calls:manage"] }, async ({ access }) => {
  reapSoon();
  return { workspaceId: access.workspaceId, ...(await listPhoneCalls(access.workspaceId)) };
});
