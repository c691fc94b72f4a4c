import { auth } from "@/lib/auth";
import { unauthorized } from "./errors";

export interface Principal {
  userId: string;
  email: string;
  name: string | null;
}

/**
 * Who is calling: today the Auth.js session cookie. A bearer-token authenticator (API tokens)
 * slots in here; until one exists, a request that carries only a bearer token is refused.
 */
export async function authenticate(req: Request): Promise<Principal> {
  const session = await auth();
  const user = session?.user;
  if (user?.id && user.email) return { userId: user.id, email: user.email, name: user.name ?? null };
  if (req.headers.get("authorization")?.startsWith("Bearer "))
    throw unauthorized("Bearer tokens are not accepted by this route; sign in with a session.");
  throw unauthorized();
}
