import { useEffect, useRef } from "react";

/**
 * Returns a ref for a sentinel element; `onVisible` runs whenever the sentinel
 * comes within `rootMargin` of the viewport while `enabled` is true.
 */
export function useLoadMore<T extends Element>(onVisible: () => void, enabled: boolean, rootMargin = "1200px") {
  const ref = useRef<T>(null);
  const callback = useRef(onVisible);
  callback.current = onVisible;

  useEffect(() => {
    const element = ref.current;
    if (!element || !enabled) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) callback.current();
      },
      { rootMargin },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [enabled, rootMargin]);

  return ref;
}
