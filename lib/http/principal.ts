import { auth } from "@/lib/auth";
import { unauthorized } from "./errors";

export interface Principal {
  userId: string;
  email: string;
  name: string | null;
  /** Set when the credential is bound to one workspace (a realtime call ticket): the request acts there only. */
  workspaceId?: string;
}

/**
 * Who is calling: the Auth.js session cookie. Routes that take another credential pass their own
 * authenticator to route() (e.g. lib/realtime/tickets.ts); elsewhere a bare bearer token is refused.
 */
export async function authenticate(req: Request): Promise<Principal> {
  const session = await auth();
  const user = session?.user;
  if (user?.id && user.email) return { userId: user.id, email: user.email, name: user.name ?? null };
  if (req.headers.get("authorization")?.startsWith("Bearer "))
    throw unauthorized("Bearer tokens are not accepted by this route; sign in with a session.");
  throw unauthorized();
}
