import { clientAddress } from "@/lib/limits/client-address";
import { admitAttempt, type ThrottleTarget } from "@/lib/limits/throttle";

// Sign-in, sign-up and reset requests are charged to the email typed — whether or not it has an
// account, so the throttle answers the same either way — and to the client's address.

export function attemptTarget(email: unknown, headers: Headers): ThrottleTarget {
  const account = typeof email === "string" ? email.trim().toLowerCase().slice(0, 320) : "";
  return { account, address: clientAddress(headers) };
}

/** Gate of Auth.js's POST /api/auth/callback/credentials: counts the attempt; throws the 429 when throttled. */
export async function admitCredentialsCallback(req: Request): Promise<void> {
  const form = await req
    .clone()
    .formData()
    .catch(() => null);
  await admitAttempt({ action: "sign_in", target: attemptTarget(form?.get("email"), req.headers) });
}
