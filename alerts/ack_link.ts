/**
 * Signed one-click acknowledge links carried by every notification:
 * `<PUBLIC_URL>/api/alerts/events/<id>/ack-link?exp=<unix s>&sig=<hex>`, where
 * `sig` is HMAC-SHA256 of `ack.<id>.<exp>` under a key derived from the JWT
 * secret. A link works without signing in until `exp`, seven days after the
 * event was stored (so a webhook body stays the same across attempts).
 *
 * @module
 */
import { hex } from "../util/digest.ts";

/** How long an acknowledge link works after its event was stored. */
export const ACK_LINK_TTL_MS = 7 * 86_400_000;

async function hmac(key: Uint8Array, text: string): Promise<Uint8Array> {
  const k = await crypto.subtle.importKey(
    "raw",
    key as Uint8Array<ArrayBuffer>,
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  return new Uint8Array(await crypto.subtle.sign("HMAC", k, new TextEncoder().encode(text)));
}

/** The signature of an event's link expiring at `exp` (unix seconds), keyed off `secret`. */
export async function ackSignature(secret: Uint8Array, eventId: string, exp: number) {
  const key = await hmac(secret, "ercot-analytics alert acknowledge links");
  return hex(await hmac(key, `ack.${eventId}.${exp}`));
}

/** The link for an event stored at `createdAt`. */
export async function ackLink(
  publicUrl: string,
  secret: Uint8Array,
  e: { id: string; created_at: Date },
): Promise<string> {
  const exp = Math.floor((e.created_at.getTime() + ACK_LINK_TTL_MS) / 1000);
  const sig = await ackSignature(secret, e.id, exp);
  return `${publicUrl}/api/alerts/events/${e.id}/ack-link?exp=${exp}&sig=${sig}`;
}

/** Whether a link's `exp` and `sig` are genuine and unexpired at `now`. */
export async function checkAckLink(
  secret: Uint8Array,
  eventId: string,
  exp: number,
  sig: string,
  now: Date,
): Promise<"ok" | "expired" | "forged"> {
  const expected = await ackSignature(secret, eventId, exp);
  const a = new TextEncoder().encode(expected);
  const b = new TextEncoder().encode(sig.toLowerCase());
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.min(a.length, b.length); i++) diff |= a[i] ^ b[i];
  if (diff !== 0) return "forged";
  return now.getTime() / 1000 > exp ? "expired" : "ok";
}
