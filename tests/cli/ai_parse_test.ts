import assert from "node:assert/strict";
import { answerLine, parseArgs } from "../../cli/ai_parse.ts";

const CLI = new URL("../../cli/ai_parse.ts", import.meta.url).pathname;
const NOW = "2026-11-27T12:00:00-06:00";

async function run(
  args: string[],
  stdin = "",
): Promise<{ code: number; stdout: string; stderr: string }> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--quiet", "--allow-read", CLI, ...args],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(stdin));
  await writer.close();
  const out = await child.output();
  const decode = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code: out.code, stdout: decode(out.stdout), stderr: decode(out.stderr) };
}

Deno.test("ai_parse prints the VizSpec of a request given as arguments", async () => {
  const { code, stdout, stderr } = await run(["--now", NOW, "west", "hub", "price", "yesterday"]);
  assert.equal(code, 0, stderr);
  const spec = JSON.parse(stdout);
  assert.deepEqual(spec.series, ["spp.rt.hb_west"]);
  assert.deepEqual(spec.range, { start: "2026-11-26T06:00:00Z", end: "2026-11-27T06:00:00Z" });
  assert.equal(spec.version, 1);
});

Deno.test("ai_parse prints an error object and exits 1 for an unanswerable request", async () => {
  const { code, stdout } = await run(["--now", NOW, "tell me a joke"]);
  assert.equal(code, 1);
  assert.match(JSON.parse(stdout).error, /^I don't know a series called "joke"/);
});

Deno.test("ai_parse --jsonl answers plain and dev.jsonl-shaped lines one to one", async () => {
  const lines = [
    "fuel mix yesterday",
    "",
    JSON.stringify({ text: "load today", now: "2021-02-15T12:00:00-06:00", expect: {} }),
    JSON.stringify({ text: "solr" }),
    "{not json",
    JSON.stringify({ now: NOW }),
    JSON.stringify({ text: "load", now: "yesterday" }),
  ];
  const { code, stdout } = await run(["--jsonl", "--now", NOW], lines.join("\n"));
  assert.equal(code, 0);
  const out = stdout.trim().split("\n").map((l) => JSON.parse(l));
  assert.equal(out.length, 6);
  assert.equal(out[0].series.length, 8);
  assert.equal(out[0].range.start, "2026-11-26T06:00:00Z");
  assert.deepEqual(out[1].range, { start: "2021-02-15T06:00:00Z", end: "2021-02-16T06:00:00Z" });
  assert.match(out[2].error, /"solr"/);
  assert.equal(out[3].error, "Line is not valid JSON");
  assert.equal(out[4].error, "Line has no text member");
  assert.match(out[5].error, /Member now "yesterday" is not an ISO 8601 instant/);
});

Deno.test("ai_parse exits 2 with one line on stderr for bad usage", async (t) => {
  const cases: [string[], RegExp][] = [
    [[], /^Give a request to parse, or --jsonl/],
    [["--now"], /^Option --now needs an instant/],
    [["--now", "tomorrow", "load"], /^Option --now "tomorrow" is not an ISO 8601 instant/],
    [["--verbose", "load"], /^Unknown option "--verbose"/],
    [["--jsonl", "load"], /^Give either --jsonl or a request/],
  ];
  for (const [args, pattern] of cases) {
    await t.step(args.join(" ") || "(no arguments)", async () => {
      const { code, stdout, stderr } = await run(args);
      assert.equal(code, 2);
      assert.equal(stdout, "");
      assert.equal(stderr.trim().split("\n").length, 1);
      assert.match(stderr, pattern);
      assert.match(stderr, /usage: ai_parse\.ts/);
    });
  }
});

Deno.test("parseArgs() reads --now=, -- and defaults now from the clock", () => {
  const clock = () => new Date("2030-01-01T00:00:00Z");
  assert.deepEqual(parseArgs(["--now=2026-01-01T00:00:00Z", "load"], clock), {
    now: new Date("2026-01-01T00:00:00Z"),
    jsonl: false,
    text: "load",
  });
  assert.equal(parseArgs(["--", "--jsonl", "load"], clock).text, "--jsonl load");
  assert.equal(parseArgs(["load"], clock).now.toISOString(), "2030-01-01T00:00:00.000Z");
});

Deno.test("answerLine() uses the line's own now over the default", () => {
  const spec = answerLine(
    JSON.stringify({ text: "load yesterday", now: "2021-02-16T12:00:00-06:00" }),
    new Date(),
  ) as {
    range: { start: string };
  };
  assert.equal(spec.range.start, "2021-02-15T06:00:00Z");
});
