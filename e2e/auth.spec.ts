import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { APP_URL, E2E_DATA_DIR } from "./support/env";
import { newUser, signIn, signUp } from "./support/users";

test("sign up lands on the dashboard of a new personal workspace", async ({ page }) => {
  const user = newUser("Ada");
  await signUp(page, user);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${user.name.split(" ")[0]}'s workspace`);
  await expect(page.getByTestId("user-name")).toHaveText(user.name);
  const res = await page.request.get("/api/v1/workspaces");
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body.workspaces).toEqual([expect.objectContaining({ role: "owner", name: `${user.name.split(" ")[0]}'s workspace` })]);
});

test("sign-up refuses a taken email and a short password with clear messages", async ({ page }) => {
  const user = newUser("Taken");
  await signUp(page, user);
  await page.context().clearCookies();
  await page.goto("/signup");
  await page.getByLabel("Name").fill("Someone");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Use at least 10 characters for the password.")).toBeVisible();
  await page.getByLabel("Password").fill("long enough password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.locator(".alert-error")).toHaveText(/already exists/);
});

test("sign in, wrong password, sign out", async ({ page }) => {
  const user = newUser("Grace");
  await signUp(page, user);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  expect((await page.request.get("/api/v1/workspaces")).status()).toBe(401);

  await signIn(page, { email: user.email, password: "not the password" });
  await expect(page.locator(".alert-error")).toHaveText("Email or password is incorrect.");
  // The form keeps the email typed, but neither it nor the password goes into the URL.
  await expect(page.getByLabel("Email")).toHaveValue(user.email);
  await expect(page.getByLabel("Password")).toHaveValue("");
  expect(page.url()).not.toContain("email");
  expect(page.url()).not.toContain(user.email.split("@")[0] as string);
  await signIn(page, { email: "nobody-here@example.com", password: "not the password" });
  await expect(page.locator(".alert-error")).toHaveText("Email or password is incorrect.");

  await signIn(page, user);
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId("user-name")).toHaveText(user.name);
});

test("a wrong password leaves no error-level line in the production server's log", async ({ page }) => {
  const serverLog = path.join(E2E_DATA_DIR, "server.log");
  const user = newUser("Typo");
  await signUp(page, user);
  await page.context().clearCookies();
  const before = fs.statSync(serverLog).size;

  await signIn(page, { email: user.email, password: "not the password" });
  await expect(page.locator(".alert-error")).toHaveText("Email or password is incorrect.");
  // A correct sign-in after it: its log lines (if any) are written after the wrong one's.
  await signIn(page, user);
  await expect(page).toHaveURL(/\/$/);

  const written = fs.readFileSync(serverLog, "utf8").slice(before);
  const errors = written.split("\n").filter((line) => /"level":"error"|\[auth\]\[error\]|CredentialsSignin/i.test(line));
  expect(errors).toEqual([]);
});

test("signed-out visitors are sent to login and come back after signing in", async ({ page }) => {
  const user = newUser("Return");
  await signUp(page, user);
  await page.context().clearCookies();
  await page.goto("/settings");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fsettings/);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/settings$/);
});

test("a callbackUrl with a newline or a character above U+00FF leads home after a correct sign-in", async ({ page }) => {
  const user = newUser("Callback");
  await signUp(page, user);
  for (const callbackUrl of ["/settings\n/x", "/caf\u0100", "/\u{1F600}", "//evil.example"]) {
    await page.context().clearCookies();
    await page.goto("/login");
    // Posted as-is, as a crafted form would: the server, not the page, must make it safe.
    await page
      .locator('input[name="callbackUrl"]')
      .first()
      .evaluate((el, value) => {
        (el as HTMLInputElement).value = value;
      }, callbackUrl);
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page, JSON.stringify(callbackUrl)).toHaveURL(`${APP_URL}/`);
    await expect(page.getByTestId("user-name")).toHaveText(user.name);
  }
});

test("a cross-origin post to the login action is refused with 403 JSON, not 500", async ({ page, playwright }) => {
  await page.goto("/login");
  const actionField = await page.locator('form input[name^="$ACTION_ID_"]').first().getAttribute("name");
  expect(actionField).toBeTruthy();
  const outsider = await playwright.request.newContext();
  const form = { [actionField as string]: "", email: "someone@example.com", password: "whatever", callbackUrl: "/" };
  for (const origin of ["https://evil.example", "null", "not a url"]) {
    const res = await outsider.post(`${APP_URL}/login`, { headers: { Origin: origin }, multipart: form });
    expect(res.status(), origin).toBe(403);
    expect(await res.json()).toMatchObject({ code: "cross_origin", status: 403 });
  }
  // The same post from the dashboard's own origin reaches the action (a refused sign-in redirects).
  const own = await outsider.post(`${APP_URL}/login`, { headers: { Origin: APP_URL }, multipart: form, maxRedirects: 0 });
  expect(own.status()).toBe(303);
  expect(own.headers().location).toContain("error=CredentialsSignin");
});

test("OIDC sign-in through a real local OpenID provider", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("button", { name: "Continue with Company SSO" }).click();
  const login = `oidc${Date.now().toString(36)}`;
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("anything");
  await page.getByRole("button", { name: /sign-in/i }).click();
  await page.getByRole("button", { name: /continue/i }).click();
  await expect(page).toHaveURL(`${APP_URL}/`);
  await expect(page.getByText(`Signed in as ${login}@sso.example.com`)).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("SSO's workspace");
});
