/**
 * A small statement model: SQL written once as a tagged template, rendered three ways —
 * a postgres.js fragment to run, text with `$n` placeholders and its parameters (what the
 * plain-English chart preview shows and runs), or text with quoted literals (what Grafana runs
 * as its read-only role). Values are only ever bound or quoted; fixed SQL (table, column and
 * function names from enums, Grafana macros) enters through {@link fixed}.
 *
 * @module
 */
import type postgres from "postgres";
import type { Sql } from "./client.ts";

/** A value and the type it is cast to in text renderings. */
export interface Bound {
  readonly kind: "bound";
  readonly value: string | number | Date;
  readonly cast: "text" | "timestamptz" | "float8" | "int8";
}

/** SQL text from a fixed vocabulary, never from a request. */
export interface Fixed {
  readonly kind: "fixed";
  readonly text: string;
}

/** A statement: template strings with bound values, fixed text or statements between them. */
export interface Statement {
  readonly kind: "statement";
  readonly strings: readonly string[];
  readonly parts: readonly Part[];
}

/** What may stand between a statement's strings. */
export type Part = Bound | Fixed | Statement;

/** A postgres.js fragment, runnable or nestable in another tagged template. */
export type Fragment = postgres.PendingQuery<postgres.Row[]>;

/**
 * Writes a statement.
 *
 * @example
 * const s = statement`select v from t where k = ${bind("a", "text")} and x ${fixed(">")} 0`;
 */
export function statement(strings: TemplateStringsArray, ...parts: Part[]): Statement {
  return { kind: "statement", strings: [...strings], parts };
}

/** A bound value (a parameter, or a quoted literal in {@link toLiteralSql}). */
export function bind(value: string | number | Date, cast: Bound["cast"]): Bound {
  return { kind: "bound", value, cast };
}

/** Fixed SQL text; only for names and keywords chosen from enums in code. */
export function fixed(text: string): Fixed {
  return { kind: "fixed", text };
}

/** Joins statements with fixed text between them, like `Array.join`. */
export function joinStatements(items: readonly Statement[], separator: string): Statement {
  const strings = ["", ...items.slice(1).map(() => separator), ""];
  return { kind: "statement", strings, parts: items };
}

/** The statement flattened: `strings.length === values.length + 1`. */
function flatten(s: Statement): { strings: string[]; values: Bound[] } {
  const strings = [s.strings[0]];
  const values: Bound[] = [];
  const append = (text: string) => strings[strings.length - 1] += text;
  s.parts.forEach((part, i) => {
    if (part.kind === "fixed") append(part.text);
    else if (part.kind === "bound") {
      values.push(part);
      strings.push("");
    } else {
      const inner = flatten(part);
      append(inner.strings[0]);
      inner.values.forEach((value, j) => {
        values.push(value);
        strings.push(inner.strings[j + 1]);
      });
    }
    append(s.strings[i + 1]);
  });
  return { strings, values };
}

/** The statement as a postgres.js fragment over `sql`. */
export function toFragment(sql: Sql, s: Statement): Fragment {
  const { strings, values } = flatten(s);
  const template = Object.assign([...strings], { raw: [...strings] });
  return sql(template as unknown as TemplateStringsArray, ...values.map((v) => v.value));
}

/**
 * The statement as text with `$n::cast` placeholders, numbered in text order, and its
 * parameters; an instant is written ISO 8601, without milliseconds when they are zero.
 */
export function toParameterized(s: Statement): { text: string; params: (string | number)[] } {
  const { strings, values } = flatten(s);
  const params = values.map(({ value }) =>
    value instanceof Date ? value.toISOString().replace(".000Z", "Z") : value
  );
  const text = strings.reduce((out, piece, i) => `${out}$${i}::${values[i - 1].cast}${piece}`);
  return { text, params };
}

/** The statement as text with every value a quoted literal (for Grafana's `rawSql`). */
export function toLiteralSql(s: Statement): string {
  const { strings, values } = flatten(s);
  return strings.reduce((out, piece, i) => `${out}${literal(values[i - 1])}${piece}`);
}

/** A bound value as an SQL literal: strings single-quoted with quotes doubled. */
export function literal({ value, cast }: Bound): string {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`Cannot write ${value} as an SQL literal`);
    return String(value);
  }
  const text = value instanceof Date ? value.toISOString() : value;
  const quoted = `'${text.replaceAll("'", "''")}'`;
  return cast === "text" ? quoted : `${quoted}::${cast}`;
}
