/**
 * A DNS server for tests: answers A and AAAA queries over UDP on 127.0.0.1
 * from a table the test changes while it runs (TTL 0, so nothing caches an
 * answer), and counts the questions it gets.
 *
 * @module
 */
import dgram from "node:dgram";
import ipaddr from "ipaddr.js";

/** The running stub. */
export interface DnsStub {
  port: number;
  /** Answers by `"<name>/<A|AAAA>"`; a name with no entry of either type is NXDOMAIN. */
  answers: Map<string, string[]>;
  /** Questions asked, as `"<name>/<type>"`, in order. */
  asked: string[];
  /** Called after each question is answered (to change later answers). */
  onAnswered?: (question: string) => void;
  close(): Promise<void>;
}

const TYPES: Record<number, "A" | "AAAA"> = { 1: "A", 28: "AAAA" };

/** Starts a stub on a free port. */
export async function startDnsStub(): Promise<DnsStub> {
  const socket = dgram.createSocket("udp4");
  const stub: DnsStub = {
    port: 0,
    answers: new Map(),
    asked: [],
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
  socket.on("message", (msg: Uint8Array, rinfo: { address: string; port: number }) => {
    const reply = answer(stub, msg);
    if (reply) socket.send(reply, rinfo.port, rinfo.address);
    if (reply) stub.onAnswered?.(stub.asked.at(-1)!);
  });
  await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", () => resolve()));
  stub.port = socket.address().port;
  return stub;
}

function answer(stub: DnsStub, msg: Uint8Array): Uint8Array | undefined {
  if (msg.length < 12) return undefined;
  const labels: string[] = [];
  let at = 12;
  while (at < msg.length && msg[at] !== 0) {
    labels.push(new TextDecoder().decode(msg.subarray(at + 1, at + 1 + msg[at])));
    at += msg[at] + 1;
  }
  const questionEnd = at + 5;
  if (questionEnd > msg.length) return undefined;
  const qtype = (msg[at + 1] << 8) | msg[at + 2];
  const name = labels.join(".").toLowerCase();
  const type = TYPES[qtype];
  stub.asked.push(`${name}/${type ?? qtype}`);
  const known = stub.answers.has(`${name}/A`) || stub.answers.has(`${name}/AAAA`);
  const records = (type && stub.answers.get(`${name}/${type}`)) || [];
  const rdata = records.map((ip) => Uint8Array.from(ipaddr.parse(ip).toByteArray()));
  const out: number[] = [
    msg[0],
    msg[1],
    0x85, // response, authoritative, recursion desired
    known ? 0x80 : 0x83, // recursion available; NXDOMAIN for unknown names
    0,
    1, // one question
    0,
    rdata.length,
    0,
    0,
    0,
    0,
    ...msg.subarray(12, questionEnd),
  ];
  for (const data of rdata) {
    out.push(0xc0, 12, 0, qtype, 0, 1, 0, 0, 0, 0, 0, data.length, ...data);
  }
  return Uint8Array.from(out);
}
