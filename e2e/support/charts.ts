import { expect, type Locator, type Page } from "@playwright/test";

// Usage draws static charts first and Ops a placeholder; both load recharts on the reader's first
// move on the page (app/_components/charts/load-on-first-move.ts). These move the mouse until it is there.

/** Moves the mouse until `loaded` is visible (the page may still be hydrating at the first move). */
export async function moveUntilVisible(page: Page, loaded: Locator) {
  await expect(async () => {
    await page.mouse.move(5 + Math.random() * 40, 5 + Math.random() * 40);
    await expect(loaded).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
}

/** The Usage page's interactive (recharts) charts. */
export async function interactiveCharts(page: Page) {
  await expect(page.getByTestId("usage-charts")).toBeVisible({ timeout: 15_000 });
  await moveUntilVisible(page, page.locator('[data-testid="usage-charts"][data-interactive="true"]'));
}

/** The interactive charts' legend (the static charts' until they load). */
export const interactiveLegend = (page: Page) =>
  page.locator('[data-testid="usage-charts"][data-interactive="true"]').getByTestId("usage-legend");

/** Bars in the interactive tokens chart: one subpath per (bucket, group) with usage, drawn one path per group. */
export async function tokenBars(page: Page) {
  const paths = await page
    .getByTestId("tokens-chart")
    .locator(".usage-stacked-bars path")
    .evaluateAll((ps) => ps.map((p) => p.getAttribute("d") ?? ""));
  return paths.reduce((n, d) => n + (d.match(/M/g)?.length ?? 0), 0);
}

/** Points at the tokens chart's last bucket and returns its tooltip. */
export async function tokensTooltipAtLastBucket(page: Page) {
  const plot = page.getByTestId("tokens-chart").locator(".recharts-cartesian-grid");
  const box = (await plot.boundingBox())!;
  await page.mouse.move(box.x + box.width - 2, box.y + box.height / 2);
  return page.getByTestId("tokens-chart").getByTestId("usage-tooltip");
}
