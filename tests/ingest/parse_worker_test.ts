import assert from "node:assert/strict";
import { startParseWorker } from "../../ingest/parse_worker.ts";
import { type FeedId, FEEDS } from "../../ingest/feeds/mod.ts";
import type { ParseOptions } from "../../ingest/feeds/helpers.ts";
import { ParseError, SchemaChangedError } from "../../domain/errors.ts";
import { bytes, handWritten, readRecording, recording } from "../_fixtures.ts";

const NP3_560_NAME = "cdr.00012311.0000000000000000.20250313.123000.LFCCONGESTNP3560_csv.zip";
const NP3_560 = recording(`mis-np3-560-cd/${NP3_560_NAME}`);
const NP6_788 = recording(
  "mis-np6-788-cd/cdr.00012300.0000000000000000.20260625.004020.LMPSROSNODENP6788_20260625_004018.rows-subset.csv",
);

Deno.test("the parse worker gives exactly what the feed's parser gives: DST days, resource nodes, publication times", async () => {
  const worker = startParseWorker();
  try {
    const cases: { feed: FeedId; doc: Uint8Array; opts: ParseOptions }[] = [
      { feed: "np6_905", doc: handWritten("np6_905_fallback_2025-11-02.csv"), opts: {} },
      { feed: "np6_905", doc: handWritten("np6_905_springforward_2026-03-08.csv"), opts: {} },
      { feed: "np4_190", doc: handWritten("np4_190_fallback_2025-11-02.csv"), opts: {} },
      { feed: "supply_demand", doc: handWritten("supply_demand_2025-11-02.json"), opts: {} },
      ...(NP3_560 === null ? [] : [{
        feed: "np3_560" as const,
        doc: readRecording(NP3_560),
        opts: { fileName: NP3_560_NAME },
      }]),
      ...(NP6_788 === null ? [] : [{
        feed: "np6_788" as const,
        doc: readRecording(NP6_788),
        opts: { settlementPoints: "all" as const },
      }]),
    ];
    for (const c of cases) {
      const direct = FEEDS[c.feed].parse(c.doc, c.opts);
      assert.ok(direct.length > 0, c.feed);
      assert.deepEqual(await worker.parse(c.feed, c.doc, c.opts), direct, c.feed);
      if (c.feed === "np3_560") assert.ok(direct[0].publishedAt, "forecasts carry their posting");
    }
  } finally {
    worker.close();
  }
});

Deno.test("a document the parser refuses is refused across the thread with its class and message", async () => {
  const worker = startParseWorker();
  try {
    const broken = bytes(
      "DeliveryDate,HourEnding,SettlementPoint,SettlementPointPrice,DSTFlag\n" +
        "11/02/2025,01:00,HB_WEST,abc,N\n",
    );
    const drifted = bytes("DeliveryDate,HourEnding,Price\n11/02/2025,01:00,1\n");
    for (const doc of [broken, drifted]) {
      let direct: Error | undefined;
      try {
        FEEDS.np4_190.parse(doc, {});
      } catch (err) {
        direct = err as Error;
      }
      assert.ok(direct instanceof ParseError || direct instanceof SchemaChangedError);
      await assert.rejects(worker.parse("np4_190", doc, {}), (err: Error) => {
        assert.equal(err.constructor, direct!.constructor);
        assert.equal(err.message, direct!.message);
        return true;
      });
    }
    // The worker goes on after a refusal.
    const good = handWritten("np4_190_fallback_2025-11-02.csv");
    assert.equal(
      (await worker.parse("np4_190", good, {})).length,
      FEEDS.np4_190.parse(good).length,
    );
  } finally {
    worker.close();
  }
});

Deno.test("closing the parse worker rejects a parse still pending", async () => {
  const worker = startParseWorker();
  const pending = worker.parse("np4_190", handWritten("np4_190_fallback_2025-11-02.csv"), {});
  worker.close();
  await assert.rejects(pending, /Parse worker closed/);
});
