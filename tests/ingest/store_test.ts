import assert from "node:assert/strict";
import { storeDocument } from "../../ingest/store.ts";
import { withDatabase } from "../_db.ts";

Deno.test("storeDocument() stores a document whose first transaction was a deadlock victim, once", async () => {
  await withDatabase(async (db) => {
    const sql = db.db.sql;
    // The ledger insert, the transaction's last statement, is aborted once as PostgreSQL does a deadlock victim.
    await sql.unsafe(`create sequence victim;
      create function abort_once() returns trigger language plpgsql as $$
      begin
        if nextval('victim') = 1 then
          raise exception 'deadlock detected' using errcode = '40P01';
        end if;
        return new;
      end $$;
      create trigger abort_once before insert on ingest_documents
        for each row execute function abort_once()`);
    const observations = Array.from({ length: 8 }, (_, i) => ({
      series: "spp.rt.hb_west",
      ts: new Date(Date.parse("2025-06-01T05:00:00Z") + i * 900_000),
      value: 20 + i,
    }));
    const result = await storeDocument(
      { sql, variant: db.migration.variant },
      { feed: "np6_905", docId: "doc-1", observations },
    );
    assert.deepEqual([result.status, result.inserted], ["success", 8]);
    const [{ n }] = await sql`select count(*)::int as n from observations`;
    const [{ docs }] = await sql`select count(*)::int as docs from ingest_documents`;
    assert.deepEqual([n, docs], [8, 1]);
  });
});
