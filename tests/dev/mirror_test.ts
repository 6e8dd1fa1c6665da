import assert from "node:assert/strict";
import { unzipSync, zipSync } from "fflate";
import { createHttpClient } from "../../ingest/http.ts";
import { createMirror, type MirrorOptions } from "../../dev/mirror.ts";
import { parseListing } from "../../ingest/mis.ts";

const FIXTURES = Deno.env.get("FIXTURES_DIR") ??
  decodeURIComponent(new URL("../../../shared/fixtures/ercot", import.meta.url).pathname);
const HAS_FIXTURES = (() => {
  try {
    return Deno.statSync(FIXTURES).isDirectory;
  } catch {
    return false;
  }
})();
if (!HAS_FIXTURES) {
  console.warn(`SKIPPED: no recordings at ${FIXTURES}; mirror tests on them ignored`);
}

const NP3_560_ZIP =
  "mis-np3-560-cd/cdr.00012311.0000000000000000.20250313.123000.LFCCONGESTNP3560_csv.zip";
const NP4_732_ZIP =
  "mis-np4-732-cd/cdr.00013028.0000000000000000.20250313.135509.WPPHRLYAVGACTNP4732_csv.zip";
const NP3_911_ZIP =
  "1049861718.ext.00013057.0000000000000000.20241105.031610.2_Day_AS_Disclosure.zip";

/** Serves a mirror on an ephemeral 127.0.0.1 port for `fn`, always shut down. */
async function withMirror(
  options: Partial<MirrorOptions>,
  fn: (origin: string) => Promise<void>,
): Promise<void> {
  const mirror = createMirror({ dir: FIXTURES, ...options });
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen() {} }, mirror);
  try {
    await fn(`http://127.0.0.1:${server.addr.port}`);
  } finally {
    await server.shutdown();
  }
}

async function bytes(res: Response): Promise<Uint8Array> {
  return new Uint8Array(await res.arrayBuffer());
}

function recorded(path: string, dir = FIXTURES): Promise<Uint8Array> {
  return Deno.readFile(`${dir}/${path}`);
}

async function apiHeaders(origin: string): Promise<Record<string, string>> {
  const res = await fetch(`${origin}/oauth2/v2.0/token`, {
    method: "POST",
    body: new URLSearchParams({ grant_type: "password", username: "u", password: "p" }),
  });
  const { id_token } = await res.json();
  return { authorization: `Bearer ${id_token}`, "ocp-apim-subscription-key": "key" };
}

const listingPath = (rtid: number) =>
  `/misapp/servlets/IceDocListJsonWS?reportTypeId=${rtid}&_1741890000`;
const downloadPath = (docId: string) => `/misdownload/servlets/mirDownload?doclookupId=${docId}`;

function fixtureTest(name: string, fn: (t: Deno.TestContext) => Promise<void>): void {
  Deno.test({ name, ignore: !HAS_FIXTURES, fn });
}

fixtureTest(
  "the MIS listing lists only the recorded documents, with the recorded listing's fields",
  async () => {
    await withMirror({}, async (origin) => {
      const res = await fetch(`${origin}${listingPath(12311)}&_1700000000`);
      assert.equal(res.headers.get("content-type"), "application/json");
      const docs = parseListing(await bytes(res));
      assert.deepEqual(docs.map((d) => d.docId), ["1085273815"]);
      assert.equal(
        docs[0].constructedName,
        "cdr.00012311.0000000000000000.20250313.123000586.LFCCONGESTNP3560_csv.zip",
      );
    });
  },
);

fixtureTest("mirDownload maps a listed DocID to its file ignoring the milliseconds", async () => {
  await withMirror({}, async (origin) => {
    const res = await fetch(`${origin}${downloadPath("1085273815")}`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "application/zip");
    assert.equal(
      res.headers.get("content-disposition"),
      `attachment; filename=${NP3_560_ZIP.split("/")[1]}`,
    );
    assert.deepEqual(await bytes(res), await recorded(NP3_560_ZIP));
  });
});

fixtureTest("mirDownload 404s a listed document without a file and an unknown DocID", async () => {
  await withMirror({}, async (origin) => {
    const listed = await fetch(`${origin}${downloadPath("1085273566")}`);
    assert.equal(listed.status, 404);
    assert.match(
      await listed.text(),
      /^Document 1085273566 \(cdr\..*_xml\.zip\) is listed but not recorded/,
    );
    const unknown = await fetch(`${origin}${downloadPath("123")}`);
    assert.equal(unknown.status, 404);
    assert.match(await unknown.text(), /No recorded document with doclookupId "123"/);
  });
});

fixtureTest(
  "the MIS listing includes recorded files its recorded listing lacks, and they download",
  async () => {
    await withMirror({}, async (origin) => {
      const docs = parseListing(await bytes(await fetch(`${origin}${listingPath(13028)}`)));
      assert.equal(docs.length, 1);
      const added = docs.filter((d) => /^9\d{10}$/.test(d.docId));
      assert.equal(added.length, 1);
      assert.equal(added[0].friendlyName, "WPPHRLYAVGACTNP4732_csv");
      assert.equal(added[0].publishDate.toISOString(), "2025-03-13T18:55:09.000Z");
      const zip = await bytes(await fetch(`${origin}${downloadPath(added[0].docId)}`));
      assert.deepEqual(zip, await recorded(NP4_732_ZIP));
    });
  },
);

fixtureTest(
  "a report with files but no recorded listing gets a synthetic one that downloads",
  async () => {
    await withMirror({}, async (origin) => {
      const cases = [
        [14836, "mis-np6-346-cd/NP6-346-CD_202102.csv", "NP6-346-CD_202102_csv"],
        [
          12300,
          "mis-np6-788-cd/cdr.00012300.0000000000000000.20260625.004020.LMPSROSNODENP6788_20260625_004018.rows-subset.csv",
          "LMPSROSNODENP6788_20260625_004018_csv",
        ],
      ] as const;
      for (const [rtid, path, friendlyName] of cases) {
        const first = parseListing(await bytes(await fetch(`${origin}${listingPath(rtid)}`)));
        const again = parseListing(await bytes(await fetch(`${origin}${listingPath(rtid)}`)));
        assert.deepEqual(first, again);
        assert.equal(first.length, 1);
        assert.equal(first[0].friendlyName, friendlyName);
        const zip = await bytes(await fetch(`${origin}${downloadPath(first[0].docId)}`));
        assert.equal(zip.byteLength, first[0].contentSize);
        const [inner] = Object.values(unzipSync(zip));
        assert.deepEqual(inner, await recorded(path));
      }
    });
  },
);

fixtureTest("a report with nothing recorded gets an empty listing", async () => {
  await withMirror({}, async (origin) => {
    const res = await fetch(`${origin}${listingPath(12301)}`);
    assert.deepEqual(await res.json(), { ListDocsByRptTypeRes: { DocumentList: [] } });
  });
});

fixtureTest("the dashboard route serves the newest recording of each name", async () => {
  await withMirror({}, async (origin) => {
    const dashboard = (name: string) =>
      fetch(`${origin}/api/1/services/read/dashboards/${name}.json`);
    const demand = "dashboard-system-wide-demand/loadForecastVsActual_2024-11-25T0215.json";
    assert.deepEqual(
      await bytes(await dashboard("fuel-mix")),
      await recorded("dashboard-fuel-mix/fuel-mix_2025-10-09T0646.json"),
    );
    assert.deepEqual(await bytes(await dashboard("system-wide-demand")), await recorded(demand));
    assert.deepEqual(await bytes(await dashboard("loadForecastVsActual")), await recorded(demand));
    const missing = await dashboard("daily-prc");
    assert.equal(missing.status, 404);
    assert.match(await missing.text(), /^No recording of dashboard daily-prc\.json/);
  });
});

fixtureTest("every GET carries ETag and Last-Modified and a conditional GET gets 304", async () => {
  await withMirror({}, async (origin) => {
    const url = `${origin}/api/1/services/read/dashboards/fuel-mix.json`;
    const first = await fetch(url);
    await first.body?.cancel();
    const etag = first.headers.get("etag")!;
    const lastModified = first.headers.get("last-modified")!;
    assert.match(etag, /^"[0-9a-f]{40}"$/);
    const byTag = await fetch(url, { headers: { "if-none-match": etag } });
    assert.equal(byTag.status, 304);
    assert.equal((await bytes(byTag)).byteLength, 0);
    const byDate = await fetch(url, { headers: { "if-modified-since": lastModified } });
    assert.equal(byDate.status, 304);
    await byDate.body?.cancel();
    const stale = await fetch(url, { headers: { "if-none-match": '"other"' } });
    assert.equal(stale.status, 200);
    await stale.body?.cancel();
  });
});

fixtureTest("createHttpClient() gets a 304 from the mirror on the second GET", async () => {
  await withMirror({}, async (origin) => {
    const http = createHttpClient();
    const url = `${origin}${listingPath(13483)}`;
    const first = await http.get(url);
    assert.equal(first.status, 200);
    http.remember(url, first);
    const second = await http.get(url);
    assert.equal(second.status, 304);
    assert.equal(second.notModified, true);
  });
});

fixtureTest("the archive routes need a mirror token and a subscription key", async () => {
  await withMirror({}, async (origin) => {
    const url = `${origin}/api/public-reports/archive/np3-911-er`;
    const bare = await fetch(url);
    assert.equal(bare.status, 401);
    assert.match((await bare.json()).message, /subscription key/);
    const forged = await fetch(url, {
      headers: { authorization: "Bearer forged", "ocp-apim-subscription-key": "key" },
    });
    assert.equal(forged.status, 401);
    await forged.body?.cancel();
    const token = await fetch(`${origin}/oauth2/v2.0/token`, {
      method: "POST",
      body: new URLSearchParams({ grant_type: "password", username: "u" }),
    });
    assert.equal(token.status, 400);
    assert.equal((await token.json()).error_description, "missing password");
    const ok = await fetch(url, { headers: await apiHeaders(origin) });
    assert.equal(ok.status, 200);
    await ok.body?.cancel();
  });
});

fixtureTest("the archive listing filters by postDatetime and pages newest first", async () => {
  await withMirror({}, async (origin) => {
    const headers = await apiHeaders(origin);
    const list = async (query: string) =>
      await (await fetch(`${origin}/api/public-reports/archive/np3-911-er?${query}`, { headers }))
        .json();
    const november = await list(
      "postDatetimeFrom=2024-11-01T00:00:00&postDatetimeTo=2024-11-30T00:00:00",
    );
    assert.deepEqual(november.archives.map((a: { docId: number }) => a.docId), [1049861718]);
    assert.equal(
      november.archives[0]._links.endpoint.href,
      `${origin}/api/public-reports/archive/np3-911-er?download=1049861718`,
    );
    assert.deepEqual(november.product, {
      emilId: "NP3-911-ER",
      name: "2-Day Ancillary Services Reports",
      reportTypeId: 13057,
    });
    const second = await list("size=1&page=2");
    assert.equal(second._meta.totalPages, 2);
    assert.equal(second._meta.totalRecords, 2);
    assert.deepEqual(second.archives.map((a: { docId: number }) => a.docId), [1045038225]);
  });
});

fixtureTest("the archive download serves the recorded ZIP with its file name", async () => {
  await withMirror({}, async (origin) => {
    const res = await fetch(`${origin}/api/public-reports/archive/NP3-911-ER?download=1049861718`, {
      headers: await apiHeaders(origin),
    });
    assert.equal(res.headers.get("content-disposition"), `attachment; filename=${NP3_911_ZIP}`);
    assert.deepEqual(
      await bytes(res),
      await recorded(`public-api-archive-np3-911-er/${NP3_911_ZIP}`),
    );
  });
});

fixtureTest("unknown paths and methods get a plain-text 404", async () => {
  await withMirror({}, async (origin) => {
    const path = await fetch(`${origin}/misapp/GetReports.do?reportTypeId=12311`);
    assert.equal(path.status, 404);
    assert.equal(path.headers.get("content-type"), "text/plain; charset=utf-8");
    assert.equal(await path.text(), "No mirror route for GET /misapp/GetReports.do");
    const method = await fetch(`${origin}${listingPath(12311)}`, { method: "DELETE" });
    assert.equal(
      await method.text(),
      "No mirror route for DELETE /misapp/servlets/IceDocListJsonWS",
    );
  });
});

fixtureTest("faults can replace, truncate or hang a response", async (t) => {
  const faults = (req: Request) => {
    const kind = new URL(req.url).searchParams.get("fault");
    if (kind === "429") {
      return new Response("busy", { status: 429, headers: { "retry-after": "3" } });
    }
    return kind === "truncate" || kind === "hang" ? kind : undefined;
  };
  await withMirror({ faults }, async (origin) => {
    const url = `${origin}/api/1/services/read/dashboards/fuel-mix.json?fault=`;
    await t.step("a Response is sent as is", async () => {
      const res = await fetch(`${url}429`);
      assert.equal(res.status, 429);
      assert.equal(res.headers.get("retry-after"), "3");
      await res.body?.cancel();
    });
    await t.step("truncate sends half the body under the full Content-Length", async () => {
      const res = await fetch(`${url}truncate`);
      assert.equal(res.headers.get("content-length"), "209159");
      await assert.rejects(res.arrayBuffer());
    });
    await t.step("hang sends headers and then nothing", async () => {
      const res = await fetch(`${url}hang`, { signal: AbortSignal.timeout(100) });
      await assert.rejects(res.arrayBuffer(), { name: "TimeoutError" });
    });
  });
});

Deno.test("hand-written recordings in new folders with the same naming just work", async () => {
  const dir = await Deno.makeTempDir({ prefix: "mirror_test_" });
  try {
    const csv = new TextEncoder().encode("DeliveryDate,DeliveryHour\n01/01/2025,1\n");
    const name = "cdr.00012301.0000000000000000.20250101.001702.SPPHLZNP6905_20250101_0015.csv";
    await Deno.mkdir(`${dir}/mis-np6-905-cd`);
    await Deno.writeFile(`${dir}/mis-np6-905-cd/${name}`, csv);
    await Deno.mkdir(`${dir}/public-api-archive-np6-905-cd`);
    const archive = "1234567890.ext.00012301.0000000000000000.20250101.001702.SPPHLZNP6905.zip";
    await Deno.writeFile(
      `${dir}/public-api-archive-np6-905-cd/${archive}`,
      zipSync({ [name]: csv }),
    );
    await withMirror({ dir }, async (origin) => {
      const [doc] = parseListing(await bytes(await fetch(`${origin}${listingPath(12301)}`)));
      assert.equal(doc.friendlyName, "SPPHLZNP6905_20250101_0015_csv");
      assert.equal(doc.publishDate.toISOString(), "2025-01-01T06:17:02.000Z");
      const zip = unzipSync(await bytes(await fetch(`${origin}${downloadPath(doc.docId)}`)));
      assert.deepEqual(Object.values(zip), [csv]);

      const dashboard = `${origin}/api/1/services/read/dashboards/daily-prc.json`;
      assert.equal((await (await fetch(dashboard)).text()).startsWith("No recording"), true);
      await Deno.mkdir(`${dir}/dashboard-daily-prc`);
      await Deno.writeTextFile(`${dir}/dashboard-daily-prc/daily-prc_2025-01-01T0000.json`, "{}");
      assert.equal(await (await fetch(dashboard)).text(), "{}");

      const archives = await fetch(`${origin}/api/public-reports/archive/np6-905-cd`, {
        headers: await apiHeaders(origin),
      });
      assert.deepEqual((await archives.json()).archives[0].postDatetime, "2025-01-01T00:17:02.000");
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a recording the mirror cannot read answers a plain-text 500 naming the route", async () => {
  const dir = await Deno.makeTempDir({ prefix: "mirror_test_" });
  try {
    await Deno.mkdir(`${dir}/mis-doclist`);
    await Deno.writeTextFile(`${dir}/mis-doclist/IceDocListJsonWS_reportTypeId-12301_x.json`, "{");
    await withMirror({ dir }, async (origin) => {
      const res = await fetch(`${origin}${listingPath(12301)}`);
      assert.equal(res.status, 500);
      assert.match(
        await res.text(),
        /^Mirror cannot serve GET \/misapp\/servlets\/IceDocListJsonWS: /,
      );
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("createMirror() rejects a folder that does not exist", () => {
  assert.throws(() => createMirror({ dir: "/nonexistent/recordings" }), {
    name: "TypeError",
    message: 'Mirror dir "/nonexistent/recordings" is not a readable folder',
  });
});
