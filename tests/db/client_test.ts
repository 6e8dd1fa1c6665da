import assert from "node:assert/strict";
import { loadConfig } from "../../config.ts";
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

/** A loopback TCP relay to `target` that can refuse connections and cut the open ones. */
class Relay {
  #listener?: Deno.Listener;
  readonly #open = new Set<Deno.Conn>();
  port = 0;

  constructor(readonly target: { hostname: string; port: number }) {}

  /** Listens (again, on the same port once it has one). */
  up(): void {
    const listener = this.#listener = Deno.listen({ hostname: "127.0.0.1", port: this.port });
    this.port = (listener.addr as Deno.NetAddr).port;
    (async () => {
      for await (const client of listener) {
        const server = await Deno.connect(this.target).catch(() => undefined);
        if (!server) {
          client.close();
          continue;
        }
        for (const c of [client, server]) this.#open.add(c);
        const drop = () => {
          for (const c of [client, server]) {
            this.#open.delete(c);
            try {
              c.close();
            } catch { /* closed already */ }
          }
        };
        client.readable.pipeTo(server.writable).catch(() => {}).finally(drop);
        server.readable.pipeTo(client.writable).catch(() => {}).finally(drop);
      }
    })().catch(() => {});
  }

  /** Stops listening, so connections are refused, and cuts every open one: a server gone. */
  down(): void {
    this.#listener?.close();
    for (const c of this.#open) {
      try {
        c.close();
      } catch { /* closed already */ }
    }
    this.#open.clear();
  }
}

const serverUrl = loadConfig(Deno.env.toObject()).databaseUrl;

Deno.test({
  name:
    "queries answer at once when PostgreSQL returns after an outage that failed many connections",
  ignore: !serverUrl,
  fn: async () => {
    const target = new URL(serverUrl!);
    const relay = new Relay({ hostname: target.hostname, port: Number(target.port || 5432) });
    relay.up();
    const url = new URL(serverUrl!);
    url.host = `127.0.0.1:${relay.port}`;
    // One connection, so that each failure below lengthens the wait before the next attempt.
    const db = await openDatabase({ databaseUrl: url.toString(), connectTimeout: 3, max: 1 });
    try {
      await db.sql`select 1`;
      relay.down();
      for (let i = 1; i <= 7; i++) {
        await assert.rejects(() => db.sql`select 1`, `query ${i} while down fails`);
      }
      relay.up();
      // With postgres.js's own backoff, the seventh failure made the pool wait 10-20 s.
      let timer: ReturnType<typeof setTimeout> | undefined;
      const answer = await Promise.race([
        db.sql`select 1 as one`.then((r) => r[0].one),
        new Promise((r) => timer = setTimeout(() => r("still waiting after 5 s"), 5_000)),
      ]).finally(() => clearTimeout(timer));
      assert.equal(answer, 1);
    } finally {
      relay.down();
      await db.close();
    }
  },
});
