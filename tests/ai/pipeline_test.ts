import assert from "node:assert/strict";
import {
  createAnswerCache,
  createVizPipeline,
  normalizeRequestText,
  type PipelineOptions,
} from "../../ai/pipeline.ts";
import { parseRequest } from "../../ai/rules.ts";
import { type FakeBedrock, startFakeBedrock, westHubSpec } from "../../dev/fake_bedrock.ts";

const NOW = new Date("2026-11-27T18:00:00Z");

async function withFake(fn: (fake: FakeBedrock) => Promise<void>): Promise<void> {
  const fake = startFakeBedrock();
  try {
    await fn(fake);
  } finally {
    await fake.close();
  }
}

function pipelineOver(fake: FakeBedrock, options: Partial<PipelineOptions> = {}) {
  return createVizPipeline({
    llm: fake.provider(),
    rules: parseRequest,
    now: () => NOW,
    cache: createAnswerCache({ max: 8 }),
    ...options,
  });
}

Deno.test("interpret() answers from Bedrock when the tool call is valid", async () => {
  await withFake(async (fake) => {
    fake.queue.push({ toolInput: westHubSpec({ title: "From the model" }) });
    const answer = await pipelineOver(fake).interpret("west hub price");
    assert.equal(answer.provider, "bedrock");
    assert.equal(answer.fallbackReason, undefined);
    assert.ok("spec" in answer && answer.spec.title === "From the model");
  });
});

Deno.test("interpret() falls back to the rule parser with the reason", async (t) => {
  const cases: [string, Parameters<FakeBedrock["queue"]["push"]>[0], string][] = [
    ["a text answer", { text: "I cannot draw charts" }, "invalid_output"],
    ["malformed JSON", { rawBody: '{"output": ' }, "invalid_output"],
    ["a schema failure", { toolInput: westHubSpec({ chart: "pie" }) }, "invalid_output"],
    [
      "an unknown series",
      { toolInput: westHubSpec({ series: ["spp.rt.hb_nowhere"] }) },
      "invalid_output",
    ],
    ["access denied", { error: "AccessDeniedException" }, "access_denied"],
    ["throttling with nothing cached", { error: "ThrottlingException" }, "throttled"],
    ["another AWS error", { error: "ValidationException" }, "upstream_error"],
  ];
  await withFake(async (fake) => {
    const pipeline = pipelineOver(fake);
    for (const [name, answer, reason] of cases) {
      await t.step(name, async () => {
        fake.queue.push(answer);
        const got = await pipeline.interpret("north hub price yesterday");
        assert.equal(got.provider, "rules");
        assert.equal(got.fallbackReason, reason);
        assert.ok("spec" in got);
        assert.deepEqual(got.spec.series, ["spp.rt.hb_north"]);
        assert.equal(pipeline.lastFailure()?.reason, reason);
      });
    }
  });
});

Deno.test("interpret() answers a throttled request from the cache of the same normalized text", async () => {
  await withFake(async (fake) => {
    const pipeline = pipelineOver(fake);
    fake.queue.push({ toolInput: westHubSpec({ title: "Cached answer" }) });
    assert.equal((await pipeline.interpret("West hub  PRICE")).provider, "bedrock");
    fake.queue.push({ error: "ThrottlingException" }, { error: "ThrottlingException" });
    const cached = await pipeline.interpret("  west HUB price ");
    assert.equal(cached.provider, "bedrock");
    assert.equal(cached.fallbackReason, "throttled_cached");
    assert.ok("spec" in cached && cached.spec.title === "Cached answer");
    const other = await pipeline.interpret("houston hub price");
    assert.equal(other.fallbackReason, "throttled");
    assert.equal(other.provider, "rules");
  });
});

Deno.test("interpret() gives up on a slow answer after the timeout", async () => {
  await withFake(async (fake) => {
    fake.queue.push({ delayMs: 1500 });
    const pipeline = pipelineOver(fake, { timeoutMs: 100 });
    const t0 = performance.now();
    const answer = await pipeline.interpret("west hub price");
    assert.ok(performance.now() - t0 < 1000);
    assert.equal(answer.fallbackReason, "timeout");
    assert.equal(answer.provider, "rules");
    assert.match(pipeline.lastFailure()?.message ?? "", /within 100 ms/);
  });
});

Deno.test("interpret() uses the rule parser alone when no LLM is configured or it is skipped", async () => {
  const rulesOnly = createVizPipeline({
    rules: parseRequest,
    now: () => NOW,
    cache: createAnswerCache(),
  });
  assert.equal(rulesOnly.usesLlm, false);
  const answer = await rulesOnly.interpret("fuel mix today");
  assert.deepEqual([answer.provider, answer.fallbackReason], ["rules", "not_configured"]);
  await withFake(async (fake) => {
    const skipped = await pipelineOver(fake).interpret("load", { skip: "budget_exhausted" });
    assert.equal(skipped.fallbackReason, "budget_exhausted");
    assert.equal(fake.requests.length, 0);
  });
});

Deno.test("interpret() passes the rule parser's refusal through", async () => {
  const pipeline = createVizPipeline({
    rules: parseRequest,
    now: () => NOW,
    cache: createAnswerCache(),
  });
  const answer = await pipeline.interpret("tell me a joke");
  assert.ok("error" in answer && answer.error.length > 0);
});

Deno.test("createAnswerCache() drops the least recently used entry past its size", () => {
  const cache = createAnswerCache({ max: 2 });
  const spec = (title: string) =>
    ({ ...westHubSpec({ title }), resolution: "auto", agg: "avg", stacked: false }) as never;
  cache.set("a", spec("a"));
  cache.set("b", spec("b"));
  cache.get("a");
  cache.set("c", spec("c"));
  assert.equal(cache.size, 2);
  assert.equal(cache.get("b"), undefined);
  assert.ok(cache.get("a") && cache.get("c"));
  assert.throws(() => createAnswerCache({ max: 0 }), /Answer cache size 0/);
  assert.throws(
    () => createVizPipeline({ rules: parseRequest, now: () => NOW, cache, timeoutMs: 0 }),
    /LLM timeout 0 ms/,
  );
});

Deno.test("normalizeRequestText() folds case, width and whitespace", () => {
  assert.equal(normalizeRequestText("  Ｗest\tHUB   price "), "west hub price");
});
