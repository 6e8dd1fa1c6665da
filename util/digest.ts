/**
 * Hex digests: the one place bytes become lower-case hexadecimal. It imports
 * nothing of ours.
 *
 * @module
 */

/**
 * Lower-case hexadecimal of some bytes, two digits each.
 *
 * @example hex(new Uint8Array([1, 255])) // "01ff"
 */
export function hex(bytes: Uint8Array | ArrayBuffer): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  return Array.from(view, (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * The hex digest of `data` (a string is hashed as UTF-8) under `algorithm`
 * (SHA-256 unless named).
 *
 * @example await digestHex("abc") // "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
 */
export async function digestHex(
  data: string | Uint8Array,
  algorithm: "SHA-1" | "SHA-256" | "SHA-384" | "SHA-512" = "SHA-256",
): Promise<string> {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  return hex(await crypto.subtle.digest(algorithm, bytes as BufferSource));
}
