/**
 * ERCOT's website dashboard feeds (`fuel-mix.json`, `system-wide-demand.json`,
 * …): JSON documents ERCOT publishes, not the users' dashboards (`dashboards/`).
 *
 * @module
 */

/**
 * The URL of one ERCOT dashboard feed. `name` may be given with or without `.json`.
 *
 * @example
 * ```ts
 * ercotDashboardUrl("https://www.ercot.com", "fuel-mix");
 * // "https://www.ercot.com/api/1/services/read/dashboards/fuel-mix.json"
 * ```
 */
export function ercotDashboardUrl(base: string, name: string): string {
  const file = name.endsWith(".json") ? name : `${name}.json`;
  if (!/^[A-Za-z0-9_-]+\.json$/.test(file)) {
    throw new TypeError(`Invalid dashboard name: "${name}" is not a plain file name`);
  }
  return `${base.replace(/\/+$/, "")}/api/1/services/read/dashboards/${file}`;
}
