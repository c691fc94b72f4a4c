import "server-only";
import { DrizzleAdapter } from "@auth/drizzle-adapter";
import NextAuth from "next-auth";
import { databaseUnavailable, getDb } from "@/lib/database";
import { accounts, users } from "@/db/schema";
import { env } from "@/lib/config/env";
import { authSecret } from "@/lib/config/secrets";
import { log } from "@/lib/log";
import { ensurePersonalWorkspace } from "@/lib/workspaces/workspaces";
import { createAccount } from "./accounts";
import { authProviders } from "./providers";
import { newIdentityRefused } from "./signup-policy";
import { claimedVersion, currentSessionVersion, endSessions, sessionIsCurrent } from "./sessions";

export const { handlers, auth, signIn, signOut } = NextAuth(async () => {
  const db = await getDb();
  return {
    secret: authSecret(),
    // Self-hosted behind any proxy by default; set AUTH_TRUST_HOST=false with AUTH_URL to pin the host.
    trustHost: env().AUTH_TRUST_HOST,
    // Preview URLs change per deploy: OAuth callbacks go through one stable deployment, which
    // recognises itself here and forwards each callback to the origin sealed in the state.
    redirectProxyUrl: env().AUTH_REDIRECT_PROXY_URL,
    adapter: {
      ...DrizzleAdapter(db, { usersTable: users, accountsTable: accounts }),
      // A new OAuth/OIDC identity becomes an account under the sign-up policy, in one transaction.
      createUser: ({ email, name, image, emailVerified }) =>
        createAccount({ email, name: name ?? null, image: image ?? null, emailVerified }),
    },
    session: { strategy: "jwt" },
    pages: { signIn: "/login", error: "/login" },
    logger: {
      // A wrong password is an expected outcome, not an error worth a stack trace in the logs.
      error(error) {
        // By its `type`: class names are minified in a production build.
        if ((error as { type?: string }).type === "CredentialsSignin") return;
        log("error", "auth_error", { name: error.name, message: error.message });
      },
      warn(code) {
        log("warn", "auth_warning", { code });
      },
    },
    providers: authProviders(),
    events: {
      // Signing out ends every session of the user, so a copied cookie dies with the one signed out.
      async signOut(message) {
        const userId = "token" in message ? message.token?.sub : undefined;
        if (userId) await endSessions({ userId });
      },
    },
    callbacks: {
      // Runs before Auth.js creates a user, so a refused stranger leaves no row behind.
      async signIn({ user, account }) {
        // Workspaces and invites are keyed by email: a provider that shares none cannot sign in.
        if (!user.email) return "/login?error=EmailRequired";
        if (account?.type === "credentials") return true;
        return (await newIdentityRefused({ email: user.email })) ? "/login?error=SignUpClosed" : true;
      },
      async jwt({ token, user }) {
        // `user` is present only at sign-in: someone who left every workspace gets a personal one again, and the
        // token records the session version it was issued under.
        if (user?.id) {
          await ensurePersonalWorkspace({ userId: user.id, userName: user.name ?? user.email ?? "My" });
          token.sv = (await currentSessionVersion({ userId: user.id })) ?? 0;
          return token;
        }
        // Every later read (pages, server actions): a session ended by sign-out, reset or removal is
        // no session, and Auth.js clears its cookie where it can.
        if (!token.sub) return null;
        // In an outage the version cannot be read: the token stands, and the page's own reads fail
        // the same way (the "can't reach the database" page), so nothing is served on it.
        const current = await sessionIsCurrent({ userId: token.sub, version: claimedVersion(token.sv) }).catch((error: unknown) => {
          if (databaseUnavailable(error)) return true;
          throw error;
        });
        if (!current) return null;
        return token;
      },
      session({ session, token }) {
        if (token.sub) session.user.id = token.sub;
        return session;
      },
    },
  };
});
