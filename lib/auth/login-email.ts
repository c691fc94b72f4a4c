/** Holds the email of a failed password sign-in for a few minutes (httpOnly, path /login) so the form keeps it. */
export const LOGIN_EMAIL_COOKIE = "opencto-login-email";
