/**
 * A recordings folder for backfill tests, built at test time: a
 * `public-api-archive-np4-188-cd/` listing and one ZIP per posting day (odd
 * days a ZIP holding the ZIP), named like the real
 * `public-api-archive-np3-911-er/` recordings, with hand-written NP4-188 CSVs;
 * and the mirror serving it to a Public API client on an injected clock.
 *
 * @module
 */
import { zipSync } from "fflate";
import { fakeTime as clockFrom } from "./_time.ts";
import { createMirror } from "../dev/mirror.ts";
import { createHttpClient } from "../ingest/http.ts";
import { createPublicApiClient } from "../ingest/public_api.ts";
import type { BackfillDeps } from "../ingest/backfill.ts";
import type { TestDatabase } from "./_db.ts";

const FOLDER = "public-api-archive-np4-188-cd";
/** The injected clock's start. */
export const START = Date.parse("2025-03-20T00:00:00Z");
const PRODUCTS = ["REGUP", "REGDN", "RRS", "ECRS", "NSPIN"];

/** Posting day `i` of the recordings: 2025-01-05 + i, posted 10:30 Central (CST). */
function postingDay(i: number): Date {
  return new Date(Date.UTC(2025, 0, 5 + i));
}

function mcpcCsv(i: number, broken: boolean): string {
  const d = new Date(postingDay(i).getTime() + 86_400_000);
  const date = `${String(d.getUTCMonth() + 1).padStart(2, "0")}/${
    String(d.getUTCDate()).padStart(2, "0")
  }/${d.getUTCFullYear()}`;
  const lines = ["DeliveryDate,HourEnding,AncillaryType,MCPC,DSTFlag"];
  for (let he = 1; he <= 24; he++) {
    PRODUCTS.forEach((p, k) => {
      const price = broken && he === 7 ? "n/a" : (i * 1.5 + he * 0.25 + k).toFixed(2);
      lines.push(`${date},${String(he).padStart(2, "0")}:00,${p},${price},N`);
    });
  }
  return lines.join("\r\n") + "\r\n";
}

/**
 * Writes `days` archived documents to a new recordings folder: odd days
 * nested (a ZIP holding the ZIP), the day in `broken` with an unparseable price.
 */
export async function buildRecordings(days: number, broken = -1): Promise<string> {
  const root = await Deno.makeTempDir({ prefix: "backfill_test_" });
  await Deno.mkdir(`${root}/${FOLDER}`);
  const archives = [];
  for (let i = 0; i < days; i++) {
    const ymd = postingDay(i).toISOString().slice(0, 10);
    const stamp = `${ymd.replaceAll("-", "")}.103000`;
    const docId = 1100000000 + i;
    const csvName = `cdr.00012329.0000000000000000.${stamp}.DAMCPCNP4188.csv`;
    const csv = new TextEncoder().encode(mcpcCsv(i, i === broken));
    const inner = zipSync({ [csvName]: csv });
    const zip = i % 2 === 1 ? zipSync({ [`${csvName}.zip`]: inner }) : inner;
    const file = `${docId}.ext.00012329.0000000000000000.${stamp}.DAMCPCNP4188_csv.zip`;
    await Deno.writeFile(`${root}/${FOLDER}/${file}`, zip);
    archives.push({ docId, friendlyName: "DAMCPCNP4188_csv", postDatetime: `${ymd}T10:30:00.000` });
  }
  const product = { emilId: "NP4-188-CD", name: "DAM Clearing Prices for Capacity" };
  await Deno.writeTextFile(
    `${root}/${FOLDER}/archive-np4-188-cd_postDatetime-2025-01-05.listing.json`,
    JSON.stringify({ product: { ...product, reportTypeId: 12329 }, archives }),
  );
  return root;
}

/** A clock that only moves when slept on, starting at {@link START}. */
export const fakeTime = () => clockFrom(START);

/** A request the mirror saw, stamped with the injected clock. */
export interface Seen {
  at: number;
  path: string;
  download: boolean;
}

/** What {@linkcode withMirror} hands a test. */
export interface Harness {
  deps: (db: TestDatabase, extra?: Partial<BackfillDeps>) => BackfillDeps;
  seen: Seen[];
  base: string;
  time: ReturnType<typeof fakeTime>;
}

/**
 * Serves `root` and hands `fn` backfill deps on the mirror with an injected
 * clock; removes `root` afterwards.
 */
export async function withMirror(root: string, fn: (h: Harness) => Promise<void>): Promise<void> {
  const time = fakeTime();
  const seen: Seen[] = [];
  const faults = (req: Request) => {
    const url = new URL(req.url);
    seen.push({ at: time.now(), path: url.pathname, download: url.searchParams.has("download") });
    return undefined;
  };
  const server = Deno.serve(
    { port: 0, hostname: "127.0.0.1", onListen() {} },
    createMirror({ dir: root, faults }),
  );
  const base = `http://127.0.0.1:${server.addr.port}`;
  const api = createPublicApiClient({
    http: createHttpClient({ now: time.now, sleep: time.sleep, retries: 1, baseDelayMs: 1 }),
    apiBase: `${base}/api/public-reports`,
    username: "analyst@example.com",
    password: "secret",
    subscriptionKey: "key",
    now: time.now,
    sleep: time.sleep,
  });
  const deps = (db: TestDatabase, extra: Partial<BackfillDeps> = {}): BackfillDeps => ({
    sql: db.db.sql,
    variant: db.migration.variant,
    api,
    clock: () => new Date(time.now()),
    ...extra,
  });
  try {
    await fn({ deps, seen, base, time });
  } finally {
    await server.shutdown();
    await Deno.remove(root, { recursive: true });
  }
}
