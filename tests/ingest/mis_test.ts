import assert from "node:assert/strict";
import { ParseError } from "../../domain/errors.ts";
import {
  intervalKey,
  type MisDocument,
  misDownloadUrl,
  misListingUrl,
  parseConstructedName,
  parseListing,
  readPostingTime,
  selectNewDocuments,
} from "../../ingest/mis.ts";

const FIXTURES = Deno.env.get("FIXTURES_DIR") ??
  decodeURIComponent(new URL("../../../shared/fixtures/ercot", import.meta.url).pathname);
const HAS_FIXTURES = (() => {
  try {
    return Deno.statSync(`${FIXTURES}/mis-doclist`).isDirectory;
  } catch {
    return false;
  }
})();
if (!HAS_FIXTURES) {
  console.warn(`SKIPPED: no recordings at ${FIXTURES}/mis-doclist; recorded-listing tests ignored`);
}

function doc(friendlyName: string, publishDate: string, docId: string): MisDocument {
  return {
    docId,
    friendlyName,
    constructedName: "",
    publishDate: new Date(publishDate),
    reportTypeId: 12301,
    contentSize: 1,
  };
}

Deno.test("misListingUrl() and misDownloadUrl() build ERCOT's MIS paths", () => {
  assert.equal(
    misListingUrl("https://www.ercot.com/", 12301),
    "https://www.ercot.com/misapp/servlets/IceDocListJsonWS?reportTypeId=12301",
  );
  assert.equal(
    misDownloadUrl("http://127.0.0.1:8081", "1085273815"),
    "http://127.0.0.1:8081/misdownload/servlets/mirDownload?doclookupId=1085273815",
  );
  assert.throws(() => misListingUrl("https://www.ercot.com", 0), TypeError);
  assert.throws(() => misDownloadUrl("https://www.ercot.com", "1&x=2"), TypeError);
});

Deno.test({
  name: "parseListing() reads every recorded listing with the right counts",
  ignore: !HAS_FIXTURES,
  async fn(t) {
    const expected: Record<string, { rtid: number; first: string; earliest: string }> = {
      "12311": { rtid: 12311, first: "1085273815", earliest: "2025-03-06T06:30:00.000Z" },
      "13028": { rtid: 13028, first: "", earliest: "2025-03-06T06:55:10.000Z" },
      "13483": { rtid: 13483, first: "", earliest: "2025-03-06T06:55:08.000Z" },
    };
    for await (const entry of Deno.readDir(`${FIXTURES}/mis-doclist`)) {
      const rtid = /reportTypeId-(\d+)/.exec(entry.name)?.[1] ?? "";
      await t.step(entry.name, async () => {
        const docs = parseListing(await Deno.readFile(`${FIXTURES}/mis-doclist/${entry.name}`));
        assert.equal(docs.length, 360);
        assert.equal(docs.filter((d) => d.friendlyName.endsWith("_csv")).length, 180);
        assert.ok(docs.every((d) => d.reportTypeId === expected[rtid].rtid));
        const selected = selectNewDocuments(docs, { known: new Set() });
        assert.equal(selected.length, 180);
        // The listing shows -05:00 on 2025-03-06, before DST began: re-read as CST.
        assert.equal(selected[0].publishDate.toISOString(), expected[rtid].earliest);
        if (expected[rtid].first) assert.equal(docs[0].docId, expected[rtid].first);
      });
    }
  },
});

Deno.test({
  name: "parseListing() types the NP3-560 document the recorded ZIP belongs to",
  ignore: !HAS_FIXTURES,
  async fn() {
    const path =
      `${FIXTURES}/mis-doclist/IceDocListJsonWS_reportTypeId-12311_NP3-560-CD_2025-03-13.json`;
    const [first] = parseListing(await Deno.readFile(path));
    assert.deepEqual(first, {
      docId: "1085273815",
      friendlyName: "LFCCONGESTNP3560_csv",
      constructedName: "cdr.00012311.0000000000000000.20250313.123000586.LFCCONGESTNP3560_csv.zip",
      publishDate: new Date("2025-03-13T17:30:00Z"),
      reportTypeId: 12311,
      contentSize: 10563,
    });
  },
});

Deno.test("parseListing() accepts the RespData wrapper, numbers and a lone document", () => {
  const variant = JSON.stringify({
    ListDocsByRptType: {
      RespData: {
        DocumentList: {
          Document: {
            DocID: 42,
            FriendlyName: "DAMSPNP4190_csv",
            ConstructedName: "cdr.00012331.0000000000000000.20250101.120000123.DAMSPNP4190_csv.zip",
            PublishDate: "2025-01-01T12:00:00-06:00",
            ContentSize: 99,
          },
        },
      },
    },
  });
  const [only] = parseListing(variant);
  assert.equal(only.docId, "42");
  assert.equal(only.reportTypeId, 12331);
  assert.equal(only.contentSize, 99);
  assert.equal(only.publishDate.toISOString(), "2025-01-01T18:00:00.000Z");
});

Deno.test("parseListing() throws a ParseError on bad JSON, a missing list or a missing field", () => {
  assert.throws(() => parseListing("{"), ParseError);
  assert.throws(() => parseListing("{}"), /no ListDocsByRptTypeRes.DocumentList/);
  const noId = {
    ListDocsByRptTypeRes: { DocumentList: [{ Document: { FriendlyName: "X_csv" } }] },
  };
  assert.throws(() => parseListing(JSON.stringify(noId)), /document 0: DocID is missing/);
});

Deno.test("selectNewDocuments() drops _xml twins and keeps the latest _retry repost", () => {
  const docs = [
    doc("SPPHLZNP6905_20230608_1545_xml", "2023-06-08T20:47:00Z", "1"),
    doc("SPPHLZNP6905_20230608_1545_csv", "2023-06-08T20:47:00Z", "2"),
    doc("SPPHLZNP6905_retry_20230608_1545_csv", "2023-06-08T21:05:00Z", "3"),
    doc("SPPHLZNP6905_20230608_1530_csv", "2023-06-08T20:32:00Z", "4"),
    doc("SPPHLZNP6905_20230608_1530_csv", "2023-06-08T20:32:00Z", "5"),
  ];
  const selected = selectNewDocuments(docs, { known: new Set() });
  assert.deepEqual(selected.map((d) => d.docId), ["4", "3"]);
  assert.equal(intervalKey(docs[2]), intervalKey(docs[1]));
});

Deno.test("selectNewDocuments() skips known docIds and returns the rest oldest first", () => {
  const docs = [
    doc("SPPHLZNP6905_20230608_1600_csv", "2023-06-08T21:02:00Z", "30"),
    doc("SPPHLZNP6905_20230608_1545_csv", "2023-06-08T20:47:00Z", "20"),
    doc("SPPHLZNP6905_20230608_1530_csv", "2023-06-08T20:32:00Z", "10"),
  ];
  const selected = selectNewDocuments(docs, { known: new Set(["20"]) });
  assert.deepEqual(selected.map((d) => d.docId), ["10", "30"]);
});

Deno.test("selectNewDocuments() keeps both passes of the repeated hour apart", () => {
  const listing = {
    ListDocsByRptTypeRes: {
      DocumentList: [
        {
          Document: {
            DocID: "2",
            FriendlyName: "SPPHLZNP6905_20241103_0115xhr_csv",
            ReportTypeID: "12301",
            PublishDate: "2024-11-03T01:17:00-06:00",
          },
        },
        {
          Document: {
            DocID: "1",
            FriendlyName: "SPPHLZNP6905_20241103_0115_csv",
            ReportTypeID: "12301",
            PublishDate: "2024-11-03T01:17:00-06:00",
          },
        },
      ],
    },
  };
  const selected = selectNewDocuments(parseListing(JSON.stringify(listing)), { known: new Set() });
  assert.deepEqual(selected.map((d) => [d.docId, d.publishDate.toISOString()]), [
    ["1", "2024-11-03T06:17:00.000Z"],
    ["2", "2024-11-03T07:17:00.000Z"],
  ]);
});

Deno.test("selectNewDocuments() keeps every posting of a product without an interval in its name", () => {
  const docs = [
    {
      ...doc("LFCCONGESTNP3560_csv", "2025-03-13T17:30:00Z", "2"),
      constructedName: "cdr.00012311.0000000000000000.20250313.123000586.LFCCONGESTNP3560_csv.zip",
    },
    {
      ...doc("LFCCONGESTNP3560_csv", "2025-03-13T16:30:00Z", "1"),
      constructedName: "cdr.00012311.0000000000000000.20250313.113000412.LFCCONGESTNP3560_csv.zip",
    },
  ];
  assert.deepEqual(selectNewDocuments(docs, { known: new Set() }).map((d) => d.docId), ["1", "2"]);
});

Deno.test("readPostingTime() reads wall-clock Central time whatever offset is written", () => {
  assert.equal(
    readPostingTime("2025-03-06T00:30:00-05:00").toISOString(),
    "2025-03-06T06:30:00.000Z",
  );
  assert.equal(
    readPostingTime("2024-11-05T03:16:10.000").toISOString(),
    "2024-11-05T09:16:10.000Z",
  );
  assert.equal(
    readPostingTime("2024-11-03T01:30:00", { repeated: true }).toISOString(),
    "2024-11-03T07:30:00.000Z",
  );
});

Deno.test("parseConstructedName() matches listing names and recorded file names alike", () => {
  const listed = parseConstructedName(
    "cdr.00012311.0000000000000000.20250313.123000586.LFCCONGESTNP3560_csv.zip",
  );
  const inner = parseConstructedName(
    "cdr.00012311.0000000000000000.20250313.123000.LFCCONGESTNP3560.csv",
  );
  assert.deepEqual(listed, inner);
  assert.deepEqual(listed, {
    reportTypeId: 12311,
    duns: "0000000000000000",
    postedDate: "20250313",
    postedTime: "123000",
    friendly: "LFCCONGESTNP3560",
    kind: "csv",
  });
  assert.equal(parseConstructedName("NP6-346-CD_202102.csv"), undefined);
});
