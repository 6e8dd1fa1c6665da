/**
 * Small helpers shared by the alert modules.
 *
 * @module
 */

/**
 * Lower-case hexadecimal of some bytes.
 *
 * @example hex(new Uint8Array([1, 255])) // "01ff"
 */
export function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
