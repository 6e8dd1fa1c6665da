import assert from "node:assert/strict";
import {
  addPanel,
  createDashboard,
  deleteDashboard,
  duplicateDashboard,
  getDashboard,
  getSharedDashboard,
  listDashboards,
  reorderPanels,
  revokeShare,
  shareDashboard,
  updateDashboard,
} from "../../dashboards/store.ts";
import { deletePanel, updatePanel } from "../../dashboards/panels_store.ts";
import { insertUser } from "../../auth/users_store.ts";
import type { Sql } from "../../db/client.ts";
import { NotFoundError, ValidationError } from "../../domain/errors.ts";
import type { VizSpec } from "../../domain/vizspec.ts";
import { withDatabase } from "../_db.ts";

const NOW = new Date("2026-01-01T00:00:00Z");

function spec(title: string, series = ["spp.rt.hb_west"]): VizSpec {
  return {
    version: 1,
    title,
    chart: "line",
    series,
    range: { last: "PT24H" },
    resolution: "auto",
    agg: "avg",
    stacked: false,
  };
}

async function user(sql: Sql, email: string): Promise<string> {
  return (await insertUser(sql, { email, passwordHash: "x", now: NOW })).id;
}

Deno.test("addPanel() returns the existing panel for the same normalized spec", async () => {
  await withDatabase(async (db) => {
    const sql = db.db.sql;
    const userId = await user(sql, "a@example.com");
    const board = await createDashboard(sql, { userId, title: "Mine" });
    const first = await addPanel(sql, {
      dashboardId: board.id,
      userId,
      spec: spec("West", ["spp.rt.hb_west", "spp.rt.hb_north"]),
    });
    assert.equal(first.duplicate, false);
    assert.equal(first.panel.position, 0);
    assert.deepEqual(first.panel.grid, { x: 0, y: 0, w: 12, h: 8 });
    const again = await addPanel(sql, {
      dashboardId: board.id,
      userId,
      spec: {
        ...spec("  West ", ["spp.rt.hb_north", "spp.rt.hb_west"]),
        range: { last: "P1D" },
      },
    });
    assert.equal(again.duplicate, true);
    assert.equal(again.panel.id, first.panel.id);
    const other = await addPanel(sql, { dashboardId: board.id, userId, spec: spec("North") });
    assert.equal(other.duplicate, false);
    assert.equal(other.panel.position, 1);
    assert.deepEqual(other.panel.grid, { x: 12, y: 0, w: 12, h: 8 });
    assert.equal((await getDashboard(sql, { id: board.id, userId })).panels.length, 2);
  });
});

Deno.test("addPanel() answers the same 404 for another user's and a missing dashboard", async () => {
  await withDatabase(async (db) => {
    const sql = db.db.sql;
    const owner = await user(sql, "a@example.com");
    const stranger = await user(sql, "b@example.com");
    const board = await createDashboard(sql, { userId: owner, title: "Mine" });
    for (const dashboardId of [board.id, crypto.randomUUID(), "not-a-uuid"]) {
      await assert.rejects(
        addPanel(sql, { dashboardId, userId: stranger, spec: spec("West") }),
        (err) => err instanceof NotFoundError && err.message.includes(dashboardId),
      );
    }
    assert.equal((await getDashboard(sql, { id: board.id, userId: owner })).panels.length, 0);
  });
});

Deno.test("createDashboard() rejects two panels drawing the same chart", async () => {
  await withDatabase(async (db) => {
    const sql = db.db.sql;
    const userId = await user(sql, "a@example.com");
    await assert.rejects(
      createDashboard(sql, {
        userId,
        title: "Twice",
        panels: [{ spec: spec("West") }, { spec: spec(" West") }],
      }),
      (err) => err instanceof ValidationError && /Panels 0 and 1/.test(err.message),
    );
    assert.deepEqual(await listDashboards(sql, userId), []);
  });
});

Deno.test("updateDashboard() replaces panels, keeping listed ids, and reorderPanels() reorders", async () => {
  await withDatabase(async (db) => {
    const sql = db.db.sql;
    const userId = await user(sql, "a@example.com");
    const board = await createDashboard(sql, {
      userId,
      title: "Board",
      panels: [{ spec: spec("A") }, { spec: spec("B") }, { spec: spec("C") }],
    });
    const [a, b, c] = board.panels;
    const updated = await updateDashboard(sql, {
      id: board.id,
      userId,
      changes: {
        title: "Renamed",
        refreshSeconds: 60,
        defaultRange: { last: "P7D" },
        panels: [{ id: c.id, spec: c.spec }, {
          spec: spec("D"),
          grid: { x: 0, y: 20, w: 24, h: 6 },
        }],
      },
    });
    assert.equal(updated.title, "Renamed");
    assert.equal(updated.refreshSeconds, 60);
    assert.deepEqual(updated.defaultRange, { last: "P7D" });
    assert.deepEqual(updated.panels.map((p) => p.spec.title), ["C", "D"]);
    assert.equal(updated.panels[0].id, c.id);
    assert.deepEqual(updated.panels[1].grid, { x: 0, y: 20, w: 24, h: 6 });
    await assert.rejects(
      updateDashboard(sql, {
        id: board.id,
        userId,
        changes: { panels: [{ id: a.id, spec: b.spec }] },
      }),
      ValidationError,
    );
    const reordered = await reorderPanels(sql, {
      dashboardId: board.id,
      userId,
      panelIds: [updated.panels[1].id, c.id],
    });
    assert.deepEqual(reordered.panels.map((p) => p.spec.title), ["D", "C"]);
    await assert.rejects(
      reorderPanels(sql, { dashboardId: board.id, userId, panelIds: [c.id] }),
      /is missing/,
    );
  });
});

Deno.test("updatePanel() refuses another panel's chart and deletePanel() removes one", async () => {
  await withDatabase(async (db) => {
    const sql = db.db.sql;
    const userId = await user(sql, "a@example.com");
    const board = await createDashboard(sql, {
      userId,
      title: "Board",
      panels: [{ spec: spec("A") }, { spec: spec("B") }],
    });
    const [a, b] = board.panels;
    const ref = { dashboardId: board.id, userId };
    await assert.rejects(
      updatePanel(sql, { ...ref, panelId: b.id, spec: a.spec }),
      /already draws/,
    );
    const moved = await updatePanel(sql, {
      ...ref,
      panelId: b.id,
      grid: { x: 0, y: 8, w: 24, h: 4 },
    });
    assert.deepEqual(moved.grid, { x: 0, y: 8, w: 24, h: 4 });
    await assert.rejects(
      updatePanel(sql, { ...ref, panelId: b.id, grid: { x: 20, y: 0, w: 8, h: 4 } }),
      /does not fit/,
    );
    await deletePanel(sql, { ...ref, panelId: a.id });
    assert.deepEqual((await getDashboard(sql, { id: board.id, userId })).panels.map((p) => p.id), [
      b.id,
    ]);
  });
});

Deno.test("duplicateDashboard() copies panels under new ids without the share token", async () => {
  await withDatabase(async (db) => {
    const sql = db.db.sql;
    const userId = await user(sql, "a@example.com");
    const board = await createDashboard(sql, {
      userId,
      title: "Board",
      refreshSeconds: 30,
      panels: [{ spec: spec("A") }, { spec: spec("B") }],
    });
    await shareDashboard(sql, { id: board.id, userId });
    const copy = await duplicateDashboard(sql, { id: board.id, userId });
    assert.equal(copy.title, "Board (copy)");
    assert.equal(copy.refreshSeconds, 30);
    assert.equal(copy.shareToken, null);
    assert.equal(copy.position, board.position + 1);
    assert.deepEqual(copy.panels.map((p) => p.spec), board.panels.map((p) => p.spec));
    assert.ok(copy.panels.every((p) => !board.panels.some((q) => q.id === p.id)));
    assert.deepEqual((await listDashboards(sql, userId)).map((d) => d.panelCount), [2, 2]);
  });
});

Deno.test("a share token opens the dashboard until it is revoked", async () => {
  await withDatabase(async (db) => {
    const sql = db.db.sql;
    const userId = await user(sql, "a@example.com");
    const board = await createDashboard(sql, { userId, title: "Board" });
    const shared = await shareDashboard(sql, { id: board.id, userId });
    assert.equal(shared.created, true);
    assert.match(shared.token, /^[A-Za-z0-9_-]{43}$/);
    const again = await shareDashboard(sql, { id: board.id, userId });
    assert.deepEqual([again.token, again.created], [shared.token, false]);
    assert.equal((await getSharedDashboard(sql, shared.token)).id, board.id);
    await revokeShare(sql, { id: board.id, userId });
    await assert.rejects(getSharedDashboard(sql, shared.token), NotFoundError);
    await assert.rejects(getSharedDashboard(sql, "short"), NotFoundError);
  });
});

Deno.test("deleting a user deletes their dashboards and panels", async () => {
  await withDatabase(async (db) => {
    const sql = db.db.sql;
    const userId = await user(sql, "a@example.com");
    const board = await createDashboard(sql, {
      userId,
      title: "Board",
      panels: [{ spec: spec("A") }],
    });
    await deleteDashboard(sql, { id: board.id, userId });
    await assert.rejects(getDashboard(sql, { id: board.id, userId }), NotFoundError);
    await createDashboard(sql, { userId, title: "Other", panels: [{ spec: spec("A") }] });
    await sql`delete from users where id = ${userId}`;
    const [{ n }] = await sql<{ n: number }[]>`
      select (select count(*) from dashboards)::int + (select count(*) from dashboard_panels)::int as n`;
    assert.equal(n, 0);
  });
});
