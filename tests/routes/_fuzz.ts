/**
 * Request generation for the OpenAPI fuzz: every operation of the document,
 * a plausible base request built from its schemas, every field of it (path
 * and query parameters, every member of the JSON body at any depth, through
 * arrays and each alternative of a union), and the mutations each field gets.
 *
 * @module
 */

/** The parts of a JSON Schema (OpenAPI 3.1) the generator reads. */
export type Schema = Record<string, unknown> & {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  format?: string;
  example?: unknown;
  default?: unknown;
  minLength?: number;
  minimum?: number;
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
};

/** A parameter of an operation. */
export interface Param {
  name: string;
  in: "query" | "path" | "header";
  schema?: Schema;
  required?: boolean;
}

/** One documented operation. */
export interface Operation {
  method: string;
  path: string;
  params: Param[];
  body?: Schema;
}

/** Where a field is: a path or query parameter by name, or a body member by its path. */
export type Field =
  | { in: "path" | "query"; name: string }
  | { in: "body"; path: (string | number)[]; base: unknown };

/** Values every field is set to, one at a time. */
export const MUTATIONS: readonly unknown[] = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\u0007bell",
  "\u001b[31mred",
  "tab\there",
  "line\nbreak",
  "\u007f",
  "\u0085",
  "\ud800",
  "x\udfffy",
  "x".repeat(5000),
  "💸".repeat(50),
  "\u202egnp.exe",
  "../../../etc/passwd",
  "%00",
  "' or 1=1 --",
  "'; drop table users; --",
  "<script>alert(1)</script>",
  "${jndi:ldap://x/a}",
  "1e309",
  "-1",
  "NaN",
  "2026-13-45T25:61:00Z",
  "00000000-0000-0000-0000-000000000000",
  "http://127.0.0.1:1/",
  0,
  -1,
  1e308,
  -1e308,
  2 ** 53 + 2,
  0.5,
  true,
  false,
  null,
  [],
  [null, "\u0000"],
  {},
  { "\u0000": 1 },
  JSON.parse("[".repeat(64) + "]".repeat(64)),
];

/** Whether a mutation is a string the field check must refuse (control character, surrogate). */
export function forbiddenText(value: unknown): boolean {
  // deno-lint-ignore no-control-regex
  return typeof value === "string" && (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/
    .test(value) || !value.isWellFormed());
}

/** The operations of a document. */
export function operations(
  doc: { paths: Record<string, Record<string, Record<string, unknown>>> },
): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const content = (op.requestBody as { content?: Record<string, { schema: Schema }> })
        ?.content;
      ops.push({
        method: method.toUpperCase(),
        path,
        params: (op.parameters ?? []) as Param[],
        body: content?.["application/json"]?.schema,
      });
    }
  }
  return ops;
}

/** Resolves `$ref`s against the document's component schemas. */
export function resolver(refs: Record<string, Schema>): (s: Schema | undefined) => Schema {
  return (s) => {
    let schema = s ?? {};
    for (let i = 0; schema.$ref && i < 10; i++) schema = refs[schema.$ref.split("/").pop()!];
    return schema;
  };
}

/** A plausible value of `schema`: its example, default, first enum member, or one by type. */
export function baseOf(schema: Schema, resolve: (s?: Schema) => Schema, depth = 0): unknown {
  const s = resolve(schema);
  if (s.example !== undefined) return s.example;
  if (s.default !== undefined) return s.default;
  if (s.enum) return s.enum[0];
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives) return baseOf(alternatives[0], resolve, depth + 1);
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  if (depth > 6) return null;
  switch (type) {
    case "object":
      return Object.fromEntries(
        Object.entries(s.properties ?? {}).map(([k, p]) => [k, baseOf(p, resolve, depth + 1)]),
      );
    case "array":
      return [baseOf(s.items ?? {}, resolve, depth + 1)];
    case "integer":
    case "number":
      return s.minimum ?? 1;
    case "boolean":
      return false;
    default:
      return stringBase(s);
  }
}

function stringBase(s: Schema): string {
  if (s.format === "uuid") return "6f1c1a0e-1b2c-4d3e-8f40-5a6b7c8d9e0f";
  if (s.format === "date-time") return "2026-01-01T00:00:00Z";
  if (s.format === "email") return "fuzz@example.com";
  return "fuzz-value".padEnd(s.minLength ?? 0, "x");
}

/**
 * Every field of a body schema with a base body in which it exists: a
 * member reached through one alternative of a union sits in a body built
 * from that alternative.
 */
export function bodyFields(
  schema: Schema,
  resolve: (s?: Schema) => Schema,
  depth = 0,
): { path: (string | number)[]; base: unknown }[] {
  const s = resolve(schema);
  const base = baseOf(s, resolve, depth);
  if (depth > 6) return [];
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives) return alternatives.flatMap((a) => bodyFields(a, resolve, depth + 1));
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  if (type === "array") {
    return bodyFields(s.items ?? {}, resolve, depth + 1)
      .map((f) => ({ path: [0, ...f.path], base: [f.base] }));
  }
  if (type !== "object") return [];
  const out: { path: (string | number)[]; base: unknown }[] = [];
  for (const [key, member] of Object.entries(s.properties ?? {})) {
    out.push({ path: [key], base });
    for (const f of bodyFields(member, resolve, depth + 1)) {
      out.push({ path: [key, ...f.path], base: { ...(base as object), [key]: f.base } });
    }
  }
  return out;
}

/** A copy of `base` with the member at `path` set to `value` (the whole body for `[]`). */
export function withValue(base: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(base) as Record<string | number, unknown>;
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  at[path.at(-1)!] = value;
  return copy;
}

/** A parameter's value as text. */
export function asText(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value) ?? "";
}
