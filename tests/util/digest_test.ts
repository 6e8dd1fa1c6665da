import assert from "node:assert/strict";
import { digestHex, hex } from "../../util/digest.ts";

Deno.test("hex() writes two lower-case digits per byte", () => {
  assert.equal(hex(new Uint8Array([0, 1, 15, 16, 255])), "00010f10ff");
  assert.equal(hex(new Uint8Array([171, 205]).buffer), "abcd");
  assert.equal(hex(new Uint8Array()), "");
});

Deno.test("digestHex() matches the published SHA-256 and SHA-1 vectors, for text and bytes", () => {
  const sha256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
  return Promise.all([
    digestHex("abc").then((h) => assert.equal(h, sha256)),
    digestHex(new TextEncoder().encode("abc")).then((h) => assert.equal(h, sha256)),
    digestHex("abc", "SHA-1").then((h) =>
      assert.equal(h, "a9993e364706816aba3e25717850c26c9cd0d89d")
    ),
  ]).then(() => undefined);
});
