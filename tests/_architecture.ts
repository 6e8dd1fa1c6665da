/**
 * The rules of ARCHITECTURE.md checked on an import graph: layers, folder and file cycles, file
 * sizes, what may import `tests/` or `dev/` and who may import a `_` file; and the comparison of
 * what they find with a list of known exceptions. Everything takes plain data, so a test can
 * check the checks on an in-memory graph.
 *
 * @module
 */
import assert from "node:assert/strict";
import { type Edge, edgeName, type Graph } from "./_imports.ts";

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

/** The rules a project is checked against. */
export interface Rules {
  table: LayerTable;
  /** Top-level folders outside the runtime (`tests`, `dev`, `bench`). */
  outside: readonly string[];
  /** Files exempt from the size limit. */
  generated: readonly string[];
  maxLines: number;
}

/** Whether a path belongs to the runtime, i.e. not to a folder outside it. */
export function isRuntime(path: string, rules: Rules): boolean {
  return !rules.outside.includes(path.split("/")[0]);
}

/** What a check found: a key (the form a known exception takes) and details printed under it. */
export type Findings = Map<string, string[]>;

/**
 * Fails with the findings not in `known`, then with the known ones no longer found
 * ("stale exception: remove it from KNOWN_VIOLATIONS").
 */
export function assertKnown(what: string, found: Findings, known: readonly string[]): void {
  const { unexpected, stale } = compareWithKnown(found.keys(), known);
  const detail = unexpected.flatMap((key) => [key, ...found.get(key)!.map((d) => `  ${d}`)]);
  if (unexpected.length > 0) {
    assert.fail(`${what} (${unexpected.length}):\n  ${detail.join("\n  ")}`);
  }
  if (stale.length > 0) {
    assert.fail(
      `stale exception: remove it from KNOWN_VIOLATIONS (${what} no longer found):\n  ` +
        stale.join("\n  "),
    );
  }
}

/** Layer breaks keyed by the import between units (`"db -> ai"`); unplaced units by name. */
export function layerFindings(graph: Graph, rules: Rules): Findings {
  const runtime = (path: string) => isRuntime(path, rules);
  const found: Findings = new Map();
  for (const unit of unplacedUnits([...graph.files.keys()].filter(runtime), rules.table)) {
    found.set(`${unit}: not in the layer table`, [
      `add it to the layer table (tests/architecture_test.ts and ARCHITECTURE.md)`,
    ]);
  }
  const edges = graph.edges.filter((e) => runtime(e.to));
  for (const v of layerViolations(edges, rules.table, runtime)) {
    found.set(v.units, [...(found.get(v.units) ?? []), `${v.edge}: ${v.reason}`]);
  }
  return found;
}

/**
 * Cycles left once the `known` edges are removed (keyed `cycle: a -> b -> a`), plus each
 * known edge that still exists and still closes a cycle (keyed by the edge).
 */
function cycleFindings(
  nodes: string[],
  edges: { from: string; to: string }[],
  known: readonly string[],
): Findings {
  const onCycle = new Set<string>();
  for (const component of cyclicComponents(nodes, edges)) {
    const members = new Set(component);
    for (const e of edges) if (members.has(e.from) && members.has(e.to)) onCycle.add(edgeName(e));
  }
  const found: Findings = new Map();
  for (const k of known) if (onCycle.has(k)) found.set(k, []);
  const left = edges.filter((e) => !known.includes(edgeName(e)));
  for (const path of cycles(nodes, left)) found.set(`cycle: ${path}`, []);
  return found;
}

/** Cycles among the runtime units (folders and root files), `known` unit imports aside. */
export function folderCycleFindings(graph: Graph, rules: Rules, known: readonly string[]) {
  const runtime = (path: string) => isRuntime(path, rules);
  const units = [...graph.files.keys()].filter(runtime).map((f) => unitOf(f, rules.table));
  const edges = new Map<string, { from: string; to: string }>();
  for (const e of graph.edges) {
    if (!runtime(e.from) || !runtime(e.to)) continue;
    const from = unitOf(e.from, rules.table), to = unitOf(e.to, rules.table);
    if (from !== to) edges.set(`${from} -> ${to}`, { from, to });
  }
  return cycleFindings(units, [...edges.values()], known);
}

/** Cycles among all the files of the graph (type imports included), `known` imports aside. */
export function fileCycleFindings(graph: Graph, known: readonly string[]): Findings {
  const edges = graph.edges.filter((e) => graph.files.has(e.to));
  return cycleFindings([...graph.files.keys()], edges, known);
}

/** Files over the limit, keyed by path. */
export function longFileFindings(graph: Graph, rules: Rules): Findings {
  const found: Findings = new Map();
  for (const [path, lines] of graph.files) {
    if (lines > rules.maxLines && !rules.generated.includes(path)) {
      found.set(path, [`${lines} lines`]);
    }
  }
  return found;
}

/** Imports of `tests/` or `dev/` from runtime code and of `tests/` from `bench/`, by edge. */
export function outsideFindings(graph: Graph, rules: Rules): Findings {
  const found: Findings = new Map();
  for (const e of graph.edges) {
    const to = e.to.split("/")[0];
    const forbidden = isRuntime(e.from, rules)
      ? ["tests", "dev"]
      : e.from.startsWith("bench/") || e.from.startsWith("dev/")
      ? ["tests"]
      : [];
    if (forbidden.includes(to)) found.set(edgeName(e), []);
  }
  return found;
}

/**
 * Imports of a `_`-prefixed file from outside its folder, keyed by the import. A leading `_`
 * means one thing: private to its folder, imported only by files in that folder or below it.
 */
export function privateFileFindings(graph: Graph): Findings {
  const found: Findings = new Map();
  for (const e of graph.edges) {
    const slash = e.to.lastIndexOf("/");
    if (!e.to.slice(slash + 1).startsWith("_")) continue;
    if (slash < 0 || e.from.startsWith(e.to.slice(0, slash + 1))) continue;
    found.set(edgeName(e), [
      `rename ${e.to} without the leading _, or move it up to a shared folder`,
    ]);
  }
  return found;
}
