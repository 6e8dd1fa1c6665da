import assert from "node:assert/strict";
import { constantValue, type ExprNode, parseExpr } from "../../domain/expr.ts";
import { ValidationError } from "../../domain/errors.ts";

/** The tree written back with every operation in parentheses. */
function show(node: ExprNode): string {
  switch (node.kind) {
    case "number":
      return String(node.value);
    case "key":
      return node.key;
    case "negate":
      return `(-${show(node.arg)})`;
    case "binary":
      return `(${show(node.left)} ${node.op} ${show(node.right)})`;
  }
}

function rejects(text: string, message: RegExp, token: string, position?: number): void {
  assert.throws(() => parseExpr(text), (err: unknown) => {
    assert.ok(err instanceof ValidationError);
    assert.match(err.message, message);
    assert.equal(err.extra.parameter, "expr");
    assert.equal(err.extra.token, token);
    if (position !== undefined) assert.equal(err.extra.position, position);
    return true;
  });
}

const W = "spp.rt.hb_west";
const N = "spp.rt.hb_north";

Deno.test("parseExpr() binds * and / tighter than + and -, left to right", () => {
  assert.equal(show(parseExpr(`${W} - ${N} * 2 + 1`).root), `((${W} - (${N} * 2)) + 1)`);
  assert.equal(show(parseExpr(`${W} / 2 / 4`).root), `((${W} / 2) / 4)`);
  assert.equal(show(parseExpr(`(${W} - ${N}) * 2`).root), `((${W} - ${N}) * 2)`);
});

Deno.test("parseExpr() reads unary minus before a key, a number or parentheses", () => {
  assert.equal(show(parseExpr(`-${W} * -2`).root), `((-${W}) * (-2))`);
  assert.equal(show(parseExpr(`--(${W})`).root), `(-(-${W}))`);
  assert.equal(show(parseExpr(`${W} - -1.5`).root), `(${W} - (-1.5))`);
});

Deno.test("parseExpr() lists distinct keys and works out the unit", async (t) => {
  await t.step("one unit under + and - keeps it", () => {
    const e = parseExpr(` spp.rt.lz_west - ${W} + 10 `);
    assert.equal(e.text, `spp.rt.lz_west - ${W} + 10`);
    assert.deepEqual(e.keys, ["spp.rt.lz_west", W]);
    assert.equal(e.unit, "$/MWh");
  });
  await t.step("a unit over itself is a ratio, other mixes are mixed", () => {
    assert.equal(parseExpr(`${W} / ${N}`).unit, "ratio");
    assert.equal(parseExpr(`${W} * load.actual`).unit, "mixed");
    assert.equal(parseExpr(`load.actual - ${W}`).unit, "mixed");
    assert.equal(parseExpr(`${W} * ${W}`).keys.length, 1);
  });
  await t.step("derived keys are keys", () => {
    assert.equal(parseExpr("dart.hb_north + spread.lz_west.hb_west").unit, "$/MWh");
  });
});

Deno.test("parseExpr() names the token and its position in every error", async (t) => {
  await t.step("unknown key", () => {
    rejects(
      `${W} + spp.rt.hb_nowhere`,
      /^Unknown series "spp\.rt\.hb_nowhere" at 18/,
      "spp.rt.hb_nowhere",
      18,
    );
  });
  await t.step(
    "bad character",
    () => rejects(`${W} % 2`, /^Unexpected character "%" at 16$/, "%", 16),
  );
  await t.step("unbalanced parentheses", () => {
    rejects(`${W} - 1)`, /^Unexpected "\)" at 19$/, ")", 19);
    rejects(
      `(${W} - 1`,
      /^Expected "\)" to close "\(" at 1, found end of expression at 20$/,
      "(",
      20,
    );
    rejects(`(${W} 1)`, /found "1" at 17/, "1", 17);
  });
  await t.step("division by a literal zero", () => {
    rejects(`${W} / 0`, /^Division by zero at 18$/, "0", 18);
    rejects(`${W} / (2 - 2.0)`, /^Division by zero at 18$/, "(", 18);
  });
  await t.step("nesting 17 deep", () => {
    const deep = `${"(".repeat(17)}${W}${")".repeat(17)}`;
    rejects(deep, /^Expression nests deeper than 16: "\(" at 17$/, "(", 17);
    rejects(`${"-".repeat(17)}${W}`, /nests deeper than 16/, "-", 17);
    assert.equal(parseExpr(`${"(".repeat(16)}${W}${")".repeat(16)}`).keys[0], W);
  });
  await t.step("1,000 characters", () => {
    const long = `${W} + ${"1 + ".repeat(300)}1`.slice(0, 1000);
    assert.equal(long.length, 1000);
    rejects(long, /^Expression is 1000 characters long, more than 500/, long.slice(500, 520), 501);
  });
  await t.step("empty, or ending early", () => {
    rejects("   ", /^Expression is empty$/, "");
    rejects(`${W} *`, /^Expression ends early at 17$/, "", 17);
  });
  await t.step("no key, or more than 8", () => {
    rejects("1 + 2", /names no series/, "1 + 2");
    const nine = [
      "hb_houston",
      "hb_north",
      "hb_pan",
      "hb_south",
      "hb_west",
      "lz_aen",
      "lz_cps",
      "lz_west",
      "lz_north",
    ]
      .map((p) => `spp.rt.${p}`).join(" + ");
    rejects(nine, /more than 8 series: "spp\.rt\.lz_north"/, "spp.rt.lz_north");
  });
});

Deno.test("constantValue() folds subtrees without keys only", () => {
  assert.equal(constantValue(parseExpr(`${W} * 1`).root), undefined);
  const root = parseExpr(`${W} + -(3 - 1) * 2`).root;
  assert.equal(root.kind === "binary" && constantValue(root.right), -4);
});

Deno.test("parseExpr() counts error positions from the text as given, leading spaces included", () => {
  assert.throws(
    () => parseExpr("  spp.rt.hb_west + )"),
    (err: unknown) => err instanceof ValidationError && /Unexpected "\)" at 20/.test(err.message),
  );
  assert.equal(parseExpr("  spp.rt.hb_west - 1 ").text, "spp.rt.hb_west - 1");
});
