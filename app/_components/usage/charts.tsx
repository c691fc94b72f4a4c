"use client";

import { type ComponentType, memo } from "react";
import { type Slot, useLoadOnFirstMove } from "../charts/load-on-first-move";
import type { ChartProps } from "./chart-data";
import { StaticUsageCharts } from "./static-charts";

const interactive: Slot<ComponentType<ChartProps>> = { current: null };
const loadInteractive = () => import("./usage-charts").then((m) => m.UsageCharts);

/**
 * The Usage charts: static SVG first (server-rendered, no chart library), then recharts' interactive
 * charts (tooltips, keyboard focus) from the reader's first move on the page. recharts is most of
 * the page's script, so showing the figures neither downloads nor runs it.
 */
export const Charts = memo(function Charts(props: ChartProps) {
  const Interactive = useLoadOnFirstMove(interactive, loadInteractive);
  return (
    <div data-testid="usage-charts" data-interactive={Interactive !== null}>
      {Interactive ? <Interactive {...props} /> : <StaticUsageCharts {...props} />}
    </div>
  );
});
