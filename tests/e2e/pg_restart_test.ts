/**
 * PostgreSQL stopped and started again during ingestion, on a throw-away
 * PostgreSQL 15 server of the test's own (never the shared one): no row lost
 * or doubled against a clean reference load, reads answered again within
 * 30 s of the server's return, and no call left hanging past its deadline.
 * Runs in both suite modes; it does not use `DATABASE_URL`.
 *
 * @module
 */
import assert from "node:assert/strict";
import {
  ingestChecksum,
  ingestDeps,
  RECORDED,
  withMirror as withRecordingsMirror,
} from "../_ingest.ts";
import postgres from "postgres";
import { prepareDatabase, type ReadyDatabase } from "../../db/setup.ts";
import { runFeed, type RunSummary } from "../../ingest/job.ts";
import type { FeedId } from "../../ingest/feeds/mod.ts";
import { createApp } from "../_app.ts";
import { fixturesDir } from "../_fixtures.ts";
import { testDeps } from "../_db.ts";

const BIN = "/usr/lib/postgresql/15/bin";
const dir = fixturesDir();
const hasPg = (() => {
  try {
    return Deno.statSync(`${BIN}/initdb`).isFile;
  } catch {
    return false;
  }
})();
if (dir === null) console.warn("SKIPPED: PostgreSQL restart test: FIXTURES_DIR not found");
if (!hasPg) console.warn(`SKIPPED: PostgreSQL restart test: ${BIN}/initdb not found`);

/** Every feed with a recording. */
const FEEDS: FeedId[] = RECORDED.map(([feed]) => feed);

/** The longest any single call may take before it counts as hanging. */
const CALL_DEADLINE_MS = 15_000;
/** How long the server stays down. */
const DOWNTIME_MS = 1_500;

/** A private PostgreSQL 15 in a temp dir, run as the `postgres` OS user when we are root. */
class PgInstance {
  private constructor(readonly root: string, readonly port: number) {}

  get data() {
    return `${this.root}/data`;
  }

  url(db: string) {
    return `postgres://postgres@127.0.0.1:${this.port}/${db}`;
  }

  static async create(): Promise<PgInstance> {
    const root = await Deno.makeTempDir({ prefix: "pg_restart_" });
    const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    const port = listener.addr.port;
    listener.close();
    const pg = new PgInstance(root, port);
    try {
      if (Deno.uid() === 0) {
        const uid = Number((await run("id", ["-u", "postgres"])).trim());
        const gid = Number((await run("id", ["-g", "postgres"])).trim());
        await Deno.chown(root, uid, gid);
      }
      await pg.bin("initdb", ["-D", pg.data, "-A", "trust", "-U", "postgres", "--no-sync"]);
      await pg.start();
    } catch (err) {
      await pg.destroy();
      throw err;
    }
    return pg;
  }

  /** Starts the server and waits until it accepts connections. */
  async start(): Promise<void> {
    const opts =
      `-p ${this.port} -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
    // -l: the postmaster must not inherit our stdout pipe, or reading it never ends.
    await this.bin("pg_ctl", [
      "-D",
      this.data,
      "-l",
      `${this.root}/log`,
      "-o",
      opts,
      "-w",
      "start",
    ]);
  }

  /** Stops the server: `fast` rolls back open transactions and closes every connection. */
  async stop(mode: "fast" | "immediate" = "fast"): Promise<void> {
    await this.bin("pg_ctl", ["-D", this.data, "-m", mode, "-w", "stop"]);
  }

  /** Stops the server if it runs and removes its directory. */
  async destroy(): Promise<void> {
    try {
      await Deno.stat(`${this.data}/postmaster.pid`);
      await this.stop("immediate").catch((err) => console.warn(`pg_ctl stop: ${err}`));
    } catch { /* not running */ }
    await Deno.remove(this.root, { recursive: true });
  }

  private bin(name: string, args: string[]): Promise<string> {
    return Deno.uid() === 0
      ? run("runuser", ["-u", "postgres", "--", `${BIN}/${name}`, ...args])
      : run(`${BIN}/${name}`, args);
  }
}

async function run(cmd: string, args: string[]): Promise<string> {
  const out = await new Deno.Command(cmd, {
    args,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    signal: AbortSignal.timeout(30_000),
  }).output();
  const dec = new TextDecoder();
  if (!out.success) {
    throw new Error(`${cmd} ${args.join(" ")} failed: ${dec.decode(out.stderr)}`);
  }
  return dec.decode(out.stdout);
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** Awaits `p`, failing the test if it neither resolves nor rejects within {@link CALL_DEADLINE_MS}. */
async function settles<T>(what: string, p: Promise<T>): Promise<Settled<T>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hung = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} hung past ${CALL_DEADLINE_MS} ms`)),
      CALL_DEADLINE_MS,
    );
  });
  try {
    return await Promise.race([
      p.then((value) => ({ ok: true as const, value }), (error) => ({ ok: false as const, error })),
      hung,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

function withMirror<T>(
  before: (req: Request) => Promise<void>,
  fn: (base: string) => Promise<T>,
): Promise<T> {
  return withRecordingsMirror(dir!, fn, { before });
}

const deps = (db: ReadyDatabase, base: string) => ingestDeps(db, base);
const checksum = ingestChecksum;

const isDownload = (req: Request) => {
  const path = new URL(req.url).pathname;
  return path.includes("mirDownload") || path.includes("/dashboards/");
};

Deno.test({
  name:
    "PostgreSQL stopped and restarted mid-ingestion: no row lost or doubled, reads back within 30 s, no call hangs",
  ignore: dir === null || !hasPg,
  fn: async () => {
    const pg = await PgInstance.create();
    const opened: ReadyDatabase[] = [];
    try {
      const admin = postgres(pg.url("postgres"), { max: 1, onnotice: () => {} });
      try {
        await admin`create database reference`;
        await admin`create database ingest`;
      } finally {
        await admin.end({ timeout: 5 });
      }

      // The clean reference load.
      const ref = await prepareDatabase({ databaseUrl: pg.url("reference"), dataDir: pg.root });
      opened.push(ref);
      const expected = await withMirror(() => Promise.resolve(), async (base) => {
        const client = deps(ref, base);
        for (const feed of FEEDS) {
          const r = await runFeed(client, feed);
          assert.equal(r.status, "success", `reference ${feed}: ${r.error}`);
        }
        return await checksum(ref.db.sql);
      });
      assert.ok(!expected.startsWith("0 "), "the reference load stored observations");

      const db = await prepareDatabase({ databaseUrl: pg.url("ingest"), dataDir: pg.root });
      opened.push(db);
      const app = createApp(testDeps(db, { clock: () => new Date() }));
      const read = async () => {
        const res = await app.request("/api/v1/series");
        await res.body?.cancel();
        return res.status;
      };

      let downloads = 0;
      let downAt = 0, upAt = 0;
      let restarted: Promise<void> | undefined;
      const whileDown: Promise<Settled<unknown>>[] = [];
      const before = async (req: Request) => {
        if (!isDownload(req) || ++downloads !== 3) return;
        await pg.stop("fast");
        downAt = Date.now();
        // Reads and queries made while the server is down must settle, not hang.
        whileDown.push(settles("a read while down", read()));
        whileDown.push(settles("select 1 while down", db.db.sql`select 1`.then((r) => r)));
        restarted = (async () => {
          await new Promise((r) => setTimeout(r, DOWNTIME_MS));
          await pg.start();
          upAt = Date.now();
        })();
      };

      await withMirror(before, async (base) => {
        const client = deps(db, base);
        const outcomes: Settled<RunSummary>[] = [];
        for (const feed of FEEDS) outcomes.push(await settles(feed, runFeed(client, feed)));
        assert.ok(restarted, "the server was stopped mid-run");
        await restarted;
        assert.ok(
          outcomes.some((o) => !o.ok || o.value.status !== "success"),
          "some run saw the outage",
        );
        const [downRead, downPing] = await Promise.all(whileDown);
        assert.ok(!downRead.ok || downRead.value !== 200, "a read while down is not answered 200");
        assert.ok(!downPing.ok, "select 1 while down is rejected");

        // Reads answer again within 30 s of the server's return.
        let status = 0;
        while (status !== 200 && Date.now() - upAt < 30_000) {
          const r = await settles("a read after the restart", read());
          status = r.ok ? r.value : 0;
          if (status !== 200) await new Promise((r) => setTimeout(r, 100));
        }
        assert.equal(status, 200, "reads answer again within 30 s of PostgreSQL's return");
        const readyMs = Date.now() - upAt;
        const ping = await settles("select 1 after the restart", db.db.sql`select 1 as one`);
        assert.ok(ping.ok && ping.value[0].one === 1, "the pool answers select 1");

        // Run the feeds again until all succeed.
        let pending = [...FEEDS];
        for (let round = 1; pending.length > 0; round++) {
          assert.ok(round <= 5, `feeds still failing after 5 rounds: ${pending.join(", ")}`);
          const again = deps(db, base);
          const failed: FeedId[] = [];
          for (const feed of pending) {
            const r = await settles(`re-run of ${feed}`, runFeed(again, feed));
            if (!r.ok || !["success", "empty"].includes(r.value.status)) failed.push(feed);
          }
          pending = failed;
        }
        assert.equal(await checksum(db.db.sql), expected, "the load equals a clean one");
        console.log(
          `pg restart: down ${upAt - downAt} ms, reads back ${readyMs} ms after the restart`,
        );
      });
    } finally {
      for (const d of opened) await d.db.close().catch(() => {});
      await pg.destroy();
    }
  },
});
