/**
 * The development tools' boundary: `dev/` (the recordings mirror, scratch
 * databases, the spawned stack) is never imported at runtime, and neither
 * `bench/` nor `dev/` imports `tests/`, so a benchmark runs without the
 * test suite.
 *
 * @module
 */
import assert from "node:assert/strict";

const ROOT = new URL("../", import.meta.url).pathname;
/** Folders that are not the running service. */
const NOT_RUNTIME = ["dev/", "tests/", "bench/"];
const SKIPPED = ["node_modules/", "web/dist/", "data/", ".git/"];
/** Command-line tools for development that may use `dev/`. */
const DEV_TOOLS = ["dev/mirror_cli.ts"];

async function sources(dir = ""): Promise<string[]> {
  const found: string[] = [];
  for await (const e of Deno.readDir(`${ROOT}${dir}`)) {
    const path = `${dir}${e.name}`;
    if (e.isDirectory && !SKIPPED.includes(`${path}/`)) found.push(...await sources(`${path}/`));
    else if (e.isFile && /\.tsx?$/.test(e.name)) found.push(path);
  }
  return found;
}

/** Project paths (from the root) of the relative modules `file` imports, statically or not. */
async function importsOf(file: string): Promise<string[]> {
  const text = await Deno.readTextFile(`${ROOT}${file}`);
  const specifiers = text.matchAll(/(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g);
  const base = new URL(file, `file://${ROOT}`);
  return [...specifiers].map((m) => new URL(m[1], base).pathname.slice(ROOT.length));
}

async function offending(
  files: string[],
  forbidden: string[],
): Promise<string[]> {
  const found: string[] = [];
  for (const file of files) {
    for (const target of await importsOf(file)) {
      if (forbidden.some((f) => target.startsWith(f))) found.push(`${file} imports ${target}`);
    }
  }
  return found;
}

Deno.test("no file in bench/ or dev/ imports tests/", async () => {
  const files = (await sources()).filter((f) => f.startsWith("bench/") || f.startsWith("dev/"));
  assert.ok(files.some((f) => f.startsWith("bench/")), "bench/ has sources");
  assert.deepEqual(await offending(files, ["tests/"]), []);
});

Deno.test("no runtime file imports dev/", async () => {
  const files = (await sources()).filter((f) =>
    !NOT_RUNTIME.some((folder) => f.startsWith(folder)) && !DEV_TOOLS.includes(f)
  );
  assert.ok(files.includes("main.ts"), "main.ts is among the runtime files");
  assert.deepEqual(await offending(files, ["dev/"]), []);
});

Deno.test("the boundary check sees a forbidden import", async () => {
  assert.deepEqual(await offending(["dev/mirror_cli.ts"], ["dev/"]), [
    "dev/mirror_cli.ts imports dev/mirror.ts",
  ]);
});
