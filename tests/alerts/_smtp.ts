/**
 * A real SMTP server on loopback for the email tests (npm `smtp-server`):
 * STARTTLS with a throw-away certificate, optional authentication, recipients
 * refused by address, and every accepted message kept raw.
 *
 * @module
 */
import { SMTPServer } from "smtp-server";
import type { AddressInfo } from "node:net";
import { certificatesFor } from "./_tls.ts";

/** A message the server accepted. */
export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

/** What {@link startSmtp} returns. */
export interface TestSmtp {
  port: number;
  /** The CA that signed the server's certificate for `127.0.0.1`. */
  ca: string;
  received: ReceivedMail[];
  close(): Promise<void>;
}

/** Options of {@link startSmtp}. */
export interface TestSmtpOptions {
  /** Required credentials; none → no authentication offered. */
  auth?: { user: string; pass: string };
  /** Recipients answered `550 No such user`. */
  refuse?: string[];
}

/** Starts a server on 127.0.0.1 (port 0) offering STARTTLS. */
export async function startSmtp(o: TestSmtpOptions = {}): Promise<TestSmtp> {
  const certs = await certificatesFor("127.0.0.1");
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    key: certs.key,
    cert: certs.cert,
    authOptional: !o.auth,
    disabledCommands: o.auth ? [] : ["AUTH"],
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === o.auth?.user && auth.password === o.auth?.pass) {
        return cb(null, { user: auth.username });
      }
      return cb(Object.assign(new Error("Invalid credentials"), { responseCode: 535 }));
    },
    onRcptTo(address, _session, cb) {
      if (o.refuse?.includes(address.address)) {
        return cb(Object.assign(new Error("No such user"), { responseCode: 550 }));
      }
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Uint8Array[] = [];
      stream.on("data", (c: Uint8Array) => chunks.push(c));
      stream.on("end", () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: new TextDecoder().decode(concat(chunks)),
        });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    ca: certs.ca,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** A port on 127.0.0.1 where nothing listens (bound, then released). */
export function closedPort(): number {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (l.addr as Deno.NetAddr).port;
  l.close();
  return port;
}

/** A server on 127.0.0.1 that accepts connections and never says a word. */
export function silentServer(): { port: number; close(): void } {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const conns: Deno.Conn[] = [];
  (async () => {
    for await (const c of l) conns.push(c);
  })().catch(() => {});
  return {
    port: (l.addr as Deno.NetAddr).port,
    close: () => {
      for (const c of conns) c.close();
      l.close();
    },
  };
}
