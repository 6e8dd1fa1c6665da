/**
 * Subprocess of `bench/api_bench.ts`: opens N Server-Sent Events subscribers
 * to a loopback server over raw TCP, prints `{"connected": N}` once every one
 * has its response head, then measures, for each expected event on each
 * connection, the delay from the event's `sent_at` (epoch ms, stamped by the
 * publisher) to its arrival, and prints one JSON line of percentiles.
 *
 * Usage: `deno run -A bench/_sse_clients.ts <port> <subscribers> <events>`
 *
 * @module
 */

const [port, subscribers, events] = Deno.args.map(Number);
const BATCH = 250;
const encoder = new TextEncoder();
const request = encoder.encode(
  `GET /api/v1/stream?types=alert HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n`,
);
const delays: number[] = [];
let connected = 0;
let failed = 0;

async function subscriber(onHead: () => void): Promise<void> {
  const conn = await Deno.connect({ hostname: "127.0.0.1", port });
  await conn.write(request);
  const decoder = new TextDecoder();
  const buf = new Uint8Array(16 * 1024);
  let text = "";
  let headSeen = false;
  let received = 0;
  try {
    while (received < events) {
      const n = await conn.read(buf);
      if (n === null) throw new Error("closed");
      const now = Date.now();
      text += decoder.decode(buf.subarray(0, n), { stream: true });
      if (!headSeen && text.includes("\r\n\r\n")) {
        headSeen = true;
        onHead();
      }
      let m: RegExpExecArray | null;
      const re = /"sent_at":(\d+)/g;
      let last = 0;
      while ((m = re.exec(text))) {
        delays.push(now - Number(m[1]));
        received++;
        last = re.lastIndex;
      }
      text = text.slice(last);
    }
  } finally {
    conn.close();
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;
}

const running: Promise<void>[] = [];
for (let i = 0; i < subscribers; i += BATCH) {
  const heads: Promise<void>[] = [];
  for (let j = i; j < Math.min(subscribers, i + BATCH); j++) {
    let signal!: () => void;
    heads.push(new Promise<void>((r) => signal = r));
    running.push(
      subscriber(() => {
        connected++;
        signal();
      }).catch(() => {
        failed++;
        signal();
      }),
    );
  }
  await Promise.all(heads);
}
console.log(JSON.stringify({ connected, failed }));
const deadline = setTimeout(() => {
  report();
  Deno.exit(0);
}, 120_000);
await Promise.all(running);
clearTimeout(deadline);
report();

function report(): void {
  const sorted = delays.sort((a, b) => a - b);
  console.log(JSON.stringify({
    deliveries: sorted.length,
    expected: subscribers * events,
    failed,
    p50_ms: percentile(sorted, 0.5),
    p99_ms: percentile(sorted, 0.99),
    max_ms: sorted.at(-1) ?? NaN,
  }));
}
