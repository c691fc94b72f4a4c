"use client";

import { useEffect } from "react";

export const RENDER_MEASURE = "usage:render";

/**
 * A `performance.measure` named usage:render from the arrival of the usage answer (`receivedAt`,
 * performance.now()) to the first moment after its render is painted and the page answers input
 * again: what `npm run bench` reads (bench/usage-render.mjs).
 */
export function useRenderMeasure(receivedAt: number | undefined) {
  useEffect(() => {
    if (receivedAt === undefined) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => performance.measure(RENDER_MEASURE, { start: receivedAt, end: performance.now() }));
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [receivedAt]);
}
