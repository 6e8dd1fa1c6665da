/**
 * Client-side routing over the History API: the current location as a
 * store, `navigate()`, and same-origin link clicks handled without a reload.
 * The server answers every client route with the same page (SPA fallback).
 *
 * @module
 */
import { createStore } from "./store.ts";

/** The current path and query. */
export interface Location {
  path: string;
  query: URLSearchParams;
}

function read(): Location {
  return { path: location.pathname, query: new URLSearchParams(location.search) };
}

/** The current location; changes on navigation and on Back/Forward. */
export const currentLocation = createStore<Location>(read());

/** Goes to `href` on this origin; `replace` keeps the history entry. */
export function navigate(href: string, opts: { replace?: boolean } = {}): void {
  const target = new URL(href, location.href);
  if (target.href === location.href) return;
  if (opts.replace) history.replaceState(null, "", target);
  else history.pushState(null, "", target);
  currentLocation.set(read());
}

/**
 * Matches `path` against a pattern such as `/dashboards/:id`; returns the
 * parameters, or null.
 */
export function match(pattern: string, path: string): Record<string, string> | null {
  if (pattern === "/") return path === "/" ? {} : null;
  const want = pattern.split("/");
  const got = path.replace(/\/+$/, "").split("/");
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(":")) params[want[i].slice(1)] = decodeURIComponent(got[i]);
    else if (want[i] !== got[i]) return null;
  }
  return params;
}

function onClick(e: MouseEvent): void {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) {
    return;
  }
  const a = (e.target as Element).closest?.("a");
  if (!a || a.target || a.hasAttribute("download") || a.origin !== location.origin) return;
  if (a.pathname.startsWith("/api/") || a.pathname.startsWith("/health")) return;
  e.preventDefault();
  navigate(a.href);
}

/** Starts following Back/Forward and intercepting link clicks. */
export function startRouter(): void {
  addEventListener("popstate", () => currentLocation.set(read()));
  document.addEventListener("click", onClick);
}
