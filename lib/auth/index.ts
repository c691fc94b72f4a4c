import "server-only";
import { DrizzleAdapter } from "@auth/drizzle-adapter";
import NextAuth from "next-auth";
import { getDb } from "@/lib/database";
import { accounts, users } from "@/db/schema";
import { env } from "@/lib/config/env";
import { authSecret } from "@/lib/config/secrets";
import { log } from "@/lib/log";
import { ensurePersonalWorkspace } from "@/lib/workspaces/workspaces";
import { authProviders } from "./providers";

export const { handlers, auth, signIn, signOut } = NextAuth(async () => {
  const db = await getDb();
  return {
    secret: authSecret(),
    // Self-hosted behind any proxy by default; set AUTH_TRUST_HOST=false with AUTH_URL to pin the host.
    trustHost: env().AUTH_TRUST_HOST,
    // Preview URLs change per deploy: OAuth callbacks go through one stable deployment, which
    // recognises itself here and forwards each callback to the origin sealed in the state.
    redirectProxyUrl: env().AUTH_REDIRECT_PROXY_URL,
    adapter: DrizzleAdapter(db, { usersTable: users, accountsTable: accounts }),
    session: { strategy: "jwt" },
    pages: { signIn: "/login", error: "/login" },
    logger: {
      // A wrong password is an expected outcome, not an error worth a stack trace in the logs.
      error(error) {
        if (error.name === "CredentialsSignin") return;
        log("error", "auth_error", { name: error.name, message: error.message });
      },
      warn(code) {
        log("warn", "auth_warning", { code });
      },
    },
    providers: authProviders(),
    callbacks: {
      // Workspaces and invites are keyed by email: a provider that shares none cannot sign in.
      signIn: ({ user }) => Boolean(user.email) || "/login?error=EmailRequired",
      async jwt({ token, user }) {
        // `user` is present only at sign-in: OAuth users get their personal workspace here.
        if (user?.id) await ensurePersonalWorkspace({ userId: user.id, userName: user.name ?? user.email ?? "My" });
        return token;
      },
      session({ session, token }) {
        if (token.sub) session.user.id = token.sub;
        return session;
      },
    },
  };
});
