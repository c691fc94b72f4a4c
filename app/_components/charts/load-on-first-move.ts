"use client";

import { useEffect, useRef, useState } from "react";

// The reader's first move anywhere on the page: pointer, key, touch, scroll or wheel.
const FIRST_MOVES = ["pointermove", "pointerdown", "keydown", "touchstart", "scroll", "wheel"] as const;

/** Where a loaded module stays for the rest of the visit, so a remounted view has it at once. */
export interface Slot<T> {
  current: T | null;
}

/**
 * `load()` once the reader first moves on the page, for what only matters under their hand (the
 * charts' tooltips): the page's first view neither downloads nor runs it. Once loaded it stays in
 * `slot`; a failed load (offline, a new deploy) is tried again on the next move.
 */
export function useLoadOnFirstMove<T>(slot: Slot<T>, load: () => Promise<T>): T | null {
  const [value, setValue] = useState<T | null>(() => slot.current);
  const requested = useRef(slot.current !== null);
  useEffect(() => {
    const start = () => {
      if (requested.current) return;
      requested.current = true;
      load()
        .then((loaded) => {
          slot.current = loaded;
          setValue(() => loaded);
        })
        .catch(() => {
          requested.current = false;
        });
    };
    const options = { passive: true, capture: true } as const;
    for (const type of FIRST_MOVES) window.addEventListener(type, start, options);
    return () => {
      for (const type of FIRST_MOVES) window.removeEventListener(type, start, options);
    };
  }, [slot, load]);
  return value;
}
