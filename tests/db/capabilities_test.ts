import assert from "node:assert/strict";
import postgres from "postgres";
import { compareVersions, detectCapabilities, planTimescale } from "../../db/capabilities.ts";
import { loadConfig } from "../../config.ts";
import { openScratchDatabase } from "../../dev/scratch.ts";
import { timescaleTest, timescaleUrl } from "../_timescale.ts";

Deno.test("planTimescale() says what is used instead, and why, for every server that cannot be used", async (t) => {
  const cases: [string, Parameters<typeof planTimescale>[0], RegExp | string][] = [
    ["none offered", { preloaded: false }, "skip"],
    [
      "available but not preloaded",
      { available: "2.17.2", preloaded: false },
      /^TimescaleDB 2\.17\.2 is available on this server but not preloaded; using plain PostgreSQL tables .*add timescaledb to shared_preload_libraries/,
    ],
    [
      "too old",
      { available: "2.9.3", preloaded: true },
      /^TimescaleDB 2\.9\.3 is available on this server but older than 2\.11\.0.*; using plain PostgreSQL tables/,
    ],
    [
      "too new",
      { installed: "3.0.1", preloaded: true },
      /^TimescaleDB 3\.0\.1 is installed in this database but .* before 3\.0\.0; using plain PostgreSQL tables/,
    ],
    [
      "without the TSL license",
      { installed: "2.17.2", preloaded: true, license: "apache" },
      /Apache license .* no compression, continuous aggregates or policies; using plain PostgreSQL tables/,
    ],
  ];
  for (const [name, facts, expected] of cases) {
    await t.step(name, () => {
      const plan = planTimescale(facts);
      assert.equal(plan.action, "skip");
      if (typeof expected !== "string") {
        assert.match((plan as { note: string }).note, expected);
        assert.ok(!(plan as { note: string }).note.includes("\n"), "one line");
      }
    });
  }
  await t.step("usable ones are used, or created first", () => {
    assert.deepEqual(
      planTimescale({ installed: "2.17.2", preloaded: true, license: "timescale" }),
      {
        action: "use",
        version: "2.17.2",
      },
    );
    assert.deepEqual(planTimescale({ available: "2.11.0", preloaded: true }), {
      action: "create",
      version: "2.11.0",
    });
  });
});

Deno.test("compareVersions() compares dotted versions as numbers", () => {
  assert.ok(compareVersions("2.9.0", "2.11.0") < 0);
  assert.ok(compareVersions("2.17.2", "2.17.2") === 0);
  assert.ok(compareVersions("3.0", "2.99.9") > 0);
});

/** The suite's server when it offers TimescaleDB without preloading it (a common set-up). */
async function offersWithoutPreload(): Promise<string | undefined> {
  const url = loadConfig(Deno.env.toObject()).databaseUrl;
  if (!url) return undefined;
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql`
      select exists (select 1 from pg_available_extensions where name = 'timescaledb') as offered,
             current_setting('timescaledb.disable_load', true) is not null as preloaded`;
    return row.offered && !row.preloaded ? url : undefined;
  } finally {
    await sql.end();
  }
}

const notPreloaded = await offersWithoutPreload();
if (!notPreloaded) {
  console.warn(
    "SKIPPED: the available-but-not-preloaded start-up test: DATABASE_URL's server does not offer TimescaleDB without preloading it",
  );
}

Deno.test({
  name:
    "a server offering TimescaleDB without preloading it is plain PostgreSQL, with one line naming shared_preload_libraries",
  ignore: !notPreloaded,
  fn: async () => {
    const db = await openScratchDatabase({ baseUrl: notPreloaded });
    try {
      assert.equal(db.capabilities.timescale, false);
      assert.equal(db.migration.variant, "portable");
      assert.match(db.capabilities.timescaleNote ?? "", /not preloaded.*shared_preload_libraries/);
      // Every pooled connection still answers: nothing was dropped by the detection.
      const answers = await Promise.all(
        Array.from({ length: 10 }, () => db.db.sql`select pg_sleep(0.05), 1 as one`),
      );
      assert.equal(answers.length, 10);
      const [{ n }] = await db.db.sql`select count(*)::int as n from pg_extension
        where extname = 'timescaledb'`;
      assert.equal(n, 0);
    } finally {
      await db.close();
    }
  },
});

/** A new, empty database on the TimescaleDB server; `drop()` removes it. */
async function emptyTimescaleDatabase() {
  const admin = postgres(timescaleUrl!, { max: 1, onnotice: () => {} });
  const name = `ercot_caps_${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`;
  await admin.unsafe(`create database ${name}`);
  const url = new URL(timescaleUrl!);
  url.pathname = `/${name}`;
  const sql = postgres(url.toString(), { max: 2, onnotice: () => {} });
  return {
    sql,
    drop: async () => {
      await sql.end();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

timescaleTest(
  "a TimescaleDB outside the supported versions is not created, with one line saying so",
  async () => {
    const db = await emptyTimescaleDatabase();
    try {
      const tooNew = await detectCapabilities(db.sql, {
        supported: { min: "2.0.0", below: "2.17.0" },
      });
      assert.equal(tooNew.timescale, false);
      assert.match(tooNew.timescaleNote ?? "", /before 2\.17\.0; using plain PostgreSQL tables/);
      const tooOld = await detectCapabilities(db.sql, {
        supported: { min: "2.18.0", below: "3.0.0" },
      });
      assert.match(tooOld.timescaleNote ?? "", /older than 2\.18\.0/);
      const [{ n }] = await db.sql`select count(*)::int as n from pg_extension
      where extname = 'timescaledb'`;
      assert.equal(n, 0);
      const used = await detectCapabilities(db.sql);
      assert.deepEqual([used.timescale, used.timescaleNote], [true, undefined]);
    } finally {
      await db.drop();
    }
  },
);
