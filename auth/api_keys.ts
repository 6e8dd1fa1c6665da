/**
 * API key format: `ea_<30 base62 characters>_<6 base62 characters>`. The
 * random part carries 178 bits; the tail is the CRC32 of everything before
 * it, so a mistyped key is refused without touching the database. Keys are
 * stored only as SHA-256 hex and compared in constant time; the first 11
 * characters (`ea_` + 8) are kept as a public prefix to find and show a key.
 *
 * @module
 */
import { digestHex } from "../util/digest.ts";

/** Every key starts with this. */
export const API_KEY_PREFIX = "ea_";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const RANDOM_LENGTH = 30;
const CHECK_LENGTH = 6;
const PREFIX_LENGTH = API_KEY_PREFIX.length + 8;
const SHAPE = new RegExp(`^ea_[0-9A-Za-z]{${RANDOM_LENGTH}}_[0-9A-Za-z]{${CHECK_LENGTH}}$`);

/** A newly minted key: show `key` once, store `prefix` and `hash`. */
export interface MintedKey {
  key: string;
  prefix: string;
  hash: string;
}

/**
 * Mints a key.
 *
 * @example
 * const { key, prefix, hash } = await mintApiKey();
 * // key: "ea_3fQ…_0aZ9kQ"
 */
export async function mintApiKey(): Promise<MintedKey> {
  const body = API_KEY_PREFIX + randomBase62(RANDOM_LENGTH);
  const key = `${body}_${checksum(body)}`;
  return { key, prefix: key.slice(0, PREFIX_LENGTH), hash: await hashApiKey(key) };
}

/** Whether `value` looks like one of our keys (used to tell keys from JWTs). */
export function looksLikeApiKey(value: string): boolean {
  return value.startsWith(API_KEY_PREFIX);
}

/**
 * The public prefix of a well-formed key whose checksum matches, or
 * `undefined` for anything else.
 */
export function apiKeyPrefix(key: string): string | undefined {
  if (!SHAPE.test(key)) return undefined;
  const cut = key.length - CHECK_LENGTH - 1;
  return checksum(key.slice(0, cut)) === key.slice(cut + 1)
    ? key.slice(0, PREFIX_LENGTH)
    : undefined;
}

/** SHA-256 of the key, lower-case hex. */
export async function hashApiKey(key: string): Promise<string> {
  return await digestHex(key);
}

/** Compares two strings in time that depends only on their length. */
export function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

function randomBase62(length: number): string {
  let out = "";
  while (out.length < length) {
    for (const byte of crypto.getRandomValues(new Uint8Array(length * 2))) {
      // 248 = 62 × 4: rejecting the rest keeps every character equally likely.
      if (byte < 248 && out.length < length) out += ALPHABET[byte % 62];
    }
  }
  return out;
}

function checksum(text: string): string {
  let n = crc32(new TextEncoder().encode(text));
  let out = "";
  for (let i = 0; i < CHECK_LENGTH; i++) {
    out = ALPHABET[n % 62] + out;
    n = Math.floor(n / 62);
  }
  return out;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 (IEEE 802.3) of `bytes`. */
export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const b of bytes) crc = CRC_TABLE[(crc ^ b) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
