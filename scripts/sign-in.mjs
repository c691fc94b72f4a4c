/** Signs in with email and password through Auth.js's credentials endpoint; returns the session cookie. */
export async function signIn(appUrl, { email, password }) {
  const csrfRes = await fetch(`${appUrl}/api/auth/csrf`);
  const csrfCookie = csrfRes.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const { csrfToken } = await csrfRes.json();
  const res = await fetch(`${appUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, email, password }),
  });
  const session = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .find((c) => c.startsWith("authjs.session-token"));
  if (!session) throw new Error(`sign-in failed (${res.status})`);
  return session;
}
