import "server-only";
import type { Provider } from "next-auth/providers";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import Google from "next-auth/providers/google";
import { env as readEnv } from "@/lib/config/env";
import { forgetFailures, recordFailure } from "@/lib/limits/throttle";
import { attemptTarget } from "./attempts";
import { authenticatePassword, signInSchema } from "./credentials";

export interface ProviderButton {
  id: string;
  name: string;
}

/** OAuth providers that have their env vars set; the login page shows one button each. */
export function oauthProviderButtons(): ProviderButton[] {
  const env = readEnv();
  const buttons: ProviderButton[] = [];
  if (env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET) buttons.push({ id: "github", name: "GitHub" });
  if (env.AUTH_GOOGLE_ID && env.AUTH_GOOGLE_SECRET) buttons.push({ id: "google", name: "Google" });
  if (env.AUTH_OIDC_ISSUER && env.AUTH_OIDC_ID && env.AUTH_OIDC_SECRET) buttons.push({ id: "oidc", name: env.AUTH_OIDC_NAME });
  return buttons;
}

export function authProviders(): Provider[] {
  const env = readEnv();
  const enabled = new Set(oauthProviderButtons().map((b) => b.id));
  const providers: Provider[] = [
    Credentials({
      credentials: { email: { type: "email" }, password: { type: "password" } },
      // Both login paths count the attempt before this runs (lib/auth/attempts.ts); here the outcome
      // is recorded: a failure moves the email and address toward a lockout, a success clears the email's.
      async authorize(raw, request) {
        const parsed = signInSchema.safeParse(raw);
        if (!parsed.success) return null;
        const user = await authenticatePassword(parsed.data);
        const target = attemptTarget(parsed.data.email, request.headers);
        await (user ? forgetFailures : recordFailure)({ action: "sign_in", target });
        return user;
      },
    }),
  ];
  if (enabled.has("github")) providers.push(GitHub);
  if (enabled.has("google")) providers.push(Google);
  if (enabled.has("oidc"))
    providers.push({
      id: "oidc",
      name: env.AUTH_OIDC_NAME,
      type: "oidc",
      issuer: env.AUTH_OIDC_ISSUER,
      clientId: env.AUTH_OIDC_ID,
      clientSecret: env.AUTH_OIDC_SECRET,
    });
  return providers;
}
