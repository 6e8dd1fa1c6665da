import assert from "node:assert/strict";
import { openDatabase } from "../../db/client.ts";

Deno.test("openDatabase() names the host and the cause when PostgreSQL is unreachable", async () => {
  // Port 1 on loopback: nothing listens there.
  await assert.rejects(
    () => openDatabase({ databaseUrl: "postgres://postgres@127.0.0.1:1/x", connectTimeout: 3 }),
    (e: Error) => {
      assert.equal(
        e.message,
        "Cannot connect to PostgreSQL at 127.0.0.1:1/x: connection refused (ECONNREFUSED)",
      );
      return true;
    },
  );
});

Deno.test("openDatabase() rejects a malformed DATABASE_URL in one line", async () => {
  await assert.rejects(
    () => openDatabase({ databaseUrl: "postgres//oops" }),
    /DATABASE_URL: "postgres\/\/oops" is not a URL/,
  );
});

Deno.test("the embedded database keeps its data across restarts in DATA_DIR", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const a = await openDatabase({ dataDir: dir });
    await a.sql`create table kept (v int)`;
    await a.sql`insert into kept values (42)`;
    await a.close();
    const b = await openDatabase({ dataDir: dir });
    const [{ v }] = await b.sql`select v from kept`;
    assert.equal(v, 42);
    assert.equal(b.mode, "embedded");
    await b.close();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
