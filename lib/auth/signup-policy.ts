import { eq, sql } from "drizzle-orm";
import { users } from "@/db/schema";
import { env } from "@/lib/config/env";
import { type Database, getDb } from "@/lib/database";
import { AppError } from "@/lib/errors";
import { hasOpenInvite } from "@/lib/workspaces/invites";

export type SignUpMode = "invite" | "domain" | "open";

export interface SignUpPolicy {
  mode: SignUpMode;
  /** Lower-case email domains that may sign up in domain mode. */
  domains: string[];
}

export const signUpPolicy = (): SignUpPolicy => ({ mode: env().SIGNUP_MODE, domains: env().SIGNUP_DOMAINS ?? [] });

/** Exact domain match, case-insensitive: `a@Example.COM` is at example.com, `a@eu.example.com` is not. */
export function emailDomainAllowed(email: string, domains: readonly string[]): boolean {
  const domain = email.slice(email.lastIndexOf("@") + 1).toLowerCase();
  return email.includes("@") && domains.includes(domain);
}

/** What a stranger is told when sign-up is closed to them. */
export function signUpClosedMessage(policy: SignUpPolicy = signUpPolicy()): string {
  if (policy.mode === "domain")
    return `This dashboard accepts new accounts only for addresses at ${policy.domains.join(", ")}, or with an invite. Ask a workspace admin to invite you.`;
  return "This dashboard is invite-only. Ask a workspace admin to invite your email address, then open the invite link.";
}

const signUpClosed = () => new AppError("signup_not_allowed", signUpClosedMessage());

// Every account creation takes this transaction-scoped lock first, so two sign-ups on an empty
// instance cannot both see it empty: exactly one becomes the instance owner.
const SIGNUP_LOCK = 0x5349474e; // "SIGN"

async function instanceIsEmpty(db: Database) {
  const rows = await db.select({ id: users.id }).from(users).limit(1);
  return rows.length === 0;
}

async function mayJoin(db: Database, email: string, policy: SignUpPolicy) {
  if (policy.mode === "open") return true;
  if (policy.mode === "domain" && emailDomainAllowed(email, policy.domains)) return true;
  return hasOpenInvite(db, { email });
}

/**
 * Decides, inside the transaction that will create the account, whether this email may have one:
 * the first account of an empty instance always (and owns the instance); then open mode, an
 * allowed domain, or an open invite for the email. Throws `signup_not_allowed` otherwise.
 */
export async function admitNewAccount(tx: Database, { email }: { email: string }): Promise<{ instanceOwner: boolean }> {
  await tx.execute(sql`select pg_advisory_xact_lock(${SIGNUP_LOCK})`);
  if (await instanceIsEmpty(tx)) return { instanceOwner: true };
  if (await mayJoin(tx, email, signUpPolicy())) return { instanceOwner: false };
  throw signUpClosed();
}

/**
 * For the sign-in callback of OAuth/OIDC, which runs before Auth.js creates the user: whether a
 * sign-in by this email must be refused because it would create an account the policy forbids.
 * Existing accounts always pass. (The authoritative check is admitNewAccount, in the creating transaction.)
 */
export async function newIdentityRefused({ email }: { email: string }): Promise<boolean> {
  const db = await getDb();
  const existing = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.toLowerCase()))
    .limit(1);
  if (existing.length > 0 || (await instanceIsEmpty(db))) return false;
  return !(await mayJoin(db, email, signUpPolicy()));
}

/** What the login and sign-up pages offer a visitor without an invite link. */
export async function signUpOffer(): Promise<{ selfService: boolean; firstAccount: boolean; policy: SignUpPolicy }> {
  const policy = signUpPolicy();
  const firstAccount = await instanceIsEmpty(await getDb());
  return { selfService: firstAccount || policy.mode !== "invite", firstAccount, policy };
}
