"use client";
import { useEffect } from "react";

/**
 * Mirrors a list page's filters into its URL (shareable, survives reload) without a server
 * round trip. Writes only when the query string really changed, so mounting the page or
 * re-rendering with the same filters never touches history.
 */
export function useShareableUrl(pathname: string, query: string) {
  useEffect(() => {
    const target = query ? `${pathname}?${query}` : pathname;
    if (window.location.pathname !== pathname) return; // navigating away already
    if (`${window.location.pathname}${window.location.search}` === target) return;
    window.history.replaceState(window.history.state, "", target);
  }, [pathname, query]);
}
