import assert from "node:assert/strict";
import { withDatabase } from "../_db.ts";
import { accountApp, assertProblem, bearer, jsonBody, signUp } from "../_accounts.ts";
import { seed } from "../_helpers.ts";

/** The text of a PDF as poppler's `pdftotext -layout` reads it. */
async function pdfText(bytes: Uint8Array): Promise<string> {
  const child = new Deno.Command("pdftotext", {
    args: ["-layout", "-", "-"],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(bytes);
  await writer.close();
  const out = await child.output();
  assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
  return new TextDecoder().decode(out.stdout);
}

async function pdfOf(res: Response): Promise<string> {
  const bytes = new Uint8Array(await res.arrayBuffer());
  assert.equal(res.status, 200, new TextDecoder().decode(bytes));
  assert.equal(res.headers.get("content-type"), "application/pdf");
  assert.equal(new TextDecoder().decode(bytes.subarray(0, 5)), "%PDF-");
  return await pdfText(bytes);
}

function spec(title: string, series: string[]) {
  return { version: 1, title, chart: "line", series, range: { last: "PT6H" } };
}

Deno.test("GET /api/dashboards/{id}/pdf prints the title, range, every panel, series names, units and values", async () => {
  await withDatabase(async (db) => {
    const { app } = accountApp(db);
    const start = "2025-12-31T18:15:00Z";
    await seed(db, { key: "spp.rt.hb_west", start, n: 24, value: (i) => 20 + i });
    await seed(db, { key: "spp.rt.hb_north", start, n: 24, value: (i) => 1200 + i });
    await seed(db, { key: "load.actual", start, n: 24, unit: "MW", value: (i) => 41000 + i });
    const alice = (await signUp(app, "alice@example.com")).access;
    const created = await app.request(
      "/api/dashboards",
      jsonBody("POST", {
        title: "Morning prices",
        panels: [
          { spec: spec("West and north hubs", ["spp.rt.hb_west", "spp.rt.hb_north"]) },
          { spec: spec("System load", ["load.actual"]) },
          { spec: spec("Not ingested yet", ["spp.rt.hb_south"]) },
        ],
      }, bearer(alice)),
    );
    assert.equal(created.status, 201);
    const { id } = await created.json();
    const text = await pdfOf(
      await app.request(`/api/dashboards/${id}/pdf`, { headers: bearer(alice) }),
    );
    for (
      const want of [
        "Morning prices",
        "Range: 2025-12-31T18:01Z to 2026-01-01T00:01Z",
        "West and north hubs",
        "System load",
        "Not ingested yet",
        "spp.rt.hb_west",
        "spp.rt.hb_north",
        "load.actual",
        "spp.rt.hb_south: not in the catalog yet",
        "$/MWh",
        "MW",
        "1,223",
        "Page 1 of 2",
      ]
    ) assert.ok(text.includes(want), `the PDF shows "${want}":\n${text}`);

    await rangedAndRefused(app, id, alice);
  });
});

async function rangedAndRefused(
  app: ReturnType<typeof accountApp>["app"],
  id: string,
  alice: string,
) {
  const ranged = await pdfOf(
    await app.request(
      `/api/dashboards/${id}/pdf?start=2025-12-31T20:00:00Z&end=2025-12-31T22:00:00Z`,
      { headers: bearer(alice) },
    ),
  );
  assert.ok(ranged.includes("Range: 2025-12-31T20:00Z to 2025-12-31T22:00Z"), ranged);
  assert.ok(ranged.includes("(Dec 31, 2025, 14:00 CST to Dec 31, 2025, 16:00 CST)"), ranged);
  const bob = (await signUp(app, "bob@example.com")).access;
  await assertProblem(
    await app.request(`/api/dashboards/${id}/pdf`, { headers: bearer(bob) }),
    404,
  );
  await assertProblem(await app.request(`/api/dashboards/${id}/pdf`), 401);
  await assertProblem(
    await app.request(`/api/dashboards/${id}/pdf?last=forever`, { headers: bearer(alice) }),
    400,
  );
}

Deno.test("GET /api/v1/explore/pdf prints an Explore view with its series and window", async () => {
  await withDatabase(async (db) => {
    const { app } = accountApp(db);
    const start = "2025-12-31T18:15:00Z";
    await seed(db, { key: "spp.rt.hb_west", start, n: 8, value: (i) => 20 + i });
    await seed(db, { key: "spp.rt.hb_houston", start, n: 8, value: (i) => 30 - i });
    const text = await pdfOf(
      await app.request(
        "/api/v1/explore/pdf?series=spp.rt.hb_west,spp.rt.hb_houston" +
          "&start=2025-12-31T18:00:00Z&end=2025-12-31T20:00:00Z&title=Hubs%20%E2%80%93%20evening",
      ),
    );
    for (
      const want of [
        "Hubs – evening",
        "Range: 2025-12-31T18:00Z to 2025-12-31T20:00Z",
        "spp.rt.hb_west",
        "spp.rt.hb_houston",
        "$/MWh",
        "26",
      ]
    ) assert.ok(text.includes(want), `the PDF shows "${want}":\n${text}`);
    await assertProblem(await app.request("/api/v1/explore/pdf?series=no.such.series"), 404);
    await assertProblem(
      await app.request("/api/v1/explore/pdf?series=spp.rt.hb_west&last=PT1H&start=2025-12-31"),
      400,
    );
  });
});

Deno.test("GET /api/v1/explore/pdf prints Explore's expression as one more series, by its label", async () => {
  await withDatabase(async (db) => {
    const { app } = accountApp(db);
    const start = "2025-12-31T18:15:00Z";
    await seed(db, { key: "spp.rt.hb_west", start, n: 8, value: (i) => 20 + i });
    await seed(db, { key: "spp.rt.hb_houston", start, n: 8, value: (i) => 30 - i });
    const window = "&start=2025-12-31T18:00:00Z&end=2025-12-31T20:00:00Z";
    const expr = encodeURIComponent("spp.rt.hb_houston - spp.rt.hb_west");
    const text = await pdfOf(
      await app.request(
        `/api/v1/explore/pdf?series=spp.rt.hb_west&expr=${expr}&label=Houston%20premium${window}`,
      ),
    );
    // Intervals 18:15 to 19:45: Houston 30 - i against West 20 + i, from 10 down to -2.
    assert.match(text, /spp\.rt\.hb_west +\$\/MWh +20 +26 +26/);
    assert.match(text, /Houston premium +\$\/MWh +-2 +10 +-2/);
    // An expression alone is a view too; a label alone or a refused expression is a 400.
    const alone = await pdfOf(await app.request(`/api/v1/explore/pdf?expr=${expr}${window}`));
    assert.ok(alone.includes("spp.rt.hb_houston - spp.rt.hb_west"), alone);
    await assertProblem(await app.request(`/api/v1/explore/pdf?label=x${window}`), 400);
    await assertProblem(await app.request(`/api/v1/explore/pdf${window.replace("&", "?")}`), 400);
    await assertProblem(await app.request(`/api/v1/explore/pdf?expr=1%2F%2F2${window}`), 400);
  });
});

Deno.test("GET /api/dashboards/{id}/pdf prints heat map and duration panels with a note that says how", async () => {
  await withDatabase(async (db) => {
    const { app } = accountApp(db);
    await seed(db, {
      key: "spp.rt.hb_west",
      start: "2025-12-31T18:15:00Z",
      n: 24,
      value: (i) => i,
    });
    const alice = (await signUp(app, "alice@example.com")).access;
    const created = await app.request(
      "/api/dashboards",
      jsonBody("POST", {
        title: "Shapes",
        panels: [
          { spec: { ...spec("West by hour", ["spp.rt.hb_west"]), chart: "heatmap" } },
          { spec: { ...spec("West duration", ["spp.rt.hb_west"]), chart: "duration" } },
        ],
      }, bearer(alice)),
    );
    assert.equal(created.status, 201);
    const { id } = await created.json();
    const text = await pdfOf(
      await app.request(`/api/dashboards/${id}/pdf`, { headers: bearer(alice) }),
    );
    for (
      const want of [
        "West by hour",
        "Heat map not drawn in PDF: its values are shown over time",
        "West duration",
        "Duration curve not drawn in PDF: its values are shown over time",
        "$/MWh",
      ]
    ) assert.ok(text.includes(want), `the PDF shows "${want}":\n${text}`);
  });
});
