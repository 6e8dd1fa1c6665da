/**
 * Light and dark themes. The stylesheet follows `prefers-color-scheme`
 * through `light-dark()`; choosing a theme pins `color-scheme` with
 * `data-theme` on the root element and is remembered in `localStorage`.
 * Charts draw on canvas, so they read resolved colours through
 * {@link cssColor} and redraw when {@link themeVersion} changes.
 *
 * @module
 */
import { createStore } from "./store.ts";

/** A theme choice. */
export type ThemeChoice = "system" | "light" | "dark";

const KEY = "ercot.theme";
const dark = matchMedia("(prefers-color-scheme: dark)");

/** The user's choice. */
export const themeChoice = createStore<ThemeChoice>(
  (localStorage.getItem(KEY) as ThemeChoice | null) ?? "system",
);

/** Bumped whenever the effective theme may have changed. */
export const themeVersion = createStore(0);

/** Whether dark colours are in effect. */
export function isDark(): boolean {
  const choice = themeChoice.get();
  return choice === "dark" || (choice === "system" && dark.matches);
}

function apply(choice: ThemeChoice): void {
  if (choice === "system") delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = choice;
  themeVersion.set(themeVersion.get() + 1);
}

/** Stores and applies a theme choice. */
export function chooseTheme(choice: ThemeChoice): void {
  if (choice === "system") localStorage.removeItem(KEY);
  else localStorage.setItem(KEY, choice);
  themeChoice.set(choice);
  apply(choice);
}

/** Applies the stored choice and follows the system setting. */
export function startTheme(): void {
  apply(themeChoice.get());
  dark.addEventListener("change", () => themeVersion.set(themeVersion.get() + 1));
}

let probe: HTMLSpanElement | null = null;

/** The resolved colour of a CSS custom property, e.g. `cssColor("--fg")` → `rgb(17, 24, 39)`. */
export function cssColor(property: string): string {
  if (!probe) {
    probe = document.createElement("span");
    probe.hidden = true;
    document.body.append(probe);
  }
  probe.style.color = `var(${property})`;
  return getComputedStyle(probe).color;
}
