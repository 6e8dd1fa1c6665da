/**
 * The UI's wire types come from the generated OpenAPI types (`web/lib/api_schema.ts`, made from
 * the routes' zod schemas), never from hand-written copies that drift from the API.
 */
import assert from "node:assert/strict";
import type { components } from "../../web/lib/api_schema.ts";
import type { AlertEvent, AlertRule, Condition, Op, RuleInput } from "../../web/lib/alerts.ts";
import type { Me } from "../../web/lib/auth.ts";
import type { Grid, VizAnswer, VizSpec } from "../../web/lib/dashboards.ts";
import type {
  DrawnSeries,
  FeedStatus,
  GridStatus,
  SeriesColumns,
  SeriesInfo,
} from "../../web/lib/data.ts";

type Schemas = components["schemas"];

const WEB = new URL("../../web/", import.meta.url);
const SCHEMA_FILE = new URL("lib/api_schema.ts", WEB);

/** An object type's member names, named for messages (`Scrapers.feeds`, `Board`). */
interface Shape {
  name: string;
  members: Set<string>;
}

const OPEN: Record<string, string> = { "{": "}", "(": ")", "[": "]" };

/** Source with comments and string contents blanked, so braces in them do not count. */
function code(text: string): string {
  return text.replace(
    /\/\*[\s\S]*?\*\/|\/\/[^\n]*|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|`(?:\\.|[^`\\])*`/g,
    (m) => m[0] === "/" ? " ".repeat(m.length) : m[0] + "_".repeat(m.length - 2) + m[0],
  );
}

/** Index of the bracket closing the one at `open`. */
function closing(src: string, open: number): number {
  const stack: string[] = [];
  for (let i = open; i < src.length; i++) {
    const c = src[i];
    if (OPEN[c]) stack.push(OPEN[c]);
    else if (c === stack.at(-1)) {
      stack.pop();
      if (stack.length === 0) return i;
    }
  }
  throw new Error(`Unbalanced bracket at offset ${open}`);
}

/** The object types in `src[from, to)`, each with its direct members, nested ones included. */
function objectTypes(src: string, from: number, to: number, name: string): Shape[] {
  const shapes: Shape[] = [];
  for (let i = from; i < to; i++) {
    if (src[i] !== "{") continue;
    const end = closing(src, i);
    const members = new Set<string>();
    let depth = 0;
    let segment = "";
    const flush = () => {
      const m = segment.match(/^\s*(?:readonly\s+)?([A-Za-z_$][\w$]*)\??\s*[:(]/);
      if (m) members.add(m[1]);
      segment = "";
    };
    for (let j = i + 1; j < end; j++) {
      const c = src[j];
      if (OPEN[c]) depth++;
      else if (c === "}" || c === ")" || c === "]") depth--;
      if (depth === 0 && (c === ";" || c === "," || c === "\n")) flush();
      else segment += c;
    }
    flush();
    const label = src.slice(Math.max(from, i - 60), i).match(/([A-Za-z_$][\w$]*)\??\s*:?\s*$/);
    if (members.size) {
      shapes.push({ name: label && label[1] !== name ? `${name}.${label[1]}` : name, members });
    }
    shapes.push(...objectTypes(src, i + 1, end, name));
    i = end;
  }
  return shapes;
}

/** Every object type in the generated schemas, with `Base & { … }` schemas also whole. */
async function schemaShapes(): Promise<Shape[]> {
  const text = await Deno.readTextFile(SCHEMA_FILE);
  const src = code(text);
  const start = src.indexOf(
    "{",
    src.indexOf("schemas:", src.indexOf("export interface components")),
  );
  const end = closing(src, start);
  const shapes: Shape[] = [];
  const bases = new Map<string, string>();
  // Read from the text, not the blanked code: a base schema's name is a string.
  const schema = /^ {8}([A-Za-z_$][\w$]*): (?:components\["schemas"\]\["(\w+)"\] & )?/gm;
  const heads = [...text.slice(start, end).matchAll(schema)];
  heads.forEach((m, k) => {
    const from = start + m.index!;
    const to = k + 1 < heads.length ? start + heads[k + 1].index! : end;
    shapes.push(...objectTypes(src, from, to, m[1]));
    if (m[2]) bases.set(m[1], m[2]);
  });
  for (const [name, base] of bases) {
    const own = shapes.find((s) => s.name === name);
    const inherited = shapes.find((s) => s.name === base);
    if (own && inherited) own.members = new Set([...inherited.members, ...own.members]);
  }
  return shapes;
}

async function* sources(dir: URL): AsyncGenerator<URL> {
  for await (const entry of Deno.readDir(dir)) {
    const url = new URL(entry.name + (entry.isDirectory ? "/" : ""), dir);
    if (entry.isDirectory && entry.name !== "dist") yield* sources(url);
    else if (/\.tsx?$/.test(entry.name) && url.href !== SCHEMA_FILE.href) yield url;
  }
}

/** The object types of every `interface` and `type … =` declaration in `src`. */
function declaredIn(src: string, where: string): Shape[] {
  const shapes: Shape[] = [];
  const decl = /\b(interface|type)\s+([A-Za-z_$][\w$]*)[^={;]*?(=|\{)/g;
  for (const m of src.matchAll(decl)) {
    const from = m.index! + m[0].length - 1;
    // A type alias runs to the `;` outside any bracket; an interface is its braces.
    let to = from;
    if (m[1] === "interface") to = closing(src, from) + 1;
    else {
      while (to < src.length && src[to] !== ";") {
        to = OPEN[src[to]] ? closing(src, to) + 1 : to + 1;
      }
    }
    shapes.push(...objectTypes(src, from, to, `${where}${m[2]}`));
  }
  return shapes;
}

/** The declared object types of the UI's source. */
async function declaredShapes(): Promise<Shape[]> {
  const shapes: Shape[] = [];
  for await (const file of sources(WEB)) {
    const src = code(await Deno.readTextFile(file));
    shapes.push(...declaredIn(src, `${file.href.slice(WEB.href.length)}: `));
  }
  return shapes;
}

/** Whether `a` is a subset of `b`. */
const within = (a: Set<string>, b: Set<string>) => [...a].every((k) => b.has(k));

Deno.test("no type declared in web/ copies an API schema: wire types alias api_schema.ts", async () => {
  // Smallest first, so a copy is reported against the schema it copies most closely.
  const schemas = (await schemaShapes()).sort((a, b) => a.members.size - b.members.size);
  // The parser finds nested schemas (the feeds of GET /health/scrapers) and `Base & {…}` ones.
  assert.ok(schemas.some((s) => s.name === "Scrapers.feeds" && s.members.has("last_run_status")));
  assert.ok(
    within(new Set(["email", "role", "scopes"]), schemas.find((s) => s.name === "Me")!.members),
  );
  const copies = [];
  for (const declared of await declaredShapes()) {
    // Two members (`start`, `end`; `t`, `v`) are too common a pair to call a copy.
    if (declared.members.size < 3) continue;
    const original = schemas.find((s) => within(declared.members, s.members));
    if (original) copies.push(`${declared.name} copies the schema ${original.name}`);
  }
  assert.deepEqual(
    copies,
    [],
    `Derive these from web/lib/api_schema.ts (e.g. components["schemas"]["Series"]) instead`,
  );
});

Deno.test("the copy check reads members of interfaces, nested types and unions", () => {
  const src = code(`/** A { brace } in a comment. */
export interface Board {
  uid: string; title: string;
  panels: { id: string; spec: unknown; grid: { x: number; y: number; w: number } }[];
  onPick?(id: string): void;
}
const label = "type X = { a: 1 }";
type Channel = { type: "sse" } | { type: "webhook"; url: string; secret_hint?: string };`);
  const found = Object.fromEntries(declaredIn(src, "").map((s) => [s.name, [...s.members]]));
  assert.deepEqual(found, {
    Board: ["uid", "title", "panels", "onPick"],
    "Board.panels": ["id", "spec", "grid"],
    "Board.grid": ["x", "y", "w"],
    Channel: ["type", "url", "secret_hint"],
  });
});

/** True when `A` and `B` are the same type. */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true
  : false;

/** True when `A` can stand where `B` is expected (every answer a chart draws from, say). */
type Fits<A, B> = [A] extends [B] ? true : false;

// The UI's names for wire types, where each is declared. A type error here means one is no
// longer the API's type: alias it, do not copy it.
const ALIASES = {
  "lib/data.ts": {
    SeriesInfo: true satisfies Same<SeriesInfo, Schemas["Series"]>,
    SeriesColumns: true satisfies Same<SeriesColumns, Schemas["SeriesColumns"]>,
    FeedStatus: true satisfies Same<FeedStatus, Schemas["Scrapers"]["feeds"][number]>,
    GridStatus: true satisfies Same<GridStatus, Schemas["GridStatus"]>,
    DrawnSeries: true satisfies Fits<
      | Schemas["Observations"]["series"][number]
      | Schemas["PanelData"]["series"][number]
      | Schemas["VizAnswer"]["preview"]["series"][number],
      DrawnSeries
    >,
  },
  "lib/dashboards.ts": {
    VizSpec: true satisfies Same<VizSpec, Schemas["VizSpec"]>,
    VizAnswer: true satisfies Same<VizAnswer, Schemas["VizAnswer"]>,
    Grid: true satisfies Same<Grid, Schemas["DashboardGrid"]>,
  },
  "lib/alerts.ts": {
    AlertRule: true satisfies Same<AlertRule, Schemas["AlertRule"]>,
    Condition: true satisfies Same<Condition, Schemas["AlertRule"]["conditions"][number]>,
    Op: true satisfies Same<Op, Schemas["ThresholdCondition"]["op"]>,
    AlertEvent: true satisfies Same<AlertEvent, Schemas["AlertEvent"]>,
    RuleInput: true satisfies Same<RuleInput, Schemas["AlertRuleInput"]>,
  },
  "lib/auth.ts": {
    Me: true satisfies Same<Me, Schemas["Me"]>,
    TokenPair: true,
  },
  "pages/keys.tsx": { ApiKey: true, CreatedApiKey: true, Scope: true },
};

Deno.test("the UI's wire types are declared as aliases of api_schema.ts types", async () => {
  for (const [file, names] of Object.entries(ALIASES)) {
    const src = code(await Deno.readTextFile(new URL(file, WEB)));
    for (const name of Object.keys(names)) {
      const decl = src.match(new RegExp(`\\btype ${name}\\b[^=]*=([^;]*)`));
      assert.ok(decl, `${file} declares no type ${name} (an interface is a copy)`);
      assert.doesNotMatch(decl[1], /\{/, `${file}: ${name} spells out members; alias the schema`);
    }
  }
});
