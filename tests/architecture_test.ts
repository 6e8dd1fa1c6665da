/**
 * The shape of the codebase, enforced (ARCHITECTURE.md, issue #20): layers import only
 * downwards, features never import each other, no folder or file cycles, no source file over
 * 400 lines, and runtime code never imports `tests/` or `dev/`. The import graph is read
 * statically by `tests/_imports.ts`; nothing is executed.
 *
 * Today's code still breaks some rules while the moves of issue #20 land. Those breaks are
 * listed in `KNOWN_VIOLATIONS`, each with what removes it; a listed break that no longer occurs
 * fails as stale, so the list only shrinks.
 *
 * @module
 */

import assert from "node:assert/strict";
import { type Edge, type Graph, parseSpecifiers, readGraph, resolveSpecifier } from "./_imports.ts";
import {
  assertKnown,
  cycles,
  cyclicComponents,
  fileCycleFindings,
  type Findings,
  folderCycleFindings,
  layerFindings,
  type LayerTable,
  longFileFindings,
  outsideFindings,
  privateFileFindings,
  type Rules,
} from "./_architecture.ts";

/** The layer table of ARCHITECTURE.md: a unit may import only its own layer or those below. */
const TABLE: LayerTable = {
  layers: {
    "domain": 1,
    "util": 2,
    "log": 2,
    "resilience": 2,
    "config.ts": 2,
    "config_env.ts": 2,
    "metrics.ts": 2,
    "web/build.ts": 2, // bundles the browser UI on the server; not part of the bundle
    "db": 3,
    "bus": 4,
    "http": 5,
    "auth": 6,
    "audit": 6,
    "alerts": 7,
    "dashboards": 7,
    "ai": 7,
    "ingest": 7,
    "backup": 7,
    "routes": 8,
    "cli": 9,
    "main.ts": 9,
  },
  features: 7,
  // The browser bundle: it may import the domain kernel, nothing else of the server.
  islands: { "web": ["domain"] },
};

const MAX_LINES = 400;

const RULES: Rules = {
  table: TABLE,
  // Outside the runtime: these may import it; it never imports them, and only tests/ imports tests/.
  outside: ["tests", "dev", "bench"],
  generated: ["web/lib/api_schema.ts"],
  maxLines: MAX_LINES,
};

/**
 * Breaks of the rules tolerated while a change lands, each with what removes it (none now). Layer and folder-cycle entries are
 * imports between units (`"db -> ai"`), so a file moving inside its folder does not disturb
 * them; file-cycle entries are imports between files; long files are paths.
 */
const KNOWN_VIOLATIONS: Record<
  "layers" | "folderCycles" | "fileCycles" | "longFiles" | "outside",
  string[]
> = {
  layers: [],
  folderCycles: [],
  fileCycles: [],
  longFiles: [],
  outside: [],
};

const ROOT = new URL("..", import.meta.url).pathname.replace(/\/$/, "");
// tests/ is not read: its files may import anything; imports *of* it are still seen.
const graph = await readGraph(ROOT, ["node_modules", "web/dist", "data", "tests"]);

Deno.test("every runtime import goes down the layer table; features never import each other", () => {
  assertKnown(
    "forbidden imports between units",
    layerFindings(graph, RULES),
    KNOWN_VIOLATIONS.layers,
  );
});

Deno.test("runtime folders import one another without a cycle", () => {
  const known = KNOWN_VIOLATIONS.folderCycles;
  assertKnown("folder cycles", folderCycleFindings(graph, RULES, known), known);
});

Deno.test("source files import one another without a cycle, type imports included", () => {
  const known = KNOWN_VIOLATIONS.fileCycles;
  assertKnown("file cycles", fileCycleFindings(graph, known), known);
});

Deno.test(`no source file is over ${MAX_LINES} lines (generated files excepted)`, () => {
  assertKnown("files over the limit", longFileFindings(graph, RULES), KNOWN_VIOLATIONS.longFiles);
});

Deno.test("runtime code imports neither tests/ nor dev/; bench/ and dev/ do not import tests/", () => {
  assertKnown("imports of tests/ or dev/", outsideFindings(graph, RULES), KNOWN_VIOLATIONS.outside);
});

Deno.test("a _-prefixed file is imported only from its own folder (tests/ and dev/ included)", async () => {
  const everything = await readGraph(ROOT, ["node_modules", "web/dist", "data"]);
  assertKnown("imports of a folder's private file", privateFileFindings(everything), []);
});

// The checker itself, on in-memory sources and graphs.

Deno.test("parseSpecifiers() finds every import form and none inside comments or strings", () => {
  const source = `
import a from "./a.ts";
import type { B } from "../b.ts";
import { type C, d } from "./c.ts";
import {
  e,
  f,
} from "./e.ts";
import "./side.ts";
export * from "./g.ts";
export { h } from "./h.ts";
export type { I } from "./i.ts";
const j = await import("./j.ts");
const w = new Worker(new URL("./w.ts", import.meta.url), { type: "module" });
const out = new URL("./output.ts", import.meta.url);
// import x from "./line_comment.ts";
/* import y from "./block_comment.ts"; */
const s = 'import z from "./in_string.ts"';
const t = \`import z from "./in_template.ts" \${await import("./in_template_expr.ts")} {}\`;
const re = /"import q from '.\\/re.ts'/;
x.import("./method.ts");
`;
  assert.deepEqual(parseSpecifiers(source), [
    { specifier: "./a.ts", kind: "static" },
    { specifier: "../b.ts", kind: "type" },
    { specifier: "./c.ts", kind: "static" },
    { specifier: "./e.ts", kind: "static" },
    { specifier: "./side.ts", kind: "static" },
    { specifier: "./g.ts", kind: "export" },
    { specifier: "./h.ts", kind: "export" },
    { specifier: "./i.ts", kind: "type" },
    { specifier: "./j.ts", kind: "dynamic" },
    { specifier: "./w.ts", kind: "worker" },
    { specifier: "./in_template_expr.ts", kind: "dynamic" },
  ]);
});

Deno.test("resolveSpecifier() resolves relative paths and leaves packages out", () => {
  assert.equal(resolveSpecifier("routes/app.ts", "../db/client.ts"), "db/client.ts");
  assert.equal(resolveSpecifier("main.ts", "./config.ts"), "config.ts");
  assert.equal(
    resolveSpecifier("ingest/feeds/np6_905.ts", "./helpers.ts"),
    "ingest/feeds/helpers.ts",
  );
  assert.equal(resolveSpecifier("db/client.ts", "postgres"), undefined);
  assert.equal(resolveSpecifier("db/client.ts", "npm:zod"), undefined);
});

/** A graph of the given files (10 lines each) and imports `"from -> to"`. */
function fakeGraph(files: string[], imports: string[]): Graph {
  const edges: Edge[] = imports.map((name) => {
    const [from, to] = name.split(" -> ");
    return { from, to, kind: "static" };
  });
  return { files: new Map(files.map((f) => [f, 10])), edges };
}

Deno.test("the layer rule fails on a forbidden import and names it", () => {
  const graph = fakeGraph(
    ["db/x.ts", "alerts/a.ts", "dashboards/b.ts", "routes/app.ts", "web/lib/x.ts", "domain/z.ts"],
    [
      "db/x.ts -> alerts/a.ts",
      "alerts/a.ts -> dashboards/b.ts",
      "alerts/a.ts -> routes/app.ts",
      "alerts/a.ts -> db/x.ts",
      "routes/app.ts -> alerts/a.ts",
      "web/lib/x.ts -> db/x.ts",
      "web/lib/x.ts -> domain/z.ts",
      "db/x.ts -> web/lib/x.ts",
      "reports/r.ts -> db/x.ts",
      "tests/t.ts -> routes/app.ts",
    ],
  );
  graph.files.set("reports/r.ts", 10);
  assert.deepEqual(Object.fromEntries(layerFindings(graph, RULES)), {
    "reports: not in the layer table": [
      "add it to the layer table (tests/architecture_test.ts and ARCHITECTURE.md)",
    ],
    "alerts -> dashboards": [
      "alerts/a.ts -> dashboards/b.ts: feature alerts imports feature dashboards; " +
      "inject a callback at composition instead",
    ],
    "alerts -> routes": [
      "alerts/a.ts -> routes/app.ts: feature alerts imports routes/, the composition above it",
    ],
    "db -> alerts": [
      "db/x.ts -> alerts/a.ts: db (layer 3) imports alerts (layer 7), a higher layer",
    ],
    "db -> web": ["db/x.ts -> web/lib/x.ts: nothing outside web may import it"],
    "reports -> db": [`reports/r.ts -> db/x.ts: "reports" has no layer; add it to the layer table`],
    "web -> db": ["web/lib/x.ts -> db/x.ts: web may import only web, domain"],
  });
});

Deno.test("a forbidden import added to today's graph fails the layer test", () => {
  const forbidden = { from: "db/client.ts", to: "routes/app.ts", kind: "type" as const };
  const found = layerFindings({ files: graph.files, edges: [...graph.edges, forbidden] }, RULES);
  assert.throws(
    () => assertKnown("forbidden imports between units", found, KNOWN_VIOLATIONS.layers),
    /db -> routes\n\s+db\/client\.ts -> routes\/app\.ts: db \(layer 3\) imports routes \(layer 8\)/,
  );
});

Deno.test("a known exception that no longer occurs fails as stale", () => {
  const found: Findings = new Map([["db -> ai", []]]);
  assert.throws(
    () => assertKnown("forbidden imports between units", found, ["db -> ai", "db -> alerts"]),
    { message: /^stale exception: remove it from KNOWN_VIOLATIONS \(.*\):\n {2}db -> alerts$/ },
  );
});

Deno.test("cycles() prints one path per cycle, self-imports included", () => {
  const edges = fakeGraph([], ["a -> b", "b -> c", "c -> a", "c -> d", "d -> d", "e -> f"]).edges;
  assert.deepEqual(cyclicComponents([], edges), [["a", "b", "c"], ["d"]]);
  assert.deepEqual(cycles(["g"], edges), ["a -> b -> c -> a", "d -> d"]);
});

Deno.test("a cycle fails unless a known edge breaks it; a known edge off every cycle is stale", () => {
  const graph = fakeGraph(["x/a.ts", "x/b.ts", "x/c.ts"], [
    "x/a.ts -> x/b.ts",
    "x/b.ts -> x/a.ts",
    "x/b.ts -> x/c.ts",
  ]);
  assert.deepEqual([...fileCycleFindings(graph, []).keys()], ["cycle: x/a.ts -> x/b.ts -> x/a.ts"]);
  assert.deepEqual([...fileCycleFindings(graph, ["x/b.ts -> x/a.ts"]).keys()], [
    "x/b.ts -> x/a.ts",
  ]);
  assert.deepEqual([...fileCycleFindings(graph, ["x/b.ts -> x/c.ts"]).keys()], [
    "cycle: x/a.ts -> x/b.ts -> x/a.ts",
  ]);
});

Deno.test("the size and tests/-dev/ rules name the offending file and import", () => {
  const graph = fakeGraph(["db/big.ts", "web/lib/api_schema.ts", "bench/b.ts", "dev/d.ts"], [
    "db/big.ts -> dev/d.ts",
    "bench/b.ts -> tests/_db.ts",
    "bench/b.ts -> dev/d.ts",
    "dev/d.ts -> tests/_db.ts",
  ]);
  graph.files.set("db/big.ts", MAX_LINES + 1);
  graph.files.set("web/lib/api_schema.ts", 7000);
  assert.deepEqual(Object.fromEntries(longFileFindings(graph, RULES)), {
    "db/big.ts": [`${MAX_LINES + 1} lines`],
  });
  assert.deepEqual([...outsideFindings(graph, RULES).keys()], [
    "db/big.ts -> dev/d.ts",
    "bench/b.ts -> tests/_db.ts",
    "dev/d.ts -> tests/_db.ts",
  ]);
});

Deno.test("the private-file rule names an import of a _ file from another folder", () => {
  const graph = fakeGraph(
    ["ai/_prompt.ts", "ai/bedrock.ts", "dev/fake.ts", "tests/_db.ts", "tests/routes/a_test.ts"],
    [
      "ai/bedrock.ts -> ai/_prompt.ts",
      "dev/fake.ts -> ai/_prompt.ts",
      "tests/routes/a_test.ts -> tests/_db.ts",
    ],
  );
  assert.deepEqual([...privateFileFindings(graph).keys()], ["dev/fake.ts -> ai/_prompt.ts"]);
});

Deno.test("the layer table places every unit the known exceptions name", () => {
  for (const entry of [...KNOWN_VIOLATIONS.layers, ...KNOWN_VIOLATIONS.folderCycles]) {
    for (const unit of entry.split(" -> ")) {
      assert.ok(unit in TABLE.layers || unit in TABLE.islands, `${entry}: unknown unit ${unit}`);
    }
  }
});
