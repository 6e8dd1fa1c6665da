/**
 * Expressions over series (issue #19): `+ - * /`, unary minus, parentheses, numbers and catalog
 * keys, e.g. `spp.rt.lz_west - spp.rt.hb_west`. Our own tokenizer and recursive-descent parser,
 * with limits (500 characters, nesting 16 deep, 8 distinct keys); every error is a
 * {@link ValidationError} naming the offending token and its 1-based character position. The
 * store compiles the tree to SQL on aligned buckets.
 *
 * Unit of the result: a key's unit; a number has none. `+` and `-` of one unit keep it, `*` and
 * `/` by a number keep the other side's unit, a unit divided by itself is `ratio`, and any other
 * combination is `mixed`.
 *
 * @module
 */
import { ValidationError } from "./errors.ts";
import { findSeries, suggestSeries } from "./catalog.ts";

/** Longest expression text, in characters. */
export const MAX_EXPR_LENGTH = 500;
/** Deepest nesting of parentheses and unary minus. */
export const MAX_EXPR_DEPTH = 16;
/** Most distinct series keys one expression may name. */
export const MAX_EXPR_KEYS = 8;

/** A binary operator. */
export type ExprOp = "+" | "-" | "*" | "/";

/** A node of an expression tree. */
export type ExprNode =
  | { readonly kind: "number"; readonly value: number }
  | { readonly kind: "key"; readonly key: string }
  | { readonly kind: "negate"; readonly arg: ExprNode }
  | {
    readonly kind: "binary";
    readonly op: ExprOp;
    readonly left: ExprNode;
    readonly right: ExprNode;
  };

/** A parsed, validated expression. */
export interface Expr {
  /** The text as given, trimmed. */
  readonly text: string;
  readonly root: ExprNode;
  /** Distinct keys, in order of first use. */
  readonly keys: readonly string[];
  /** Unit of the result: a catalog unit, `ratio`, `mixed`, or `number` for a plain number. */
  readonly unit: string;
}

interface Token {
  readonly kind: "number" | "name" | "op" | "(" | ")" | "end";
  readonly text: string;
  /** 1-based character position. */
  readonly at: number;
}

function fail(message: string, token?: string, at?: number): never {
  throw new ValidationError(message, { parameter: "expr", token, position: at });
}

const NUMBER = /^(?:\d+(?:\.\d*)?|\.\d+)/;
const NAME = /^[A-Za-z_][A-Za-z0-9_.]*/;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    const c = text[i];
    const space = rest.match(/^\s+/);
    const match = rest.match(NUMBER) ?? rest.match(NAME);
    if (space) i += space[0].length;
    else if (match) {
      tokens.push({ kind: /^[\d.]/.test(c) ? "number" : "name", text: match[0], at: i + 1 });
      i += match[0].length;
    } else if ("+-*/()".includes(c)) {
      const kind = c === "(" || c === ")" ? c : "op";
      tokens.push({ kind, text: c, at: i + 1 });
      i += 1;
    } else {
      const ch = String.fromCodePoint(text.codePointAt(i)!);
      fail(`Unexpected character ${JSON.stringify(ch)} at ${i + 1}`, ch, i + 1);
    }
  }
  tokens.push({ kind: "end", text: "", at: text.length + 1 });
  return tokens;
}

class Parser {
  #i = 0;
  readonly keys: string[] = [];
  constructor(readonly tokens: Token[]) {}

  get peek(): Token {
    return this.tokens[this.#i];
  }

  next(): Token {
    return this.tokens[this.#i++];
  }

  sum(depth: number): ExprNode {
    let left = this.product(depth);
    while (this.peek.text === "+" || this.peek.text === "-") {
      const op = this.next().text as ExprOp;
      left = { kind: "binary", op, left, right: this.product(depth) };
    }
    return left;
  }

  product(depth: number): ExprNode {
    let left = this.unary(depth);
    while (this.peek.text === "*" || this.peek.text === "/") {
      const op = this.next().text as ExprOp;
      const token = this.peek;
      const right = this.unary(depth);
      if (op === "/" && constantValue(right) === 0) {
        fail(`Division by zero at ${token.at}`, token.text, token.at);
      }
      left = { kind: "binary", op, left, right };
    }
    return left;
  }

  unary(depth: number): ExprNode {
    if (this.peek.text !== "-") return this.primary(depth);
    const minus = this.next();
    this.deeper(depth, minus);
    return { kind: "negate", arg: this.unary(depth + 1) };
  }

  primary(depth: number): ExprNode {
    const token = this.next();
    if (token.kind === "number") {
      const value = Number(token.text);
      if (!Number.isFinite(value)) {
        fail(`Number "${token.text}" at ${token.at} is too large`, token.text, token.at);
      }
      return { kind: "number", value };
    }
    if (token.kind === "name") return this.key(token);
    if (token.kind === "(") {
      this.deeper(depth, token);
      const inner = this.sum(depth + 1);
      const close = this.next();
      if (close.kind !== ")") {
        const what = close.kind === "end" ? "end of expression" : `"${close.text}"`;
        fail(
          `Expected ")" to close "(" at ${token.at}, found ${what} at ${close.at}`,
          close.text || "(",
          close.at,
        );
      }
      return inner;
    }
    if (token.kind === "end") fail(`Expression ends early at ${token.at}`, "", token.at);
    fail(`Unexpected "${token.text}" at ${token.at}`, token.text, token.at);
  }

  key(token: Token): ExprNode {
    if (!findSeries(token.text)) {
      const near = suggestSeries(token.text.toLowerCase(), 1);
      const hint = near.length ? `; did you mean "${near[0]}"?` : "";
      fail(`Unknown series "${token.text}" at ${token.at}${hint}`, token.text, token.at);
    }
    if (!this.keys.includes(token.text)) {
      this.keys.push(token.text);
      if (this.keys.length > MAX_EXPR_KEYS) {
        fail(
          `Expression names more than ${MAX_EXPR_KEYS} series: "${token.text}" at ${token.at}`,
          token.text,
          token.at,
        );
      }
    }
    return { kind: "key", key: token.text };
  }

  deeper(depth: number, token: Token): void {
    if (depth + 1 > MAX_EXPR_DEPTH) {
      fail(
        `Expression nests deeper than ${MAX_EXPR_DEPTH}: "${token.text}" at ${token.at}`,
        token.text,
        token.at,
      );
    }
  }
}

/**
 * The value of a subtree without keys, or `undefined` when it names a key.
 *
 * @example constantValue({ kind: "negate", arg: { kind: "number", value: 2 } }) // -2
 */
export function constantValue(node: ExprNode): number | undefined {
  switch (node.kind) {
    case "number":
      return node.value;
    case "key":
      return undefined;
    case "negate": {
      const v = constantValue(node.arg);
      return v === undefined ? undefined : -v;
    }
    case "binary": {
      const [a, b] = [constantValue(node.left), constantValue(node.right)];
      if (a === undefined || b === undefined) return undefined;
      if (node.op === "+") return a + b;
      if (node.op === "-") return a - b;
      if (node.op === "*") return a * b;
      return a / b;
    }
  }
}

/** The unit of a subtree (see the module's rule). */
export function exprUnit(node: ExprNode): string {
  switch (node.kind) {
    case "number":
      return "number";
    case "key":
      return findSeries(node.key)!.unit;
    case "negate":
      return exprUnit(node.arg);
    case "binary": {
      const [a, b] = [exprUnit(node.left), exprUnit(node.right)];
      if (b === "number") return a;
      if (a === "number") return node.op === "/" ? "mixed" : b;
      if (node.op === "+" || node.op === "-") return a === b ? a : "mixed";
      if (node.op === "/" && a === b && a !== "mixed") return "ratio";
      return "mixed";
    }
  }
}

/**
 * Parses and validates an expression. Throws {@link ValidationError} (parameter `expr`, with the
 * `token` and its `position`) on an empty or over-long text, a bad character, an unknown key,
 * unbalanced parentheses, nesting deeper than 16, more than 8 keys, no key at all, or a division
 * by a literal zero.
 *
 * @example parseExpr("spp.rt.lz_west - spp.rt.hb_west").unit // "$/MWh"
 */
export function parseExpr(input: string): Expr {
  const text = input.trim();
  if (!text) fail("Expression is empty", "", 1);
  if (text.length > MAX_EXPR_LENGTH) {
    const rest = text.slice(MAX_EXPR_LENGTH, MAX_EXPR_LENGTH + 20);
    fail(
      `Expression is ${text.length} characters long, more than ${MAX_EXPR_LENGTH}: ` +
        `${JSON.stringify(rest)}… at ${MAX_EXPR_LENGTH + 1} is past the limit`,
      rest,
      MAX_EXPR_LENGTH + 1,
    );
  }
  // Positions count from the text as given, leading spaces included.
  const parser = new Parser(tokenize(input.trimEnd()));
  const root = parser.sum(0);
  const rest = parser.peek;
  if (rest.kind !== "end") fail(`Unexpected "${rest.text}" at ${rest.at}`, rest.text, rest.at);
  if (parser.keys.length === 0) fail(`Expression "${text}" names no series`, text, 1);
  return { text, root, keys: parser.keys, unit: exprUnit(root) };
}

/** Longest label of an expression, in characters. */
export const MAX_LABEL_LENGTH = 80;

/**
 * Why a label cannot name an expression's answer (empty, over 80 characters, markup or control
 * characters), or `undefined` when it can.
 *
 * @example labelProblem("West <b>basis</b>") // "Label contains markup"
 */
export function labelProblem(label: string): string | undefined {
  const text = label.trim();
  if (!text) return "Label is empty";
  if (text.length > MAX_LABEL_LENGTH) {
    return `Label is ${text.length} characters long, more than ${MAX_LABEL_LENGTH}`;
  }
  if (/[<>]/.test(text)) return "Label contains markup";
  // Grafana expands $variables and $__macros() even inside the label's SQL string literal.
  if (text.includes("$")) return 'Label contains "$"';
  if ([...text].some((c) => c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127)) {
    return "Label contains control characters";
  }
  return undefined;
}
