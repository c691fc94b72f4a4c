import "server-only";
import { signUpClosedMessage } from "./signup-policy";
import { throttleMessage } from "@/lib/limits/throttle";

const MESSAGES: Record<string, string> = {
  OAuthAccountNotLinked: "This email already has an account. Sign in with the method you used first.",
  AccessDenied: "Access was denied by the sign-in provider.",
  Configuration: "Sign-in is misconfigured on this server. Ask your administrator to check the auth settings.",
  EmailRequired: "Your sign-in provider did not share an email address, which OpenCTO needs. Ask your administrator.",
  CredentialsSignin: "Email or password is incorrect.",
  DatabaseUnavailable: "Can't reach the database right now. Try again in a few seconds.",
};

export function authErrorMessage(code: string | undefined, retryAfter?: string): string | undefined {
  if (!code) return undefined;
  if (code === "SignUpClosed") return `There is no account for that sign-in yet. ${signUpClosedMessage()}`;
  if (code === "RateLimited") {
    const seconds = Number(retryAfter);
    return Number.isInteger(seconds) && seconds > 0 && seconds <= 3600
      ? throttleMessage("sign_in", seconds)
      : "Too many sign-in attempts. Wait a minute, then try again.";
  }
  return MESSAGES[code] ?? "Sign-in failed. Try again.";
}
