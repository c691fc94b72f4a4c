"use client";

import { type ReactNode, useEffect, useRef, useState } from "react";

/**
 * Mounts `children` once the placeholder comes within 200 px of the viewport. Charts below
 * the fold (most of them on a phone) then cost nothing — not even their code — until scrolled to.
 */
export function WhenVisible({ children, placeholder }: { children: ReactNode; placeholder: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!element || visible) return;
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setVisible(true), {
      rootMargin: "200px 0px",
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [visible]);
  return visible ? children : <div ref={ref} className="h-full">{placeholder}</div>;
}
