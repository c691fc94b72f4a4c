import { type APIRequestContext, type Browser, expect, type Page } from "@playwright/test";

export interface TestUser {
  name: string;
  email: string;
  password: string;
}

export function newUser(label: string): TestUser {
  const id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;
  return { name: `${label} ${id}`, email: `${label.toLowerCase()}-${id}@example.com`, password: "correct horse battery" };
}

export async function signUp(page: Page, user: TestUser) {
  await page.goto("/signup");
  await page.getByLabel("Name").fill(user.name);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/$/);
}

export async function signIn(page: Page, user: Pick<TestUser, "email" | "password">) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** A fresh browser context with a new signed-up user; its `request` carries the session cookie. */
export async function signedUpContext(browser: Browser, label: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const user = newUser(label);
  await signUp(page, user);
  return { context, page, user, api: context.request as APIRequestContext };
}
