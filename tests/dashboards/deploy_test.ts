import assert from "node:assert/strict";
import { ERCOT_OVERVIEW, ERCOT_PRICES } from "../../dashboards/builtin/mod.ts";
import { checkGrafanaHealth, createGrafanaClient } from "../../dashboards/grafana/deploy.ts";
import { ConfigError, NotFoundError, UpstreamError, ValidationError } from "../../domain/errors.ts";
import { deployCommand, parseDeployArgs } from "../../cli/grafana_deploy.ts";
import { startFakeGrafana } from "./_fake_grafana.ts";

Deno.test("deploy() creates the folder once and overwrites the dashboard, bumping its version", async () => {
  const grafana = startFakeGrafana();
  try {
    const client = createGrafanaClient({ url: `${grafana.url}/`, token: grafana.token });
    const first = await client.deploy(ERCOT_OVERVIEW);
    assert.deepEqual(first, {
      uid: "ercot-overview",
      url: `${grafana.url}/d/ercot-overview/ercot-overview`,
      version: 1,
      folderUid: "ercot",
    });
    assert.equal((await client.deploy(ERCOT_OVERVIEW)).version, 2);
    assert.equal((await client.deploy(ERCOT_PRICES)).version, 1);
    const folderPosts = grafana.calls.filter((c) =>
      c.method === "POST" && c.path === "/api/folders"
    );
    assert.deepEqual(folderPosts.map((c) => c.body), [{ uid: "ercot", title: "ERCOT Analytics" }]);
    assert.ok(grafana.calls.every((c) => c.authorization === `Bearer ${grafana.token}`));
    const save = grafana.calls.find((c) => c.path === "/api/dashboards/db")!.body as {
      dashboard: { uid: string; id: null; title: string; panels: unknown[] };
      folderUid: string;
      overwrite: boolean;
    };
    assert.equal(save.dashboard.uid, "ercot-overview");
    assert.equal(save.dashboard.id, null);
    assert.equal(save.dashboard.panels.length, ERCOT_OVERVIEW.panels.length);
    assert.deepEqual([save.folderUid, save.overwrite], ["ercot", true]);
    assert.equal(grafana.dashboards.get("ercot-overview")?.version, 2);
  } finally {
    await grafana.close();
  }
});

Deno.test("deploy() failures name Grafana's status and never pass on its message", async (t) => {
  const grafana = startFakeGrafana();
  try {
    const client = createGrafanaClient({ url: grafana.url, token: grafana.token, retries: 0 });
    const cases: [number, RegExp, string?][] = [
      [401, /401 .*check GRAFANA_TOKEN/],
      [403, /403 .*Editor role/],
      [412, /412 .*not overwritten \(version-mismatch\)/, "version-mismatch"],
      [500, /500 .*try again later/],
    ];
    for (const [status, message, word] of cases) {
      await t.step(`Grafana answers ${status}`, async () => {
        grafana.failNext("/api/dashboards/db", status, word);
        await assert.rejects(client.deploy(ERCOT_PRICES), (err) => {
          assert.ok(err instanceof UpstreamError);
          assert.match(err.message, message);
          assert.doesNotMatch(err.message, /internal detail/);
          assert.equal(err.extra.grafana_status, status);
          return true;
        });
      });
    }
    await t.step("a token Grafana does not know is a 401", async () => {
      const wrong = createGrafanaClient({ url: grafana.url, token: "glsa_wrong" });
      await assert.rejects(
        wrong.deploy(ERCOT_PRICES),
        /Grafana answered 401 to GET \/api\/folders/,
      );
    });
  } finally {
    await grafana.close();
  }
});

Deno.test("deploy() retries a 503 and a 429 after the wait Retry-After asks for, then saves", async (t) => {
  const grafana = startFakeGrafana();
  try {
    const sleeps: number[] = [];
    const sleep = (ms: number) => (sleeps.push(ms), Promise.resolve());
    const client = createGrafanaClient({ url: grafana.url, token: grafana.token, sleep });
    const inTwoSeconds = new Date(Date.now() + 2_000).toUTCString();
    const cases = [[503, "3", 3_000], [429, inTwoSeconds, 2_000]] as const;
    for (const [status, retryAfter, wait] of cases) {
      await t.step(`${status} with Retry-After ${retryAfter}`, async () => {
        sleeps.length = 0;
        grafana.failNext("/api/dashboards/db", status, undefined, { "retry-after": retryAfter });
        assert.equal((await client.deploy(ERCOT_PRICES)).uid, "ercot-prices");
        assert.equal(sleeps.length, 1);
        assert.ok(sleeps[0] <= wait && sleeps[0] > wait - 1_500, `waited ${sleeps[0]} ms`);
      });
    }
  } finally {
    await grafana.close();
  }
});

Deno.test("deploy() to a closed port is an UpstreamError saying Grafana is unreachable", async () => {
  const grafana = startFakeGrafana();
  const url = grafana.url;
  await grafana.close();
  const sleeps: number[] = [];
  const sleep = (ms: number) => (sleeps.push(ms), Promise.resolve());
  const client = createGrafanaClient({ url, token: "glsa_any", sleep, random: () => 0.5 });
  await assert.rejects(client.deploy(ERCOT_OVERVIEW), (err) => {
    assert.ok(err instanceof UpstreamError);
    assert.equal(err.message, `Grafana at ${url} is unreachable (GET /api/folders/ercot)`);
    return true;
  });
  assert.deepEqual(sleeps, [125, 250], "two retries with jittered backoff");
  await assert.rejects(checkGrafanaHealth({ url, sleep }), UpstreamError);
  assert.equal(sleeps.length, 2, "the health check is asked once");
});

Deno.test("checkGrafanaHealth() reports Grafana's version without credentials", async () => {
  const grafana = startFakeGrafana();
  try {
    const health = await checkGrafanaHealth({ url: grafana.url });
    assert.deepEqual([health.version, health.database], ["11.6.0", "ok"]);
    assert.ok(health.latencyMs >= 0);
    assert.equal(grafana.calls[0].authorization, null);
  } finally {
    await grafana.close();
  }
});

Deno.test("createGrafanaClient() rejects a bad URL or an empty token at once", () => {
  assert.throws(() => createGrafanaClient({ url: "grafana:3000", token: "t" }), ValidationError);
  assert.throws(
    () => createGrafanaClient({ url: "ftp://grafana", token: "t" }),
    /not http or https/,
  );
  assert.throws(() => createGrafanaClient({ url: "http://grafana", token: " " }), /token is empty/);
});

Deno.test("grafana:deploy pushes the built-in dashboards named, or every one", async () => {
  const grafana = startFakeGrafana();
  try {
    const opts = { url: grafana.url, token: grafana.token };
    const all = await deployCommand(parseDeployArgs([]), opts);
    assert.deepEqual(all.map((r) => [r.uid, r.version]), [["ercot-overview", 1], [
      "ercot-prices",
      1,
    ]]);
    const one = await deployCommand(parseDeployArgs(["--uid", "ercot-prices"]), opts);
    assert.deepEqual(one.map((r) => [r.uid, r.version]), [["ercot-prices", 2]]);
    await assert.rejects(deployCommand(["nope"], opts), NotFoundError);
    await assert.rejects(deployCommand(["ercot-prices"], { url: grafana.url }), ConfigError);
    assert.throws(() => parseDeployArgs(["--bogus"]), ValidationError);
  } finally {
    await grafana.close();
  }
});
