import assert from "node:assert/strict";
import {
  apiKeyPrefix,
  constantTimeEqual,
  crc32,
  hashApiKey,
  mintApiKey,
} from "../../auth/api_keys.ts";

Deno.test("mintApiKey() makes ea_<30 base62>_<6 base62> keys with 178 random bits", async () => {
  const { key, prefix, hash } = await mintApiKey();
  assert.match(key, /^ea_[0-9A-Za-z]{30}_[0-9A-Za-z]{6}$/);
  assert.ok(30 * Math.log2(62) >= 128);
  assert.equal(prefix, key.slice(0, 11));
  assert.equal(hash, await hashApiKey(key));
  assert.match(hash, /^[0-9a-f]{64}$/);
});

Deno.test("mintApiKey() never repeats a key", async () => {
  const keys = new Set<string>();
  for (let i = 0; i < 200; i++) keys.add((await mintApiKey()).key);
  assert.equal(keys.size, 200);
});

Deno.test("apiKeyPrefix() accepts a minted key and refuses any one-character typo", async () => {
  const { key, prefix } = await mintApiKey();
  assert.equal(apiKeyPrefix(key), prefix);
  for (let i = 3; i < key.length; i++) {
    if (key[i] === "_") continue;
    const typo = key.slice(0, i) + (key[i] === "a" ? "b" : "a") + key.slice(i + 1);
    assert.equal(apiKeyPrefix(typo), undefined, `typo at ${i} passed: ${typo}`);
  }
});

Deno.test("apiKeyPrefix() refuses values of the wrong shape", async (t) => {
  const { key } = await mintApiKey();
  for (
    const [name, value] of [
      ["empty", ""],
      ["a JWT", "eyJhbGciOiJIUzI1NiJ9.e30.sig"],
      ["another prefix", "xx" + key.slice(2)],
      ["truncated", key.slice(0, -1)],
      ["extended", key + "0"],
      ["with a space", key.slice(0, 10) + " " + key.slice(11)],
    ]
  ) {
    await t.step(name, () => assert.equal(apiKeyPrefix(value), undefined));
  }
});

Deno.test("crc32() matches the IEEE check value", () => {
  assert.equal(crc32(new TextEncoder().encode("123456789")), 0xcbf43926);
  assert.equal(crc32(new Uint8Array()), 0);
});

Deno.test("constantTimeEqual() compares whole strings", () => {
  assert.equal(constantTimeEqual("abcdef", "abcdef"), true);
  assert.equal(constantTimeEqual("abcdef", "abcdeg"), false);
  assert.equal(constantTimeEqual("abcdef", "bbcdef"), false);
  assert.equal(constantTimeEqual("abc", "abcd"), false);
});
