/**
 * Recordings for the mirror: where the real ERCOT recordings are
 * (`FIXTURES_DIR`, default `../shared/fixtures/ercot` beside the repo) and a
 * folder laid out from them, with the hand-written files of `tests/fixtures/`
 * placed where the mirror serves their feed.
 *
 * @module
 */

const HAND_WRITTEN = new URL("../tests/fixtures/", import.meta.url).pathname;

/** Hand-written recordings, placed where the mirror serves their feed. */
const PLACED: [string, string][] = [
  ["np6_905_fallback_2025-11-02.csv", "mis-np6-905-cd/np6_905_fallback_2025-11-02.csv"],
  ["np4_190_fallback_2025-11-02.csv", "mis-np4-190-cd/np4_190_fallback_2025-11-02.csv"],
  ["supply_demand_2025-11-02.json", "dashboard-supply-demand/supply-demand_2025-11-02T2359.json"],
  ["daily_prc_2025-11-02.json", "dashboard-daily-prc/daily-prc_2025-11-02T2359.json"],
];

/** The recordings folder, or null when it is not there. */
export function fixturesDir(): string | null {
  const dir = Deno.env.get("FIXTURES_DIR") ??
    new URL("../../shared/fixtures/ercot", import.meta.url).pathname;
  try {
    return Deno.statSync(dir).isDirectory ? dir : null;
  } catch {
    return null;
  }
}

/** Copies the folder `from`, files and sub-folders, to `to`. */
export async function copyTree(from: string, to: string): Promise<void> {
  await Deno.mkdir(to, { recursive: true });
  for await (const e of Deno.readDir(from)) {
    if (e.isDirectory) await copyTree(`${from}/${e.name}`, `${to}/${e.name}`);
    else if (e.isFile) await Deno.copyFile(`${from}/${e.name}`, `${to}/${e.name}`);
  }
}

/**
 * Lays out in `dir` the real recordings (when present) and the hand-written
 * files, so a mirror of `dir` serves a payload to every feed.
 */
export async function layOutRecordings(dir: string): Promise<void> {
  const shared = fixturesDir();
  if (shared) await copyTree(shared, dir);
  for (const [file, place] of PLACED) {
    await Deno.mkdir(`${dir}/${place.slice(0, place.lastIndexOf("/"))}`, { recursive: true });
    await Deno.copyFile(`${HAND_WRITTEN}${file}`, `${dir}/${place}`);
  }
}
