import { chromium, type FullConfig } from "@playwright/test";
import { newUser, signUp } from "./support/users";

// The suite's server starts empty, and its first account becomes the instance owner. Make that a
// known account of its own, so no spec's user owns the instance by the luck of running first.
export default async function globalSetup(config: FullConfig) {
  const { baseURL, launchOptions } = config.projects[0]?.use ?? {};
  const browser = await chromium.launch(launchOptions);
  try {
    const page = await browser.newPage({ baseURL });
    await signUp(page, newUser("InstanceOwner"));
  } finally {
    await browser.close();
  }
}
