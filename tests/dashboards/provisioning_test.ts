import assert from "node:assert/strict";
import { buildCommand, parseBuildArgs } from "../../cli/grafana_build.ts";
import { BUILTIN_BOARDS } from "../../dashboards/builtin/mod.ts";
import { toGrafanaJson } from "../../dashboards/grafana/board.ts";
import { databaseTarget, provisioningFiles } from "../../dashboards/grafana/provisioning.ts";
import { ValidationError } from "../../domain/errors.ts";
import { withDatabase } from "../_db.ts";

Deno.test("migration 0031 lets grafana_reader read the data tables and nothing else", async () => {
  await withDatabase(async (db) => {
    const sql = db.db.sql;
    const [role] = await sql`select rolcanlogin from pg_roles where rolname = 'grafana_reader'`;
    assert.equal(role?.rolcanlogin, false, "the role exists and cannot log in until enabled");
    const readable = async (table: string) =>
      (await sql<{ ok: boolean }[]>`
        select has_table_privilege('grafana_reader', ${table}, 'select') as ok`)[0].ok;
    for (
      const table of ["series", "observations", "observations_1h", "observations_1d", "grid_status"]
    ) {
      assert.equal(await readable(table), true, `${table} is readable`);
    }
    for (
      const table of [
        "users",
        "sessions",
        "api_keys",
        "dashboards",
        "dashboard_panels",
        "app_settings",
      ]
    ) {
      assert.equal(await readable(table), false, `${table} is not readable`);
    }
    const [write] = await sql<{ ok: boolean }[]>`
      select has_table_privilege('grafana_reader', 'observations', 'insert') as ok`;
    assert.equal(write.ok, false);
  });
});

Deno.test("provisioningFiles() names the database but no secret, the same bytes every time", () => {
  const database = databaseTarget("postgres://app:s3cret@db.internal:6432/ercot?sslmode=require");
  const files = provisioningFiles({ database, boards: BUILTIN_BOARDS, timescale: true });
  assert.deepEqual([...files.keys()], [
    "datasources/ercot.yaml",
    "dashboards/ercot.yaml",
    "dashboards/ercot/ercot-overview.json",
    "dashboards/ercot/ercot-prices.json",
  ]);
  const datasource = files.get("datasources/ercot.yaml")!;
  assert.match(datasource, /type: "grafana-postgresql-datasource"\n {4}uid: "ercot-postgres"/);
  assert.match(datasource, /url: "db\.internal:6432"/);
  assert.match(datasource, /user: "grafana_reader"/);
  assert.match(datasource, /database: "ercot"\n {6}sslmode: "require"/);
  assert.match(datasource, /timescaledb: true/);
  assert.match(datasource, /password: "\$GRAFANA_READER_PASSWORD"/);
  assert.doesNotMatch(datasource, /s3cret|app@/);
  assert.match(
    files.get("dashboards/ercot.yaml")!,
    /folderUid: "ercot"\n[\s\S]*path: "\/etc\/grafana/,
  );
  assert.equal(files.get("dashboards/ercot/ercot-prices.json"), toGrafanaJson(BUILTIN_BOARDS[1]));
  const again = provisioningFiles({
    database,
    boards: [...BUILTIN_BOARDS].reverse(),
    timescale: true,
  });
  assert.deepEqual([...again.entries()], [...files.entries()]);
  assert.deepEqual(databaseTarget(), {
    host: "postgres:5432",
    database: "postgres",
    sslmode: "disable",
  });
  assert.throws(() => databaseTarget("not a url"), ValidationError);
});

Deno.test("grafana:build --out writes the provisioning tree", async () => {
  const out = await Deno.makeTempDir();
  try {
    const written = await buildCommand(
      parseBuildArgs(["--out", out, "--dashboards-path", "/srv/d"]),
    );
    assert.equal(written.length, 4);
    const provider = await Deno.readTextFile(`${out}/dashboards/ercot.yaml`);
    assert.match(provider, /path: "\/srv\/d"/);
    const overview = JSON.parse(
      await Deno.readTextFile(`${out}/dashboards/ercot/ercot-overview.json`),
    );
    assert.equal(overview.uid, "ercot-overview");
    assert.throws(() => parseBuildArgs([]), /--out is required/);
    assert.throws(() => parseBuildArgs(["--out", out, "--bogus"]), ValidationError);
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});
