import assert from "node:assert/strict";
import {
  addressRefusal,
  obviouslyPrivate,
  type ResolveDns,
  resolveTarget,
  webhookUrlProblem,
} from "../../alerts/address.ts";

/** Addresses no webhook may reach, with what the refusal must say. */
export const REFUSED_ADDRESSES: [string, RegExp][] = [
  ["127.0.0.1", /loopback/],
  ["127.9.9.9", /loopback/],
  ["10.0.0.5", /private/],
  ["172.16.0.1", /private/],
  ["172.31.255.254", /private/],
  ["192.168.1.10", /private/],
  ["169.254.169.254", /link-local/],
  ["100.64.0.1", /carrier-grade NAT/],
  ["0.0.0.0", /unspecified/],
  ["255.255.255.255", /broadcast/],
  ["224.0.0.1", /multicast/],
  ["240.0.0.1", /reserved/],
  ["192.0.0.8", /reserved/],
  ["192.0.2.10", /documentation/],
  ["198.51.100.7", /documentation/],
  ["203.0.113.9", /documentation/],
  ["198.18.0.1", /reserved|benchmarking/],
  ["::1", /loopback/],
  ["::", /unspecified/],
  ["fc00::1", /unique local/],
  ["fd12:3456::1", /unique local/],
  ["fe80::1", /link-local/],
  ["ff02::1", /multicast/],
  ["2001:db8::1", /documentation/],
  ["2001:2::1", /benchmarking/],
  ["::ffff:127.0.0.1", /IPv4-mapped form of 127\.0\.0\.1, a loopback/],
  ["::ffff:10.0.0.1", /IPv4-mapped form of 10\.0\.0\.1, a private/],
  ["::ffff:0:127.0.0.1", /IPv4-translated/],
  ["::127.0.0.1", /IPv4-compatible/],
  ["::7f00:1", /IPv4-compatible/],
  ["::8.8.8.8", /IPv4-compatible/],
  ["64:ff9b::7f00:1", /NAT64 form of 127\.0\.0\.1, a loopback/],
  ["64:ff9b::a9fe:a9fe", /NAT64 form of 169\.254\.169\.254, a link-local/],
  ["64:ff9b:1::a9fe:a9fe", /local-use NAT64/],
  ["2002:7f00:1::", /6to4/],
  ["2002:a9fe:a9fe::", /6to4/],
  ["2001:0:4136:e378:8000:63bf:3fff:fdd2", /Teredo/],
  ["not-an-address", /not an IP address/],
  ["0x7f.1", /not an IP address/],
];

Deno.test("addressRefusal() refuses every special-purpose range and every IPv6 form carrying one", () => {
  for (const [ip, reason] of REFUSED_ADDRESSES) {
    const refusal = addressRefusal(ip);
    assert.ok(refusal, `${ip} was allowed`);
    assert.match(refusal, reason, ip);
  }
  for (const ip of ["8.8.8.8", "93.184.216.34", "172.32.0.1", "100.128.0.1", "2606:4700::1111"]) {
    assert.equal(addressRefusal(ip), null, ip);
  }
  assert.equal(addressRefusal("::ffff:1.1.1.1"), null, "IPv4-mapped public");
  assert.equal(addressRefusal("64:ff9b::808:808"), null, "NAT64 of 8.8.8.8 (DNS64 networks)");
});

Deno.test("webhookUrlProblem() wants http(s), a host after // and no credentials or whitespace", () => {
  for (
    const [url, problem] of [
      ["http:///a", /has no host/],
      ["http:/a", /has no host/],
      ["https:\\\\evil.example", /has no host/],
      ["ftp://example.com/x", /not an http\(s\) URL/],
      ["javascript:alert(1)", /not an http\(s\) URL/],
      ["https://user:pw@example.com/", /user name or password/],
      ["https://exa mple.com/", /whitespace/],
      ["https://example.com/\n", /whitespace/],
      ["hooks.example.com/x", /not a URL/],
    ] as const
  ) assert.match(webhookUrlProblem(url) ?? "accepted", problem, url);
  assert.equal(webhookUrlProblem("https://hooks.example.com:8443/x?y=1"), null);
});

Deno.test("obviouslyPrivate() refuses address literals in every notation and local names", () => {
  for (
    const url of [
      "http://127.0.0.1:8080/hook",
      "http://2130706433/",
      "http://0x7f.1/",
      "http://[::1]/",
      "http://[::ffff:0:127.0.0.1]/",
      "http://[::127.0.0.1]/",
      "http://[::7f00:1]/",
      "http://[64:ff9b::7f00:1]/",
      "http://[64:ff9b::a9fe:a9fe]/",
      "http://[2002:7f00:1::]/",
      "http://[2002:a9fe:a9fe::]/",
      "https://192.0.2.1/",
      "https://198.51.100.1/",
      "https://203.0.113.1/",
      "https://[2001:db8::1]/",
      "http://localhost:9000/",
      "http://localhost./",
      "http://api.localhost/",
      "http://printer.local/",
      "http://metadata.google.internal/",
      "http://router.home.arpa/",
      "http://intranet/",
    ]
  ) assert.notEqual(obviouslyPrivate(url), null, url);
  assert.equal(obviouslyPrivate("https://hooks.example.com/x"), null);
  assert.equal(obviouslyPrivate("https://8.8.8.8/x"), null);
});

Deno.test("resolveTarget() vets every address a name resolves to, unless private targets are allowed", async () => {
  const answers: Record<string, string[]> = {
    "ok.example.test/A": ["93.184.216.34"],
    "ok.example.test/AAAA": ["2606:2800:220:1::1"],
    "mixed.example.test/A": ["93.184.216.34"],
    "mixed.example.test/AAAA": ["::1"],
    "inside.example.test/A": ["10.0.0.7"],
  };
  const resolve: ResolveDns = (host, type) => Promise.resolve(answers[`${host}/${type}`] ?? []);
  assert.deepEqual(await resolveTarget("https://ok.example.test/x", resolve, false), {
    addresses: ["93.184.216.34", "2606:2800:220:1::1"],
  });
  assert.deepEqual(await resolveTarget("https://ok.example.test./x", resolve, false), {
    addresses: ["93.184.216.34", "2606:2800:220:1::1"],
  });
  const mixed = await resolveTarget("https://mixed.example.test/x", resolve, false);
  assert.match("refused" in mixed ? mixed.refused : "", /resolves to ::1: ::1 is a loopback/);
  const inside = await resolveTarget("https://inside.example.test/x", resolve, false);
  assert.match("refused" in inside ? inside.refused : "", /10\.0\.0\.7 is a private address/);
  assert.deepEqual(await resolveTarget("https://inside.example.test/x", resolve, true), {
    addresses: ["10.0.0.7"],
  });
  const nowhere = await resolveTarget("https://nowhere.example.test/x", resolve, false);
  assert.match("refused" in nowhere ? nowhere.refused : "", /does not resolve/);
  assert.deepEqual(await resolveTarget("http://[::1]:9/x", resolve, true), { addresses: ["::1"] });
});
