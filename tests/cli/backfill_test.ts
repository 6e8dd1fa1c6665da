import assert from "node:assert/strict";
import type { BackfillProgress } from "../../ingest/backfill.ts";
import { backfillCommand, createProgressPrinter, formatProgress } from "../../cli/backfill.ts";
import { buildRecordings, withMirror } from "../_archive.ts";
import { testDatabaseMode, withDatabase } from "../_db.ts";
import { type BusEvent, createEventBus } from "../../bus/events.ts";
import { waitFor } from "../_wait.ts";

Deno.test("deno task backfill without API credentials prints one line and exits 2", async () => {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "cli/backfill.ts", "np4_188", "--from", "2025-01-05", "--to", "2025-01-06"],
    cwd: new URL("../../", import.meta.url).pathname,
    env: { ERCOT_API_USERNAME: "", ERCOT_API_PASSWORD: "", ERCOT_API_SUBSCRIPTION_KEY: "" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stderr = new TextDecoder().decode(out.stderr);
  assert.equal(out.code, 2);
  assert.equal(new TextDecoder().decode(out.stdout), "");
  assert.deepEqual(stderr.trimEnd().split("\n"), [
    "backfill: the ERCOT Public API needs ERCOT_API_USERNAME, ERCOT_API_PASSWORD and ERCOT_API_SUBSCRIPTION_KEY to be set",
  ]);
});

Deno.test("deno task backfill rejects bad usage with one line and exit 2", async (t) => {
  const cases: [string[], RegExp][] = [
    [["fuel_mix", "--from", "2025-01-01", "--to", "2025-01-02"], /feeds that can be backfilled: /],
    [["np4_188", "--from", "2025-01-01"], /^backfill: Missing --from or --to\. Usage: /],
    [["np4_188", "--from", "2025-02-30", "--to", "2025-03-01"], /Invalid --from "2025-02-30"/],
    [["np4_188", "--from", "2025-03-02", "--to", "2025-03-01"], /--from 2025-03-02 is after/],
    [
      ["np4_190", "--from", "2025-03-01", "--to", "2025-03-01", "--settlement-points", "nodes"],
      /--settlement-points must be one of hubs, zones, all, got "nodes"/,
    ],
  ];
  for (const [args, message] of cases) {
    await t.step(args.join(" "), async () => {
      const lines: string[] = [];
      const io = {
        env: {},
        stdout: { write: () => assert.fail("nothing on stdout"), tty: false },
        stderr: (l: string) => lines.push(l),
      };
      assert.equal(await backfillCommand(args, io), 2);
      assert.equal(lines.length, 1);
      assert.match(lines[0], message);
    });
  }
});

Deno.test("deno task backfill runs against the mirror, printing progress and a summary", async () => {
  await withMirror(await buildRecordings(2), ({ base }) =>
    withDatabase(async (db) => {
      const dataDir = testDatabaseMode() === "embedded" ? await Deno.makeTempDir() : undefined;
      // On PostgreSQL another process (a running server) hears what the backfill stores.
      const bus = db.url ? createEventBus({ sql: db.db.sql, mode: "postgres" }) : undefined;
      const heard: BusEvent[] = [];
      await bus?.subscribe((e) => heard.push(e));
      const out: string[] = [];
      const code = await backfillCommand(
        ["np4_188", "--from", "2025-01-05", "--to", "2025-01-06"],
        {
          env: {
            DATABASE_URL: db.url,
            DATA_DIR: dataDir,
            ERCOT_API_BASE_URL: `${base}/api/public-reports`,
            ERCOT_API_USERNAME: "analyst@example.com",
            ERCOT_API_PASSWORD: "secret",
            ERCOT_API_SUBSCRIPTION_KEY: "key",
          },
          stdout: { write: (t) => out.push(t), tty: false },
          stderr: (l) => assert.fail(l),
        },
      );
      if (dataDir) await Deno.remove(dataDir, { recursive: true });
      assert.equal(code, 0);
      const lines = out.join("").trimEnd().split("\n");
      assert.match(lines[0], /^np4_188 0\/2 documents \(0%\), 0 rows, /);
      assert.match(lines.at(-2)!, /^np4_188 2\/2 documents \(100%\), 240 rows, /);
      assert.match(lines.at(-1)!, /^np4_188 backfill 2025-01-05\.\.2025-01-06: success, 2\/2 /);
      if (!bus) return;
      try {
        const ingests = () => heard.filter((e) => e.type === "ingest");
        await waitFor(() => ingests().length === 2, "an ingest event per document", 30_000);
        assert.deepEqual(ingests().map((e) => [e.payload.feed, e.payload.rows]), [
          ["np4_188", 120],
          ["np4_188", 120],
        ]);
        assert.ok(
          heard.some((e) => e.type === "observation" && e.payload.series === "mcpc.da.regup"),
        );
      } finally {
        await bus.close();
      }
    }));
});

Deno.test("the progress line is rewritten in place on a terminal and printed every 10 % otherwise", async (t) => {
  const progress = (done: number): BackfillProgress => ({
    feed: "np6_905",
    total: 40,
    done,
    skipped: 10,
    failed: 0,
    rows: done * 1000,
    elapsedMs: (done - 10) * 2_000,
  });
  await t.step("formatProgress() shows done/total, rows, rate and ETA", () => {
    assert.equal(
      formatProgress(progress(20)),
      "np6_905 20/40 documents (50%), 20,000 rows, 30.0/min, ETA 40s",
    );
  });
  await t.step("on a terminal", () => {
    const out: string[] = [];
    const printer = createProgressPrinter({ write: (s) => out.push(s), tty: true });
    for (let done = 10; done <= 40; done++) printer.update(progress(done));
    printer.end();
    assert.equal(out.length, 32);
    assert.ok(out.slice(0, -1).every((s) => s.startsWith("\r") && !s.includes("\n")));
    assert.equal(out.at(-1), "\n");
  });
  await t.step("elsewhere", () => {
    const out: string[] = [];
    const printer = createProgressPrinter({ write: (s) => out.push(s), tty: false });
    for (let done = 10; done <= 40; done++) printer.update(progress(done));
    printer.end();
    assert.deepEqual(
      out.map((s) => s.split(" ")[1]),
      ["10/40", "12/40", "16/40", "20/40", "24/40", "28/40", "32/40", "36/40", "40/40"],
    );
    assert.ok(out.every((s) => s.endsWith("\n")));
  });
});
