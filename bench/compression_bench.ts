/**
 * Compression benchmark (issue #21): the cached 2,000-point observations
 * answer of `bench/api_bench.ts` (same data, same in-process server, a scratch
 * database on `DATABASE_URL` or the local PostgreSQL), driven
 * by `wrk` with and without `Accept-Encoding: gzip, br` in alternating rounds.
 * Prints cached req/s both ways and their ratio (target ≥ 0.8: the compressed
 * variant is made once and kept with the cached answer), and the bytes on the
 * wire for that answer per coding.
 *
 * Run: `deno task bench compression` (`apt-get install -y wrk`)
 *
 * @module
 */
import { openScratchDatabase } from "../dev/scratch.ts";
import { createEventBus } from "../bus/events.ts";
import { loadConfig } from "../config.ts";
import { seed, serve } from "./api_bench.ts";

const ROUNDS = 3;
const SECONDS = 8;
const CONNECTIONS = 8;
const PATH = "/api/v1/observations?series=spp.rt.hb_west&start=2025-09-01T05:00:00Z" +
  "&end=2025-09-21T21:00:00Z&resolution=raw&max_points=2000";

async function wrk(url: string, header?: string): Promise<number> {
  const args = ["-t1", `-c${CONNECTIONS}`, `-d${SECONDS}s`, url];
  if (header) args.unshift("-H", header);
  const out = await new Deno.Command("wrk", { args, stdout: "piped", stderr: "piped" }).output();
  const text = new TextDecoder().decode(out.stdout);
  if (!out.success) throw new Error(`wrk failed: ${new TextDecoder().decode(out.stderr)}`);
  const errors = /Non-2xx or 3xx responses: (\d+)/.exec(text)?.[1];
  if (errors) throw new Error(`wrk saw ${errors} error answers`);
  return Number(/Requests\/sec:\s+([\d.]+)/.exec(text)?.[1]);
}

/** Body bytes and headers of one answer, read raw (no decompression by the client). */
async function wire(url: string, encoding?: string) {
  const u = new URL(url);
  const conn = await Deno.connect({ hostname: u.hostname, port: Number(u.port) });
  const head = `GET ${u.pathname}${u.search} HTTP/1.1\r\nHost: ${u.host}\r\n` +
    (encoding ? `Accept-Encoding: ${encoding}\r\n` : "") + "Connection: close\r\n\r\n";
  await conn.write(new TextEncoder().encode(head));
  const chunks: Uint8Array[] = [];
  for await (const chunk of conn.readable) chunks.push(chunk);
  const all = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let at = 0;
  for (const c of chunks) all.set(c, (at += c.byteLength) - c.byteLength);
  const split = new TextDecoder().decode(all).indexOf("\r\n\r\n");
  const headers = new TextDecoder().decode(all.subarray(0, split));
  return {
    total: all.byteLength,
    coding: /content-encoding: (\S+)/i.exec(headers)?.[1] ?? "identity",
    length: Number(/content-length: (\d+)/i.exec(headers)?.[1] ?? NaN),
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

if (import.meta.main) {
  const baseUrl = loadConfig(Deno.env.toObject()).databaseUrl ??
    "postgres://postgres@127.0.0.1:5432/postgres";
  const db = await openScratchDatabase({ baseUrl });
  try {
    await seed(db);
    const bus = createEventBus({ sql: db.db.sql, mode: db.db.mode });
    const server = serve(db, bus, true);
    const url = `http://127.0.0.1:${server.addr.port}${PATH}`;
    const points = (await (await fetch(url)).json()).series[0].t.length;
    await new Promise((r) => setTimeout(r, 200));
    const sizes = [];
    for (const encoding of [undefined, "gzip", "br", "gzip, deflate, br"]) {
      sizes.push({ asked: encoding ?? "(none)", ...(await wire(url, encoding)) });
    }
    const plain: number[] = [], coded: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      plain.push(await wrk(url));
      coded.push(await wrk(url, "Accept-Encoding: gzip, deflate, br"));
    }
    await server.shutdown();
    await bus.close();
    const [p, c] = [median(plain), median(coded)];
    console.log(`cached observations answer: ${points} points; wrk ${CONNECTIONS} connections,`);
    console.log(`${ROUNDS} alternating rounds of ${SECONDS} s each way (medians)`);
    console.log(
      `  without compression       ${p.toFixed(0).padStart(7)} req/s  (${
        plain.map(Math.round).join(", ")
      })`,
    );
    console.log(
      `  with gzip, br accepted    ${c.toFixed(0).padStart(7)} req/s  (${
        coded.map(Math.round).join(", ")
      })`,
    );
    console.log(
      `  ratio with / without      ${(c / p).toFixed(2)}  (target ≥ 0.8: ${
        c / p >= 0.8 ? "met" : "NOT met"
      })`,
    );
    console.log("bytes on the wire for that answer (body; whole response with headers):");
    for (const s of sizes) {
      console.log(
        `  Accept-Encoding ${s.asked.padEnd(18)} ${s.coding.padEnd(8)} ${
          String(s.length).padStart(6)
        } B body; ${s.total} B total (${(sizes[0].length / s.length).toFixed(1)}× smaller)`,
      );
    }
  } finally {
    await db.close();
  }
}
