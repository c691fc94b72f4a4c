import { expect, type Page } from "@playwright/test";

/**
 * The Usage page draws static charts first and loads recharts' interactive ones on the reader's
 * first move (app/_components/usage/charts.tsx): move the mouse until they are there.
 */
export async function interactiveCharts(page: Page) {
  const charts = page.getByTestId("usage-charts");
  await expect(charts).toBeVisible({ timeout: 15_000 });
  await expect(async () => {
    await page.mouse.move(5 + Math.random() * 40, 5 + Math.random() * 40);
    await expect(charts).toHaveAttribute("data-interactive", "true", { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
}
