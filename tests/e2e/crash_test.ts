/**
 * Crash safety of ingestion: the real service (`main.ts`, spawned) ingests a
 * few feeds from the recordings mirror over HTTP and is killed with SIGKILL
 * at ten moments spread over a run's phases (a listing, a download or a
 * dashboard held unanswered; 0 ms to 1.5 s after a payload was served, while
 * it is parsed, stored and committed; a run just logged), then started again
 * each time, and finally left to finish. The database it leaves must hold
 * exactly what a clean load of the same feeds holds (no `(series, ts)` lost
 * or doubled, same values, coverage, rollups and document ledger), no refresh
 * still owed, runs left open only by killed processes, and every start
 * clean: `/health` 200, nothing on stderr, every logged run a success.
 *
 * Runs on the suite's database: embedded (a temporary `DATA_DIR`) without
 * `DATABASE_URL`, a fresh database per lane on PostgreSQL with it.
 *
 * Each start catches up at once on the feeds behind (100 ms apart) and then
 * polls them every minute (`INGEST_SCHEDULE`); the kills are spread over
 * parallel lanes, each its own database and process.
 *
 * @module
 */
import assert from "node:assert/strict";
import postgres from "postgres";
import { loadConfig } from "../../config.ts";
import { openDatabase } from "../../db/client.ts";
import { prepareDatabase } from "../../db/setup.ts";
import { FEED_IDS, type FeedId, FEEDS as FEEDS_BY_ID } from "../../ingest/feeds/mod.ts";
import { createMirror } from "../../dev/mirror.ts";
import { createEmptyDatabase } from "../../dev/scratch.ts";
import { ensureWebBuild } from "../../web/build.ts";
import { copyTree, fixturesDir } from "../../dev/recordings.ts";
import { type Service, spawnService } from "../../dev/process.ts";
import {
  difference,
  duplicatedRows,
  type Ledgers,
  noRunLeftOpen,
  readLedgers,
  referenceLoad,
  type RunRow,
  seriesKeys,
} from "./_reference.ts";

const fixtures = fixturesDir();
if (fixtures === null) console.warn("SKIPPED: crash test: FIXTURES_DIR not found");
const baseUrl = loadConfig(Deno.env.toObject()).databaseUrl;

/** Feeds with recordings and no series in common, so the load does not depend on their order. */
const FEEDS: FeedId[] = ["np6_788", "np4_188", "np6_346", "np4_732", "fuel_mix", "storage"];
/** Their recordings, laid out for the mirror. */
const FOLDERS = [
  "mis-doclist",
  "mis-np6-788-cd",
  "mis-np4-188-cd",
  "mis-np6-346-cd",
  "mis-np4-732-cd",
  "dashboard-fuel-mix",
  "dashboard-energy-storage-resources",
];
/** Processes run side by side, each over its own database. */
const LANES = 5;
/** Longest wait for a start, a minute tick or a run: generous for a loaded machine. */
const WAIT_MS = 300_000;

/** What the service asks the mirror, and the service's own run log line. */
type Trigger = "listing" | "download" | "dashboard" | "payload" | "run logged";

/** A moment to kill at: the first `on` of a start, then `delayMs` later (or while it is held). */
interface Moment {
  name: string;
  on: Trigger;
  /** Kill while the request waits unanswered. */
  hold?: boolean;
  delayMs?: number;
}

/**
 * The first {@link LANES} moments are each lane's first kill, when everything
 * is still to be fetched; the rest are second kills, on whatever was left.
 */
const MOMENTS: Moment[] = [
  { name: "while the first MIS download waits", on: "download", hold: true },
  { name: "as the first payload is served", on: "payload", delayMs: 0 },
  { name: "40 ms after the first payload", on: "payload", delayMs: 40 },
  { name: "120 ms after the first payload", on: "payload", delayMs: 120 },
  { name: "300 ms after the first payload", on: "payload", delayMs: 300 },
  { name: "while the first listing waits", on: "listing", hold: true },
  { name: "while the first dashboard waits", on: "dashboard", hold: true },
  { name: "700 ms after the first payload", on: "payload", delayMs: 700 },
  { name: "when the first run is logged", on: "run logged", delayMs: 0 },
  { name: "1500 ms after the first payload", on: "payload", delayMs: 1500 },
];

/** One start of the service. */
interface Generation {
  service: Service;
  /** What it was killed at, for killed starts. */
  moment?: Moment;
  /** Set when it was killed (epoch ms, taken before the signal). */
  killedAt?: number;
}

/** Where a lane's service keeps its data. */
interface Store {
  env: Record<string, string>;
  read(): Promise<Ledgers>;
  drop(): Promise<void>;
}

/** The test feeds' MIS listings: other feeds' listings (caught up at start too) never trigger. */
const LISTED = new Set(FEEDS.map((f) => String(FEEDS_BY_ID[f].reportTypeId)));

function classify(req: Request): Trigger | undefined {
  const url = new URL(req.url);
  const path = url.pathname;
  if (path.endsWith("/IceDocListJsonWS")) {
    return LISTED.has(url.searchParams.get("reportTypeId") ?? "") ? "listing" : undefined;
  }
  if (path.endsWith("/mirDownload")) return "download";
  if (path.includes("/dashboards/")) return "dashboard";
  return undefined;
}

function schedule(): string {
  // Feeds outside the test never come due (1 January, 00:00).
  return FEED_IDS.map((f) => `${f}=${FEEDS.includes(f) ? "* * * * *" : "0 0 1 1 *"}`).join(";");
}

/**
 * A lane's database: on PostgreSQL a new, empty one; embedded, a copy of
 * `seed`, a data folder migrated once (creating one costs a loaded machine
 * most of a minute per lane).
 */
async function openStore(tmp: string, seed: string | undefined, lane: number): Promise<Store> {
  const keysOf = async () => seriesKeys(await referenceLoad(`${tmp}/recordings`, FEEDS));
  if (!baseUrl) {
    const dataDir = `${tmp}/data-${lane}`;
    // Only the database itself: whatever else the seeding process left in its folder is not the lane's.
    await copyTree(`${seed}/pglite`, `${dataDir}/pglite`);
    return {
      env: { DATA_DIR: dataDir },
      async read() {
        const db = await openDatabase({ dataDir });
        try {
          return await readLedgers(db.sql, { feeds: FEEDS, keys: await keysOf() });
        } finally {
          await db.close();
        }
      },
      drop: () => Promise.resolve(),
    };
  }
  const empty = await createEmptyDatabase(baseUrl, `crash_${lane}`);
  return {
    env: { DATABASE_URL: empty.url },
    async read() {
      const sql = postgres(empty.url, { max: 1, onnotice: () => {} });
      try {
        return await readLedgers(sql, { feeds: FEEDS, keys: await keysOf() });
      } finally {
        await sql.end({ timeout: 5 });
      }
    },
    drop: empty.drop,
  };
}

/** Checks a start: `/health` answers 200. */
async function healthy(origin: string): Promise<void> {
  const res = await fetch(`${origin}/health`);
  await res.body?.cancel();
  assert.equal(res.status, 200, `/health of ${origin}`);
}

/**
 * Checks what a start printed: no error on stderr (a notice, such as taking
 * over a dead process's lock, may be there), and every run of {@link FEEDS}
 * it logged succeeded.
 */
function clean(g: Generation, what: string): void {
  const errors = g.service.stderr().split("\n")
    .filter((l) => /error|fail|panic|uncaught|exception|cannot/i.test(l));
  assert.deepEqual(errors, [], `${what} printed errors:\n${g.service.output()}`);
  const runs = new RegExp(`(?:^| )ingest (${FEEDS.join("|")}): (\\w+).*$`, "gm");
  for (const m of g.service.output().matchAll(runs)) {
    assert.ok(["success", "empty"].includes(m[2]), `${what}: ${m[0]}`);
  }
}

/**
 * One lane: a fresh database, the service started and killed at each of
 * `moments`, then started once more and left to ingest every feed.
 */
async function runLane(
  recordings: string,
  store: Store,
  lane: number,
  moments: Moment[],
): Promise<Generation[]> {
  const mirror = createMirror({ dir: recordings });
  // Each start gets its own mirror address, so a request a killed start sent just before it died
  // (the test may see it only after the next start was spawned) is never taken for the next one's.
  const servers: Deno.HttpServer[] = [];
  const serve = (hook?: (t: Trigger) => Promise<void>) => {
    const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen() {} }, async (req) => {
      // Feeds outside the test (caught up at start too) get 404 and never trigger a kill.
      const res = await mirror(req);
      const t = res.status === 404 ? undefined : classify(req);
      if (t) await hook?.(t);
      if ((t === "download" || t === "dashboard") && res.status === 200) await hook?.("payload");
      return res;
    });
    servers.push(server);
    const ercot = `http://127.0.0.1:${server.addr.port}`;
    return {
      ...store.env,
      ERCOT_BASE_URL: ercot,
      ERCOT_API_BASE_URL: `${ercot}/api/public-reports`,
      INGEST_SCHEDULE: schedule(),
      INGEST_CATCHUP_STAGGER_MS: "100",
      JWT_SECRET: "crash-test-secret-0123456789-abcdefghijkl",
      RATE_LIMIT_ENABLED: "false",
    };
  };
  const gens: Generation[] = [];
  try {
    for (const [i, moment] of moments.entries()) {
      const what = `lane ${lane + 1}, start ${i + 1} (to kill ${moment.name})`;
      let fired = false;
      let fire = (_hold: boolean) => Promise.resolve();
      // Armed from the first request on: this start's own mirror hears no other process.
      const env = serve(async (t) => {
        if (t === moment.on) await fire(moment.hold ?? false);
      });
      const g: Generation = { service: spawnService(env, what), moment };
      gens.push(g);
      const kill = async () => {
        g.killedAt ??= Date.now();
        await g.service.kill();
      };
      const killed = new Promise<void>((resolve, reject) => {
        fire = async (hold: boolean) => {
          if (fired) return;
          fired = true;
          const at = new Promise<void>((r) => setTimeout(r, moment.delayMs ?? 0));
          const done = at.then(kill).then(resolve, reject);
          if (hold) await done;
        };
        if (moment.on === "run logged") {
          g.service.waitFor(/(?:^| )ingest \w+: \w+/m, "a logged run", WAIT_MS)
            .then(() => fire(false), reject);
        }
      });
      // Under load the kill may come first: ingestion starts before the UI check and listen.
      const url = await g.service.listening(WAIT_MS).catch((err) => {
        if (g.killedAt === undefined) throw err;
      });
      if (url) await healthy(url);
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what}: never reached`)), WAIT_MS);
      });
      try {
        await Promise.race([killed, late]);
      } finally {
        clearTimeout(timer);
        fired = true;
      }
      clean(g, what);
    }
    const last: Generation = {
      service: spawnService(serve(), `lane ${lane + 1}, the last start`),
    };
    gens.push(last);
    await healthy(await last.service.listening(WAIT_MS));
    for (const feed of FEEDS) {
      await last.service.waitFor(
        new RegExp(`(?:^| )ingest ${feed}: `, "m"),
        `a ${feed} run`,
        WAIT_MS,
      );
    }
    if (store.env.DATABASE_URL) await noRunLeftOpen(store.env.DATABASE_URL, WAIT_MS);
    const exit = await last.service.stop();
    assert.equal(exit.code, 0, `the last start exits 0 when stopped:\n${last.service.output()}`);
    clean(last, `lane ${lane + 1}, the last start`);
  } catch (err) {
    for (const g of gens) await g.service.kill();
    throw err;
  } finally {
    for (const server of servers) await server.shutdown();
  }
  return gens;
}

/** Checks the run ledger: open runs only from killed starts, the last start's runs all succeeded. */
function checkRuns(runs: RunRow[], gens: Generation[], interrupted: boolean): void {
  const killed = gens.filter((g) => g.killedAt !== undefined);
  const last = gens[gens.length - 1];
  // Until runs left by a dead process are closed at start, they stay 'running'.
  const open = interrupted ? ["interrupted"] : ["running"];
  for (const r of runs) {
    const at = r.started_at.getTime();
    const run = `${r.feed} run started ${r.started_at.toISOString()} (${r.status})`;
    if (["running", "interrupted"].includes(r.status)) {
      assert.ok(open.includes(r.status), `${run}: left open, not closed as interrupted`);
      assert.ok(
        killed.some((g) => at >= g.service.spawnedAt && at <= g.killedAt!),
        `${run} is open but no killed start was running then`,
      );
    } else {
      assert.ok(["success", "empty", "skipped"].includes(r.status), `${run}`);
      assert.ok(r.finished_at, `${run} has no finish time`);
    }
  }
  // A start killed while its request waited was surely inside a run: the kill must show.
  for (const g of killed.filter((g) => g.moment?.hold)) {
    assert.ok(
      runs.some((r) =>
        open.includes(r.status) && r.started_at.getTime() >= g.service.spawnedAt &&
        r.started_at.getTime() <= g.killedAt!
      ),
      `the start killed ${g.moment!.name} left no run open`,
    );
  }
  for (const feed of FEEDS) {
    assert.ok(
      runs.some((r) =>
        r.feed === feed && r.status === "success" &&
        r.started_at.getTime() >= last.service.spawnedAt
      ),
      `the last start ran ${feed} successfully`,
    );
  }
}

Deno.test({
  name: "ingestion killed with SIGKILL at ten moments and restarted loses and doubles no row",
  ignore: fixtures === null,
  sanitizeOps: false,
  sanitizeResources: false,
  fn: async () => {
    const began = Date.now();
    const tmp = await Deno.makeTempDir({ prefix: "ercot-crash-" });
    const stores: Store[] = [];
    try {
      for (const f of FOLDERS) await copyTree(`${fixtures}/${f}`, `${tmp}/recordings/${f}`);
      // The server builds the UI once if it is missing; do it before processes race for it.
      await ensureWebBuild();
      let seed: string | undefined;
      if (!baseUrl) {
        seed = `${tmp}/seed`;
        await (await prepareDatabase({ dataDir: seed })).db.close();
      }
      for (let lane = 0; lane < LANES; lane++) stores.push(await openStore(tmp, seed, lane));
      const lanes = stores.map((store, lane) =>
        runLane(`${tmp}/recordings`, store, lane, MOMENTS.filter((_, i) => i % LANES === lane))
      );
      const settled = await Promise.allSettled(lanes);
      const failed = settled.find((s) => s.status === "rejected");
      if (failed) throw (failed as PromiseRejectedResult).reason;
      const reference = await referenceLoad(`${tmp}/recordings`, FEEDS);
      assert.ok(reference.observations.length > 0, "the reference load stored observations");
      let compared = 0, leftOpen = 0;
      for (const [lane, s] of settled.entries()) {
        const gens = (s as PromiseFulfilledResult<Generation[]>).value;
        const got = await stores[lane].read();
        const where = `lane ${lane + 1} (${
          MOMENTS.filter((_, i) => i % LANES === lane).map((m) => m.name).join("; ")
        })`;
        assert.deepEqual(duplicatedRows(got), [], `${where}: doubled (series, ts)`);
        const rows = difference(reference.observations, got.observations);
        assert.deepEqual(rows.missing.slice(0, 10), [], `${where}: rows lost`);
        assert.deepEqual(rows.extra.slice(0, 10), [], `${where}: rows not in the clean load`);
        assert.equal(got.observations.length, reference.observations.length, where);
        assert.deepEqual(got.documents, reference.documents, `${where}: document ledger`);
        assert.deepEqual(got.coverage, reference.coverage, `${where}: coverage`);
        assert.deepEqual(got.revisions, reference.revisions, `${where}: revisions`);
        // Continuous aggregates (TimescaleDB) sum in another order than the reference's tables.
        if (!got.timescale) assert.deepEqual(got.rollups, reference.rollups, `${where}: rollups`);
        assert.equal(got.owed, 0, `${where}: rollup refreshes still owed`);
        checkRuns(got.runs, gens, got.interrupted);
        compared += got.observations.length;
        leftOpen += got.runs.filter((r) => r.finished_at === null || r.status === "interrupted")
          .length;
      }
      console.log(
        `crash test (${
          baseUrl ? "postgres" : "embedded"
        }): ${MOMENTS.length} kills over ${LANES} ` +
          `lanes, ${leftOpen} runs cut short, ${compared} rows compared, ${
            Math.round((Date.now() - began) / 1000)
          } s`,
      );
    } finally {
      for (const s of stores) await s.drop().catch((e) => console.warn(`drop: ${e}`));
      await Deno.remove(tmp, { recursive: true });
    }
  },
});
