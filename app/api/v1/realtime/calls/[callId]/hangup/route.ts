import { z } from "zod";
import { route } from "@/lib/http/route";
import { hangUp } from "@/lib/realtime/calls";

export const POST = route(
  { name: "realtime_hangup", auth: "member", tokens: ["calls:manage"], params: z.object({ callId: z.string().regex(/^[\w-]{1,100}$/) }) },
  async ({ access, principal, params }) => hangUp({ callId: params.callId, userId: principal.userId, access }),
);
