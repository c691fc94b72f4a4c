"use client";

import { type ComponentType, useCallback, useEffect, useRef, useState } from "react";
import type { ChartProps } from "./chart-data";
import { StaticUsageCharts } from "./static-charts";

type Loaded = ComponentType<ChartProps>;
/** Once loaded, for the rest of the visit: a new range or grouping redraws interactive charts at once. */
let loaded: Loaded | null = null;

// The reader's first move anywhere on the page (pointer, key, touch, scroll or wheel) fetches the interactive charts.
const FIRST_MOVES = ["pointermove", "pointerdown", "keydown", "touchstart", "scroll", "wheel"] as const;

/**
 * The Usage charts: static SVG first (server-rendered, no chart library), then recharts' interactive
 * charts (tooltips, keyboard focus) from the reader's first interaction with the page. recharts is
 * most of the page's script, so showing the figures neither downloads nor runs it.
 */
export function Charts(props: ChartProps) {
  const [Interactive, setInteractive] = useState<Loaded | null>(() => loaded);
  const requested = useRef(loaded !== null);
  const load = useCallback(() => {
    if (requested.current) return;
    requested.current = true;
    import("./usage-charts")
      .then((m) => {
        loaded = m.UsageCharts;
        setInteractive(() => m.UsageCharts);
      })
      .catch(() => {
        // Offline or a new deploy: the static charts stay, and the next interaction tries again.
        requested.current = false;
      });
  }, []);
  useEffect(() => {
    const options = { passive: true, capture: true } as const;
    for (const type of FIRST_MOVES) window.addEventListener(type, load, options);
    return () => {
      for (const type of FIRST_MOVES) window.removeEventListener(type, load, options);
    };
  }, [load]);
  return (
    <div data-testid="usage-charts" data-interactive={Interactive !== null}>
      {Interactive ? <Interactive {...props} /> : <StaticUsageCharts {...props} />}
    </div>
  );
}
