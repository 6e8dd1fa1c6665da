/**
 * Where webhooks may go. A webhook URL is read with the WHATWG URL parser and
 * must be `http(s)://host…` with no user name or password. Its host name is
 * resolved at every delivery and the connection goes to the address that was
 * checked, never to a second lookup (see `pinned_post.ts`), so DNS rebinding
 * between the check and the request gains nothing.
 *
 * Refused: every address outside the public unicast range of `ipaddr.js`'s
 * maintained list — loopback, private, link-local, shared (carrier-grade
 * NAT), multicast, broadcast, unspecified, documentation, benchmarking and
 * other reserved ranges — and the IPv6 forms that carry an IPv4 address:
 * IPv4-mapped and NAT64 (judged by the address they carry), IPv4-compatible,
 * IPv4-translated, 6to4 and Teredo (always). Local names (`localhost`,
 * `*.local`, `*.internal`, `home.arpa`, single labels) are refused without
 * asking DNS. `ALERT_WEBHOOK_ALLOW_PRIVATE` lifts the address rules (tests,
 * receivers on a private network), never the URL's shape.
 *
 * @module
 */
import ipaddr from "ipaddr.js";

/** Resolves a host name's A or AAAA records (`Deno.resolveDns` by default). */
export type ResolveDns = (
  host: string,
  type: "A" | "AAAA",
  signal?: AbortSignal,
) => Promise<string[]>;

const LOCAL_NAMES = /(^|\.)(localhost|local|internal|intranet|lan|home\.arpa)$/i;
const NAT64 = ipaddr.IPv6.parseCIDR("64:ff9b::/96");

const RANGE_NAMES: Record<string, string> = {
  unspecified: "an unspecified address",
  broadcast: "the broadcast address",
  multicast: "a multicast address",
  linkLocal: "a link-local address",
  loopback: "a loopback address",
  carrierGradeNat: "a shared (carrier-grade NAT) address",
  private: "a private address",
  uniqueLocal: "a unique local (private) address",
  reserved: "a reserved or documentation address",
  benchmarking: "a benchmarking address",
  rfc6145: "an IPv4-translated address",
  rfc6052: "a local-use NAT64 address",
  "6to4": "a 6to4 address",
  teredo: "a Teredo address",
};

function describe(range: string): string {
  return RANGE_NAMES[range] ?? `in the special-purpose range "${range}"`;
}

/**
 * Why a webhook must not connect to `ip`, or null when it is public unicast.
 * Text that is not an IP address is refused too.
 *
 * @example addressRefusal("::ffff:127.0.0.1") // "::ffff:127.0.0.1 is the IPv4-mapped form of 127.0.0.1, a loopback address"
 */
export function addressRefusal(ip: string): string | null {
  const bare = canonical(ip);
  if (bare === null) return `${ip} is not an IP address`;
  const addr = ipaddr.parse(bare);
  if (addr.kind() === "ipv4") {
    const range = addr.range();
    return range === "unicast" ? null : `${bare} is ${describe(range)}`;
  }
  const v6 = addr as ipaddr.IPv6;
  if (v6.isIPv4MappedAddress() || v6.match(NAT64)) {
    const v4 = ipaddr.fromByteArray(v6.toByteArray().slice(12)) as ipaddr.IPv4;
    const range = v4.range();
    const form = v6.isIPv4MappedAddress() ? "IPv4-mapped" : "NAT64";
    return range === "unicast" ? null : `${bare} is the ${form} form of ${v4}, ${describe(range)}`;
  }
  const range = v6.range();
  if (range !== "unicast") return `${bare} is ${describe(range)}`;
  if (v6.parts.slice(0, 6).every((p) => p === 0)) {
    return `${bare} is an IPv4-compatible address (deprecated, carries an IPv4 address)`;
  }
  return null;
}

/**
 * An IP address in canonical text, or null for anything else. IPv6 goes
 * through the WHATWG host parser first, which writes an embedded dotted quad
 * as hex (`::127.0.0.1` is `::7f00:1`): ipaddr.js reads that notation as
 * IPv4-mapped whatever the leading groups say. IPv4 must be four decimals.
 */
function canonical(ip: string): string | null {
  const bare = ip.replace(/^\[(.*)\]$/, "$1");
  if (!bare.includes(":")) return ipaddr.IPv4.isValidFourPartDecimal(bare) ? bare : null;
  try {
    return new URL(`http://[${bare}]/`).hostname.slice(1, -1);
  } catch {
    return null;
  }
}

/**
 * What is wrong with a webhook URL's shape, or null: it must parse as a URL
 * (WHATWG), be `http://` or `https://` followed by a host, and carry no
 * whitespace, user name or password.
 *
 * @example webhookUrlProblem("http:///a") // "\"http:///a\" has no host after //"
 */
export function webhookUrlProblem(text: string): string | null {
  if (/\s/.test(text)) return `"${text}" contains whitespace`;
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    return `"${text}" is not a URL`;
  }
  if (u.protocol !== "https:" && u.protocol !== "http:") return `"${text}" is not an http(s) URL`;
  // WHATWG reads "http:///a" and "http:\\a" as the host "a"; a webhook must name its host.
  if (!/^https?:\/\/[^/\\?#]/i.test(text)) return `"${text}" has no host after //`;
  if (u.username || u.password) {
    return `URL for ${u.host} must not carry a user name or password`;
  }
  return null;
}

/** The URL's host without brackets or trailing dots. */
function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, "$1").replace(/\.+$/, "");
}

/**
 * Why `url` is not a public target without asking DNS: an address literal
 * that is refused, or a local or single-label name; null when it may be public.
 */
export function obviouslyPrivate(url: string): string | null {
  const host = hostOf(new URL(url));
  if (canonical(host) !== null) return addressRefusal(host);
  if (LOCAL_NAMES.test(host)) return `${host} is a local host name`;
  if (!host.includes(".")) return `${host} is a single-label (local) host name`;
  return null;
}

/**
 * `Deno.resolveDns` through the system's resolver configuration, or through
 * `nameServer` when given, with "no such record" as an empty answer.
 *
 * @example dnsResolver({ ipAddr: "127.0.0.1", port: 5353 })("hooks.example.com", "A")
 */
export function dnsResolver(nameServer?: { ipAddr: string; port: number }): ResolveDns {
  return async (host, type, signal) => {
    try {
      return await Deno.resolveDns(host, type, { ...(nameServer ? { nameServer } : {}), signal });
    } catch (err) {
      if (err instanceof Deno.errors.NotFound) return [];
      throw err;
    }
  };
}

/** The system's resolver: {@link dnsResolver} without a name server of its own. */
export const systemResolver: ResolveDns = dnsResolver();

/** Where a delivery may connect, or why it may not. */
export type Target = { addresses: string[] } | { refused: string };

/**
 * Resolves a webhook URL's host (A, then AAAA records; an address literal is
 * itself) and vets every address, unless `allowPrivate`. A name with any
 * refused address is refused: the caller connects only to addresses
 * returned here.
 */
export async function resolveTarget(
  url: string,
  resolve: ResolveDns,
  allowPrivate: boolean,
  signal?: AbortSignal,
): Promise<Target> {
  const parsed = new URL(url);
  const host = hostOf(parsed);
  const literal = obviouslyPrivate(url);
  if (literal !== null && !allowPrivate) return { refused: literal };
  if (canonical(host) !== null) return { addresses: [host] };
  const [a, aaaa] = await Promise.all([resolve(host, "A", signal), resolve(host, "AAAA", signal)]);
  const addresses = [...a, ...aaaa];
  if (addresses.length === 0) return { refused: `${host} does not resolve to any address` };
  if (!allowPrivate) {
    for (const address of addresses) {
      const reason = addressRefusal(address);
      if (reason) return { refused: `${host} resolves to ${address}: ${reason}` };
    }
  }
  return { addresses };
}
