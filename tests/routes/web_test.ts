import assert from "node:assert/strict";
import { CLIENT_ROUTES, webRoutes } from "../../routes/web.ts";
import { createApp } from "../_app.ts";
import { testDeps, withDatabase } from "../_db.ts";

async function fakeDist(): Promise<string> {
  const dir = await Deno.makeTempDir();
  await Deno.mkdir(`${dir}/assets`);
  await Deno.writeTextFile(`${dir}/index.html`, "<!doctype html><title>UI</title>");
  await Deno.writeTextFile(`${dir}/assets/main-0123abcd.js`, "console.log(1)");
  await Deno.writeTextFile(`${dir}/assets/app-0123abcd.css`, "body{}");
  await Deno.writeTextFile(`${dir}/favicon.svg`, "<svg/>");
  return dir;
}

Deno.test("webRoutes() answers every client route with the page, never cached", async (t) => {
  const dir = await fakeDist();
  const app = webRoutes({ distDir: dir });
  for (
    const path of [
      "/",
      "/explore",
      "/dashboards",
      "/dashboards/6f1c",
      "/shared/tok",
      "/alerts",
      "/keys",
    ]
  ) {
    await t.step(path, async () => {
      const res = await app.request(path);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get("content-type"), "text/html; charset=utf-8");
      assert.equal(res.headers.get("cache-control"), "no-cache");
      assert.equal(await res.text(), "<!doctype html><title>UI</title>");
    });
  }
  assert.ok(CLIENT_ROUTES.includes("/dashboards/builtin/:uid"));
  await Deno.remove(dir, { recursive: true });
});

Deno.test("webRoutes() serves hashed assets for a year and 404s unknown or odd names", async () => {
  const dir = await fakeDist();
  const app = webRoutes({ distDir: dir });
  const js = await app.request("/assets/main-0123abcd.js");
  assert.equal(js.status, 200);
  assert.equal(js.headers.get("content-type"), "text/javascript; charset=utf-8");
  assert.equal(js.headers.get("cache-control"), "public, max-age=31536000, immutable");
  assert.equal(await js.text(), "console.log(1)");
  const css = await app.request("/assets/app-0123abcd.css");
  assert.equal(css.headers.get("content-type"), "text/css; charset=utf-8");
  await css.body?.cancel();
  for (const name of ["nope-1.js", "..%2Findex.html", "main.exe"]) {
    const res = await app.request(`/assets/${name}`);
    assert.equal(res.status, 404, name);
    assert.equal(res.headers.get("content-type"), "application/problem+json");
    await res.body?.cancel();
  }
  await Deno.remove(dir, { recursive: true });
});

Deno.test("webRoutes() answers 503 naming the build task when the UI is not built", async () => {
  const app = webRoutes({ distDir: "/nonexistent/web-dist" });
  const res = await app.request("/explore");
  assert.equal(res.status, 503);
  const body = await res.json();
  assert.match(body.detail, /deno task web:build/);
});

Deno.test("the app keeps API 404s as problems beside the UI, and sends its CSP with the page", async () => {
  await withDatabase(async (db) => {
    const app = createApp(testDeps(db));
    const missing = await app.request("/api/v1/nothing-here");
    assert.equal(missing.status, 404);
    assert.equal(missing.headers.get("content-type"), "application/problem+json");
    await missing.body?.cancel();
    const page = await app.request("/explore");
    assert.ok(page.status === 200 || page.status === 503, `status ${page.status}`);
    assert.match(page.headers.get("content-security-policy") ?? "", /script-src 'self'/);
    await page.body?.cancel();
  });
});
