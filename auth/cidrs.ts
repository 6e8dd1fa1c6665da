/**
 * Address ranges an API key may be used from (`allowed_cidrs`), IPv4 and
 * IPv6, parsed and matched with ipaddr.js. A range is written
 * `address/prefix` with no host bits set (`10.0.0.0/8`, `2001:db8::/32`); a
 * bare address means that address alone. IPv4 must be four decimals, and an
 * IPv4-mapped IPv6 client (`::ffff:10.1.2.3`, as a dual-stack socket reports
 * it) matches IPv4 ranges.
 *
 * @module
 */
import ipaddr from "ipaddr.js";

/** The most ranges one key may carry. */
export const MAX_CIDRS = 50;

/**
 * The canonical form of a range (`10.0.0.0/8`, `2001:db8::/32`), or a
 * sentence saying what is wrong with `text`.
 *
 * @example parseCidr("10.1.0.0/16") // { cidr: "10.1.0.0/16" }
 * @example parseCidr("10.1.2.3/8") // { problem: "\"10.1.2.3/8\" has host bits set; the range is 10.0.0.0/8" }
 */
export function parseCidr(text: string): { cidr: string } | { problem: string } {
  const [address, bits, ...rest] = text.trim().split("/");
  if (rest.length > 0) return { problem: `"${text}" is not address/prefix` };
  const addr = parseAddress(address);
  if (!addr) return { problem: `"${text}" does not start with an IPv4 or IPv6 address` };
  const max = addr.kind() === "ipv4" ? 32 : 128;
  const prefix = bits === undefined ? max : /^\d{1,3}$/.test(bits) ? Number(bits) : NaN;
  if (!(prefix >= 0 && prefix <= max)) {
    return { problem: `"${text}" has prefix length "${bits}"; use 0 to ${max}` };
  }
  const network = networkOf(addr, prefix);
  if (network.toString() !== addr.toString()) {
    return { problem: `"${text}" has host bits set; the range is ${network}/${prefix}` };
  }
  return { cidr: `${network}/${prefix}` };
}

/** Whether `text` is a range {@link parseCidr} accepts. */
export function isCidr(text: string): boolean {
  return "cidr" in parseCidr(text);
}

/**
 * Whether the client address `ip` lies in one of `cidrs` (canonical ranges
 * from {@link parseCidr}); an address that does not parse lies in none.
 *
 * @example addressAllowed("10.1.2.3", ["10.0.0.0/8"]) // true
 */
export function addressAllowed(ip: string, cidrs: readonly string[]): boolean {
  const parsed = parseAddress(ip.replace(/^\[(.*)\]$/, "$1"));
  if (!parsed) return false;
  const addr = parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress()
    ? (parsed as ipaddr.IPv6).toIPv4Address()
    : parsed;
  return cidrs.some((text) => {
    const range = ipaddr.parseCIDR(text);
    return range[0].kind() === addr.kind() && addr.match(range);
  });
}

function parseAddress(text: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  if (text.includes(":")) {
    return !text.includes("%") && ipaddr.IPv6.isValid(text) ? ipaddr.IPv6.parse(text) : null;
  }
  return ipaddr.IPv4.isValidFourPartDecimal(text) ? ipaddr.IPv4.parse(text) : null;
}

function networkOf(addr: ipaddr.IPv4 | ipaddr.IPv6, prefix: number): ipaddr.IPv4 | ipaddr.IPv6 {
  const bytes = addr.toByteArray();
  for (let i = 0; i < bytes.length; i++) {
    const keep = Math.max(0, Math.min(8, prefix - i * 8));
    bytes[i] &= (0xff << (8 - keep)) & 0xff;
  }
  return ipaddr.fromByteArray(bytes);
}
