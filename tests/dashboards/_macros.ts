/**
 * A small expander of the Grafana PostgreSQL macros our panels use, so their
 * SQL runs as Grafana would run it over a fixed window: `$__timeFilter(col)`,
 * `$__timeGroupAlias(col, 'width')`, `$__time(col)`, `$__timeFrom()`,
 * `$__timeTo()`, and template variables
 * `${name:sqlstring}` and `$name`. An unknown macro throws, so a new one
 * cannot slip past the tests.
 *
 * @module
 */

/** The window and variable values to expand with. */
export interface MacroContext {
  from: Date;
  to: Date;
  vars?: Record<string, string>;
}

const WIDTHS: Record<string, number> = { "1m": 60, "5m": 300, "15m": 900, "1h": 3600, "1d": 86400 };

/** `sql` with every macro and variable replaced. */
export function expandMacros(sql: string, ctx: MacroContext): string {
  const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;
  const [from, to] = [ctx.from.toISOString(), ctx.to.toISOString()];
  const out = sql
    .replace(
      /\$__timeFilter\(([^)]+)\)/g,
      (_, col) => `${col.trim()} BETWEEN '${from}' AND '${to}'`,
    )
    .replace(/\$__timeGroupAlias\(([^,]+),\s*'([^']+)'\)/g, (_, col, width) => {
      const seconds = WIDTHS[width];
      if (!seconds) throw new Error(`Macro interval "${width}" is not known`);
      return `floor(extract(epoch from ${col.trim()})/${seconds})*${seconds} AS "time"`;
    })
    .replace(/\$__time\(([^)]+)\)/g, (_, col) => `${col.trim()} AS "time"`)
    .replace(/\$__timeFrom\(\)/g, `'${from}'`)
    .replace(/\$__timeTo\(\)/g, `'${to}'`)
    .replace(/\$\{(\w+):sqlstring\}/g, (_, name) => quote(variable(ctx, name)))
    .replace(/\$(?!__)(\w+)/g, (_, name) => variable(ctx, name));
  const left = /\$__\w+/.exec(out);
  if (left) throw new Error(`Macro ${left[0]} is not expanded`);
  return out;
}

function variable(ctx: MacroContext, name: string): string {
  const value = ctx.vars?.[name];
  if (value === undefined) throw new Error(`Template variable "${name}" has no value`);
  return value;
}
