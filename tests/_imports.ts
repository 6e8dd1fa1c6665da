/**
 * The import graph of the project's own source files, read statically (nothing is run):
 * which file imports which, with type imports, re-exports, literal dynamic imports and
 * workers. `tests/_architecture.ts` checks the rules of ARCHITECTURE.md on it.
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
