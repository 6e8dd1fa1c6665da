/**
 * An HTTP/1.1 `POST` over a connection to an address chosen in advance: the
 * one `resolveTarget()` vetted, so nothing resolves the host name a second
 * time. The URL's host still names the server: it is the `Host` header and,
 * for `https:`, the TLS server name (SNI) the certificate is verified
 * against. `fetch` cannot do this (its `tcp` proxy transport speaks plain
 * HTTP even to an `https:` URL), hence this small client: it sends one
 * request with `Connection: close`, reads the status line and headers, and
 * hangs up. Redirects are never followed.
 *
 * @module
 */

/** Opens a TCP connection (`Deno.connect`; tests route "public" addresses to local servers). */
export type Connect = (opts: { hostname: string; port: number }) => Promise<Deno.TcpConn>;

/** What {@link pinnedPost} sends. */
export interface PinnedRequest {
  url: URL;
  /** Vetted addresses of the URL's host, tried in order until one connects. */
  addresses: readonly string[];
  headers: Record<string, string>;
  body: string;
  signal: AbortSignal;
  /** Extra PEM root certificates (a private CA). */
  caCerts?: string[];
  connect?: Connect;
}

/** The answer's status and headers; its body is not read. */
export interface PinnedResponse {
  status: number;
  headers: Headers;
}

const MAX_HEAD_BYTES = 16_384;

/**
 * Sends the request; throws when no address connects, TLS fails, the
 * answer is not HTTP, or `signal` aborts (with the signal's reason).
 *
 * @example
 * const res = await pinnedPost({ url, addresses: ["93.184.216.34"], headers, body, signal });
 */
export async function pinnedPost(req: PinnedRequest): Promise<PinnedResponse> {
  req.signal.throwIfAborted();
  const conn = await open(req);
  const abort = () => conn.close();
  req.signal.addEventListener("abort", abort, { once: true });
  try {
    await writeAll(conn, requestBytes(req));
    return await readHead(conn);
  } catch (err) {
    throw req.signal.aborted ? req.signal.reason : err;
  } finally {
    req.signal.removeEventListener("abort", abort);
    try {
      conn.close();
    } catch {
      // closed by the abort
    }
  }
}

async function open(req: PinnedRequest): Promise<Deno.Conn> {
  const https = req.url.protocol === "https:";
  const port = Number(req.url.port) || (https ? 443 : 80);
  const connect = req.connect ?? ((o) => Deno.connect(o));
  let lastError: unknown = new Error("no address to connect to");
  for (const hostname of req.addresses) {
    let tcp: Deno.TcpConn | undefined;
    try {
      tcp = await connect({ hostname, port });
      if (!https) return tcp;
      // The certificate is checked against the URL's host, never the address dialled.
      const serverName = req.url.hostname.replace(/^\[(.*)\]$/, "$1").replace(/\.+$/, "");
      return await Deno.startTls(tcp, { hostname: serverName, caCerts: req.caCerts });
    } catch (err) {
      if (req.signal.aborted) throw req.signal.reason;
      try {
        tcp?.close();
      } catch {
        // already closed
      }
      lastError = err;
    }
  }
  throw lastError;
}

function requestBytes(req: PinnedRequest): Uint8Array {
  const body = new TextEncoder().encode(req.body);
  const lines = [
    `POST ${req.url.pathname}${req.url.search} HTTP/1.1`,
    `Host: ${req.url.host}`,
    ...Object.entries(req.headers).map(([name, value]) => `${name}: ${value}`),
    `Content-Length: ${body.byteLength}`,
    "Connection: close",
  ];
  if (lines.some((line) => /[\r\n]/.test(line))) {
    throw new Error("A webhook request line or header contains a line break");
  }
  const head = new TextEncoder().encode(`${lines.join("\r\n")}\r\n\r\n`);
  const out = new Uint8Array(head.byteLength + body.byteLength);
  out.set(head);
  out.set(body, head.byteLength);
  return out;
}

async function writeAll(conn: Deno.Conn, bytes: Uint8Array): Promise<void> {
  for (let sent = 0; sent < bytes.byteLength;) sent += await conn.write(bytes.subarray(sent));
}

/** Reads the final (non-1xx) status line and headers. */
async function readHead(conn: Deno.Conn): Promise<PinnedResponse> {
  const decoder = new TextDecoder();
  const chunk = new Uint8Array(4096);
  let text = "";
  for (;;) {
    const end = text.indexOf("\r\n\r\n");
    if (end >= 0) {
      const head = parseHead(text.slice(0, end));
      if (head.status >= 200 || head.status < 100) return head;
      text = text.slice(end + 4); // an interim 1xx answer: the real one follows
      continue;
    }
    if (text.length > MAX_HEAD_BYTES) throw new Error("The answer's headers exceed 16 KiB");
    const n = await conn.read(chunk);
    if (n === null) throw new Error("The connection closed before an HTTP answer arrived");
    text += decoder.decode(chunk.subarray(0, n), { stream: true });
  }
}

function parseHead(head: string): PinnedResponse {
  const [statusLine, ...lines] = head.split("\r\n");
  const m = /^HTTP\/1\.[01] (\d{3})(?: |$)/.exec(statusLine);
  if (!m) throw new Error(`The answer is not HTTP/1.x: ${JSON.stringify(statusLine.slice(0, 40))}`);
  const headers = new Headers();
  for (const line of lines) {
    const at = line.indexOf(":");
    if (at <= 0) continue;
    try {
      headers.append(line.slice(0, at).trim(), line.slice(at + 1).trim());
    } catch {
      // a header Headers refuses (a bad name) is ignored
    }
  }
  return { status: Number(m[1]), headers };
}
