/**
 * domain/ is the bottom layer: its files import packages and each other, nothing else of ours.
 * The check reads every import specifier of every `domain/` file.
 *
 * @module
 */
import assert from "node:assert/strict";

const DOMAIN = new URL("../../domain/", import.meta.url);

/**
 * Files of ours outside domain/ that domain/ may still import: `errors.ts` moves into domain/
 * in issue #20 (the error vocabulary is shared by every layer); remove it here when it does.
 */
const NOT_YET_MOVED = new Set(["errors.ts"]);

const STATIC =
  /^(?:import|export)\s+(?:type\s+)?(?:[\w$]+\s*,?\s*)?(?:\{[^}]*\}|\*(?:\s+as\s+[\w$]+)?)?\s*from\s*["']([^"']+)["']/gm;
const SIDE_EFFECT = /^import\s*["']([^"']+)["']/gm;
const DYNAMIC = /\bimport\(\s*["']([^"']+)["']\s*\)/g;

async function domainFiles(dir: URL): Promise<URL[]> {
  const files: URL[] = [];
  for await (const entry of Deno.readDir(dir)) {
    const url = new URL(entry.name + (entry.isDirectory ? "/" : ""), dir);
    if (entry.isDirectory) files.push(...await domainFiles(url));
    else if (/\.tsx?$/.test(entry.name)) files.push(url);
  }
  return files.sort((a, b) => a.href.localeCompare(b.href));
}

/** Every module specifier `source` imports or re-exports, statically or dynamically. */
function specifiers(source: string): string[] {
  return [STATIC, SIDE_EFFECT, DYNAMIC].flatMap((pattern) =>
    [...source.matchAll(pattern)].map((m) => m[1])
  );
}

/** Why importing `specifier` from `file` leaves domain/, or undefined when it does not. */
function problem(file: URL, specifier: string): string | undefined {
  const bare = !/^(?:\.{0,2}\/|[a-z][a-z0-9+.-]*:)/i.test(specifier);
  if (bare || /^(?:npm|node):/.test(specifier)) return undefined;
  const target = new URL(specifier, file);
  if (target.href.startsWith(DOMAIN.href)) return undefined;
  const root = new URL("../", DOMAIN).href;
  if (target.href.startsWith(root) && NOT_YET_MOVED.has(target.href.slice(root.length))) {
    return undefined;
  }
  return `${file.href.slice(DOMAIN.href.length)} imports "${specifier}", outside domain/`;
}

Deno.test("specifiers() finds static, type-only, re-exported and dynamic imports", () => {
  const source = [
    `import { z } from "zod";`,
    `import type {\n  A,\n  B,\n} from "./a.ts";`,
    `import c, { d } from "../c.ts";`,
    `export * from "./e.ts";`,
    `export { f } from "./f.ts";`,
    `import "./g.ts";`,
    `const h = await import("../h.ts");`,
    ` * @example import { x } from "../not_code.ts"`,
  ].join("\n");
  assert.deepEqual(specifiers(source), [
    "zod",
    "./a.ts",
    "../c.ts",
    "./e.ts",
    "./f.ts",
    "./g.ts",
    "../h.ts",
  ]);
});

Deno.test("domain/ imports nothing of ours outside domain/", async () => {
  const files = await domainFiles(DOMAIN);
  assert.ok(files.length > 0, "domain/ has no files");
  const problems: string[] = [];
  for (const file of files) {
    for (const specifier of specifiers(await Deno.readTextFile(file))) {
      const found = problem(file, specifier);
      if (found) problems.push(found);
    }
  }
  assert.deepEqual(problems, []);
});

Deno.test("the domain/ import check flags a file of ours outside domain/", () => {
  const file = new URL("central.ts", DOMAIN);
  assert.match(problem(file, "../ingest/store.ts") ?? "", /central\.ts imports "\.\.\/ingest/);
  assert.match(problem(file, "/work/x.ts") ?? "", /outside domain/);
  assert.equal(problem(file, "./catalog.ts"), undefined);
  assert.equal(problem(file, "zod"), undefined);
  assert.equal(problem(file, "npm:zod@4"), undefined);
});
