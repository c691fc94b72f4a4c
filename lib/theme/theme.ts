// The colour theme a user picked: kept in a cookie so that the server renders the page in it
// (`<html data-theme>`): no script has to run before the first paint, so there is no flash of
// the other theme and nothing inline for the Content-Security-Policy to allow.

export const THEMES = ["system", "light", "dark"] as const;
export type Theme = (typeof THEMES)[number];

export const THEME_COOKIE = "theme";
/** A year: the choice outlives the session. */
export const THEME_COOKIE_MAX_AGE = 365 * 86_400;

/** The theme a cookie value names; anything else (no cookie, a stray value) follows the system. */
export const parseTheme = (value: string | undefined | null): Theme =>
  (THEMES as readonly string[]).includes(value ?? "") ? (value as Theme) : "system";

/** The Set-Cookie value the browser stores for a choice (readable by the page: it is a preference, not a secret). */
export const themeCookie = (theme: Theme) => `${THEME_COOKIE}=${theme}; path=/; max-age=${THEME_COOKIE_MAX_AGE}; samesite=lax`;
