/**
 * Where webhooks may go: never to loopback, private, link-local, shared
 * (carrier-grade NAT) or unspecified addresses, whether the URL names one
 * literally or its host name resolves to one. `ALERT_WEBHOOK_ALLOW_PRIVATE`
 * lifts the rule (tests, receivers on a private network).
 *
 * @module
 */

/** Resolves a host name's A or AAAA records (`Deno.resolveDns` by default). */
export type ResolveDns = (host: string, type: "A" | "AAAA") => Promise<string[]>;

/** `[first address, prefix length]` of every IPv4 range refused. */
const V4_BLOCKED: readonly [string, number][] = [
  ["0.0.0.0", 8], // "this network", 0.0.0.0
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved and broadcast
];

/** `[first address, prefix length]` of every IPv6 range refused (mapped IPv4 is checked as IPv4). */
const V6_BLOCKED: readonly [string, number][] = [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
];

const LOCAL_NAMES = /(^|\.)(localhost|local|internal|home\.arpa)$/i;

function parseV4(text: string): number[] | null {
  const parts = text.split(".");
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) {
    return null;
  }
  return parts.map(Number);
}

function parseV6(text: string): number[] | null {
  let s = text.toLowerCase();
  let v4: number[] | null = null;
  if (s.includes(".")) {
    // A trailing dotted quad (::ffff:1.2.3.4) stands for the last two groups.
    const cut = s.lastIndexOf(":") + 1;
    v4 = parseV4(s.slice(cut));
    if (cut === 0 || !v4) return null;
    s = `${s.slice(0, cut)}0:0`;
  }
  const halves = s.split("::");
  if (halves.length > 2) return null;
  const groups = (h: string) => (h === "" ? [] : h.split(":"));
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  const fill = 8 - head.length - tail.length;
  if (halves.length === 1 ? fill !== 0 : fill < 1) return null;
  const all = [...head, ...Array<string>(halves.length === 2 ? fill : 0).fill("0"), ...tail];
  if (!all.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return null;
  const bytes = all.flatMap((g) => [parseInt(g, 16) >> 8, parseInt(g, 16) & 255]);
  if (v4) bytes.splice(12, 4, ...v4);
  return bytes;
}

function inRange(bytes: number[], start: number[], prefix: number): boolean {
  for (let bit = 0; bit < prefix; bit++) {
    const mask = 0x80 >> (bit % 8);
    if ((bytes[bit >> 3] & mask) !== (start[bit >> 3] & mask)) return false;
  }
  return true;
}

/** The address without URL brackets, when `host` is an IP literal; else null. */
export function ipLiteral(host: string): string | null {
  const bare = host.replace(/^\[(.*)\]$/, "$1");
  return parseV4(bare) || parseV6(bare) ? bare : null;
}

/**
 * Whether an IP address is loopback, private, link-local, shared, multicast,
 * reserved or unspecified. Text that is not an IP address counts as private.
 *
 * @example isPrivateAddress("172.20.1.1") // true
 */
export function isPrivateAddress(ip: string): boolean {
  const v4 = parseV4(ip);
  if (v4) return V4_BLOCKED.some(([start, prefix]) => inRange(v4, parseV4(start)!, prefix));
  const v6 = parseV6(ip.replace(/^\[(.*)\]$/, "$1").replace(/%.*$/, ""));
  if (!v6) return true;
  const mapped = v6.slice(0, 10).every((b) => b === 0) && v6[10] === 255 && v6[11] === 255;
  if (mapped) return isPrivateAddress(v6.slice(12).join("."));
  return V6_BLOCKED.some(([start, prefix]) => inRange(v6, parseV6(start)!, prefix));
}

/**
 * Why `url` is obviously not a public target, without asking DNS: a private
 * IP literal or a local name such as `localhost`; null when it may be public.
 */
export function obviouslyPrivate(url: string): string | null {
  const host = new URL(url).hostname;
  const ip = ipLiteral(host);
  if (ip !== null) return isPrivateAddress(ip) ? `${host} is a private or loopback address` : null;
  return LOCAL_NAMES.test(host) ? `${host} is a local host name` : null;
}

/** `Deno.resolveDns`, with "no such record" as an empty answer. */
export const systemResolver: ResolveDns = async (host, type) => {
  try {
    return await Deno.resolveDns(host, type);
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return [];
    throw err;
  }
};

/**
 * Why a webhook must not go to `url`, or null when every address its host
 * resolves to (A and AAAA) is public.
 */
export async function refusalReason(url: string, resolve: ResolveDns): Promise<string | null> {
  const obvious = obviouslyPrivate(url);
  const host = new URL(url).hostname;
  if (obvious !== null || ipLiteral(host) !== null) return obvious;
  const addresses = (await Promise.all([resolve(host, "A"), resolve(host, "AAAA")])).flat();
  if (addresses.length === 0) return `${host} does not resolve to any address`;
  const blocked = addresses.find(isPrivateAddress);
  return blocked ? `${host} resolves to private or loopback address ${blocked}` : null;
}
