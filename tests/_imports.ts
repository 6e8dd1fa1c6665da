/**
 * The import graph of the project's own source files, read statically, and the checks that
 * `tests/architecture_test.ts` runs on it: layers, cycles, file sizes, and what may import
 * `tests/` or `dev/`. The functions take plain data so that a test can check them on an
 * in-memory graph; only {@linkcode readGraph} touches the disk.
 *
 * @module
 */

/** How a file refers to another one. */
export type EdgeKind = "static" | "type" | "export" | "dynamic" | "worker";

/** One module specifier found in a source text. */
export interface Specifier {
  /** The text between the quotes, e.g. `"../db/client.ts"` or `"hono"`. */
  specifier: string;
  /** `type` for `import type`/`export type ... from`, `worker` for `new Worker(new URL("./x.ts", import.meta.url))`. */
  kind: EdgeKind;
}

/** One import between two of our files, both as paths relative to the project root. */
export interface Edge {
  from: string;
  to: string;
  kind: EdgeKind;
}

/** The project's source files (path → line count) and the imports between them. */
export interface Graph {
  files: Map<string, number>;
  edges: Edge[];
}

const CLAUSE = String.raw`[\w$*{}\s,]+?`;
const QUOTED = String.raw`(['"])([^'"\n]+)\1`;
const AT_IMPORT = [
  { re: new RegExp(String.raw`^import\s+type\s+${CLAUSE}\s*from\s*${QUOTED}`), kind: "type" },
  { re: new RegExp(String.raw`^import\s+${CLAUSE}\s*from\s*${QUOTED}`), kind: "static" },
  { re: new RegExp(String.raw`^import\s*${QUOTED}`), kind: "static" },
  { re: /^import\s*\(\s*(['"`])([^'"`$\n]+)\1\s*\)/, kind: "dynamic" },
] as const;
const AT_EXPORT = [
  {
    re: new RegExp(
      String.raw`^export\s+type\s+(?:\*(?:\s+as\s+[\w$]+)?|\{[^}]*\})\s*from\s*${QUOTED}`,
    ),
    kind: "type",
  },
  {
    re: new RegExp(String.raw`^export\s+(?:\*(?:\s+as\s+[\w$]+)?|\{[^}]*\})\s*from\s*${QUOTED}`),
    kind: "export",
  },
] as const;
const AT_WORKER =
  /^new\s+Worker\(\s*new\s+URL\(\s*(['"])(\.\.?\/[^'"\n]+\.tsx?)\1\s*,\s*import\.meta\.url\s*\)/;

/** Characters after which a `/` starts a regular expression rather than a division. */
const BEFORE_REGEX = new Set("(,=:[!&|?{};+-*%<>~^".split(""));

/**
 * Every module specifier in a TypeScript source: static and type imports, re-exports,
 * dynamic `import()` with a literal, and workers (`new Worker(new URL("./x.ts", import.meta.url))`).
 * Comments, strings and template literals are skipped, so an import written inside a string
 * is not one.
 *
 * @example
 * ```ts
 * parseSpecifiers(`import type { Sql } from "../db/client.ts";`);
 * // [{ specifier: "../db/client.ts", kind: "type" }]
 * ```
 */
export function parseSpecifiers(source: string): Specifier[] {
  const found: Specifier[] = [];
  const braces: number[] = []; // open `{` depth per `${` of an enclosing template literal
  let depth = 0;
  let last = ""; // the last significant character of code
  let i = 0;
  const n = source.length;
  const skipString = (quote: string) => {
    i++;
    while (i < n && source[i] !== quote && source[i] !== "\n") i += source[i] === "\\" ? 2 : 1;
    i++;
  };
  const skipTemplate = () => {
    // From inside a template literal to its end, or into a `${` (returns true).
    while (i < n) {
      const c = source[i];
      if (c === "\\") i += 2;
      else if (c === "`") {
        i++;
        return false;
      } else if (c === "$" && source[i + 1] === "{") {
        i += 2;
        braces.push(depth);
        depth++;
        return true;
      } else i++;
    }
    return false;
  };
  while (i < n) {
    const c = source[i];
    if (c === "/" && source[i + 1] === "/") {
      while (i < n && source[i] !== "\n") i++;
    } else if (c === "/" && source[i + 1] === "*") {
      const end = source.indexOf("*/", i + 2);
      i = end < 0 ? n : end + 2;
    } else if (c === "'" || c === '"') {
      skipString(c);
      last = "a";
    } else if (c === "`") {
      i++;
      skipTemplate();
      last = "a";
    } else if (c === "/" && (last === "" || BEFORE_REGEX.has(last))) {
      i++;
      let inClass = false;
      while (i < n && source[i] !== "\n" && (inClass || source[i] !== "/")) {
        if (source[i] === "\\") i++;
        else if (source[i] === "[") inClass = true;
        else if (source[i] === "]") inClass = false;
        i++;
      }
      i++;
      last = "a";
    } else if (c === "{") {
      depth++;
      last = c;
      i++;
    } else if (c === "}") {
      depth--;
      i++;
      if (braces.length > 0 && braces[braces.length - 1] === depth) {
        braces.pop();
        skipTemplate();
      }
      last = "}";
    } else if (/[A-Za-z_$]/.test(c)) {
      let j = i;
      while (j < n && /[\w$]/.test(source[j])) j++;
      const word = source.slice(i, j);
      const prev = i > 0 ? source[i - 1] : "";
      if (prev !== "." && (word === "import" || word === "export" || word === "new")) {
        const rest = source.slice(i, i + 2000);
        const patterns = word === "import" ? AT_IMPORT : word === "export" ? AT_EXPORT : [];
        for (const { re, kind } of patterns) {
          const m = re.exec(rest);
          if (m) {
            found.push({ specifier: m[m.length - 1], kind });
            break;
          }
        }
        const url = word === "new" ? AT_WORKER.exec(rest) : null;
        if (url) found.push({ specifier: url[2], kind: "worker" });
      }
      // `return /re/` and `typeof /re/` start a regular expression; other words end a value.
      last = word === "return" || word === "typeof" ? "=" : "a";
      i = j;
    } else {
      if (!/\s/.test(c)) last = c;
      i++;
    }
  }
  return found;
}

/**
 * The project-relative path a relative specifier points at, or `undefined` for a package
 * (`"hono"`, `"npm:zod"`, `"node:fs"`).
 *
 * @example
 * ```ts
 * resolveSpecifier("routes/app.ts", "../db/client.ts"); // "db/client.ts"
 * ```
 */
export function resolveSpecifier(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith("./") && !specifier.startsWith("../")) return undefined;
  const parts = from.split("/").slice(0, -1);
  for (const part of specifier.split("/")) {
    if (part === "..") parts.pop();
    else if (part !== ".") parts.push(part);
  }
  return parts.join("/");
}

/**
 * Reads every `.ts`/`.tsx` file under `root` (skipping `skip`, relative folder paths such as
 * `node_modules` or `web/dist`) and the imports between them. Imports of files outside the
 * project or of non-source files (`.json`, `.sql`) are left out.
 */
export async function readGraph(root: string, skip: readonly string[]): Promise<Graph> {
  const files = new Map<string, number>();
  const sources = new Map<string, string>();
  const walk = async (dir: string) => {
    for await (const entry of Deno.readDir(dir ? `${root}/${dir}` : root)) {
      const path = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.name.startsWith(".") || skip.includes(path)) continue;
      if (entry.isDirectory) await walk(path);
      else if (entry.isFile && /\.tsx?$/.test(entry.name)) {
        const text = await Deno.readTextFile(`${root}/${path}`);
        sources.set(path, text);
        files.set(path, text.split("\n").length - (text.endsWith("\n") ? 1 : 0));
      }
    }
  };
  await walk("");
  const edges: Edge[] = [];
  for (const [from, text] of sources) {
    for (const { specifier, kind } of parseSpecifiers(text)) {
      const to = resolveSpecifier(from, specifier);
      if (to !== undefined && /\.tsx?$/.test(to) && !to.startsWith("..")) {
        edges.push({ from, to, kind });
      }
    }
  }
  return { files, edges };
}

/** `"a.ts -> b.ts"`, the form edges take in failure messages and exception lists. */
export function edgeName(edge: { from: string; to: string }): string {
  return `${edge.from} -> ${edge.to}`;
}

/**
 * Where code sits. `layers` maps a unit — a top-level folder (`db`), a root file (`main.ts`) or
 * a file given on its own (`web/build.ts`) — to its layer, 1 at the bottom. `features` is the
 * layer whose units must not import one another. `islands` maps a unit kept apart (the browser
 * bundle) to the units it may import; nothing else may import it.
 */
export interface LayerTable {
  layers: Record<string, number>;
  features: number;
  islands: Record<string, readonly string[]>;
}

/** The unit of a path under a table: the path itself if listed, else its top-level folder. */
export function unitOf(path: string, table: LayerTable): string {
  if (path in table.layers || path in table.islands) return path;
  const slash = path.indexOf("/");
  return slash < 0 ? path : path.slice(0, slash);
}

/** One import that breaks the layer rule. */
export interface LayerViolation {
  /** The file-level import, `"db/x.ts -> ai/y.ts"`. */
  edge: string;
  /** The same import between units, `"db -> ai"`: the key of a known exception. */
  units: string;
  /** Why it is forbidden, as a sentence. */
  reason: string;
}

/**
 * The imports among `edges` (those whose importer passes `inScope`) that break the layer rule:
 * an import of a higher layer (`routes/` named as such), an import between two features, an
 * import into or out of an island other than its allowed units, or an import touching a unit
 * the table does not place ("add it to the layer table"). Imports within a unit always pass;
 * so do imports between two units of one layer below the features (no cycle is checked
 * elsewhere).
 */
export function layerViolations(
  edges: readonly Edge[],
  table: LayerTable,
  inScope: (path: string) => boolean,
): LayerViolation[] {
  const out = new Map<string, LayerViolation>();
  for (const edge of edges) {
    if (!inScope(edge.from)) continue;
    const a = unitOf(edge.from, table), b = unitOf(edge.to, table);
    if (a === b) continue;
    const la = table.layers[a], lb = table.layers[b];
    let reason: string | undefined;
    if (a in table.islands) {
      if (!table.islands[a].includes(b)) {
        reason = `${a} may import only ${[a, ...table.islands[a]].join(", ")}`;
      }
    } else if (b in table.islands) reason = `nothing outside ${b} may import it`;
    else if (la === undefined || lb === undefined) {
      reason = `"${la === undefined ? a : b}" has no layer; add it to the layer table`;
    } else if (lb > la && la === table.features && b === "routes") {
      reason = `feature ${a} imports routes/, the composition above it`;
    } else if (lb > la) reason = `${a} (layer ${la}) imports ${b} (layer ${lb}), a higher layer`;
    else if (la === table.features && lb === table.features) {
      reason = `feature ${a} imports feature ${b}; inject a callback at composition instead`;
    }
    if (reason) {
      const name = edgeName(edge);
      out.set(name, { edge: name, units: `${a} -> ${b}`, reason });
    }
  }
  return [...out.values()].sort((x, y) => x.edge < y.edge ? -1 : x.edge > y.edge ? 1 : 0);
}

/** The units of `paths` that the table does not place (neither a layer nor an island). */
export function unplacedUnits(paths: Iterable<string>, table: LayerTable): string[] {
  const out = new Set<string>();
  for (const path of paths) {
    const unit = unitOf(path, table);
    if (!(unit in table.layers) && !(unit in table.islands)) out.add(unit);
  }
  return [...out].sort();
}

/** Adjacency lists (sorted, so that results do not depend on the order files were read). */
function adjacency(nodes: Iterable<string>, edges: readonly { from: string; to: string }[]) {
  const next = new Map<string, string[]>();
  for (const node of nodes) next.set(node, []);
  for (const { from, to } of edges) {
    if (!next.has(from)) next.set(from, []);
    if (!next.has(to)) next.set(to, []);
    if (!next.get(from)!.includes(to)) next.get(from)!.push(to);
  }
  for (const succ of next.values()) succ.sort();
  return next;
}

/**
 * The strongly connected components that hold a cycle (more than one node, or a node that
 * imports itself), by Tarjan's algorithm; each component sorted, the list sorted.
 */
export function cyclicComponents(
  nodes: Iterable<string>,
  edges: readonly { from: string; to: string }[],
): string[][] {
  const next = adjacency(nodes, edges);
  let counter = 0;
  const index = new Map<string, number>(), low = new Map<string, number>();
  const stack: string[] = [], onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (v: string, frames: [string, number][]) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    frames.push([v, 0]);
  };
  for (const root of [...next.keys()].sort()) {
    if (index.has(root)) continue;
    // Iterative: a frame is a node and how far through its successors the search is.
    const frames: [string, number][] = [];
    visit(root, frames);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1];
      const node = frame[0], succ = next.get(node)!;
      if (frame[1] < succ.length) {
        const w = succ[frame[1]++];
        if (!index.has(w)) visit(w, frames);
        else if (onStack.has(w)) low.set(node, Math.min(low.get(node)!, index.get(w)!));
        continue;
      }
      frames.pop();
      if (frames.length > 0) {
        const parent = frames[frames.length - 1][0];
        low.set(parent, Math.min(low.get(parent)!, low.get(node)!));
      }
      if (low.get(node) !== index.get(node)) continue;
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== node);
      if (component.length > 1 || succ.includes(node)) components.push(component.sort());
    }
  }
  return components.sort((x, y) => x[0] < y[0] ? -1 : 1);
}

/**
 * One cycle per cyclic component, as a path `a -> b -> ... -> a`: the shortest cycle through
 * the component's first node.
 *
 * @example
 * ```ts
 * cycles(["a", "b"], [{ from: "a", to: "b" }, { from: "b", to: "a" }]); // ["a -> b -> a"]
 * ```
 */
export function cycles(nodes: Iterable<string>, edges: readonly { from: string; to: string }[]) {
  const next = adjacency(nodes, edges);
  return cyclicComponents(next.keys(), edges).map((component) => {
    const members = new Set(component), start = component[0];
    const parent = new Map<string, string>();
    const queue = [start];
    while (queue.length > 0) {
      const node = queue.shift()!;
      for (const w of next.get(node)!) {
        if (w === start) {
          const path = [start];
          for (let at = node; at !== start; at = parent.get(at)!) path.splice(1, 0, at);
          return [...path, start].join(" -> ");
        }
        if (members.has(w) && !parent.has(w)) {
          parent.set(w, node);
          queue.push(w);
        }
      }
    }
    return component.join(" -> ");
  });
}

/**
 * Splits what a check found into failures not in `known`, and exceptions in `known` that no
 * longer occur (stale: to be removed from the list).
 */
export function compareWithKnown(
  found: Iterable<string>,
  known: readonly string[],
): { unexpected: string[]; stale: string[] } {
  const have = new Set(found), allowed = new Set(known);
  return {
    unexpected: [...have].filter((f) => !allowed.has(f)).sort(),
    stale: known.filter((k) => !have.has(k)),
  };
}
