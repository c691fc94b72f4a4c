import type { RouteStats } from "./aggregate";

interface OpsReport {
  window: string;
  generatedAt: string;
  alerts: unknown[];
  routes: (RouteStats & { route: string; label: string; series?: unknown })[];
}

/**
 * What the assistant's proxy-health tool answers: each route's figures over the window, without
 * the per-bucket series the Ops page charts (which would outgrow what a model should be handed).
 */
export function healthToolView(report: OpsReport) {
  return {
    window: report.window,
    generatedAt: report.generatedAt,
    alerts: report.alerts,
    routes: report.routes.map(({ series: _series, ...route }) => route),
  };
}
