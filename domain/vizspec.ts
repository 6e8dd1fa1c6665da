/**
 * The VizSpec: the one description of a chart (DESIGN.md "VizSpec"). One zod schema drives
 * validation, the TypeScript type and the JSON Schema handed to the LLM as a tool input schema.
 *
 * @module
 */
import { z } from "zod";
import { ValidationError } from "./errors.ts";
import { SERIES_KEY_PATTERN } from "./catalog.ts";
import { labelProblem, MAX_EXPR_LENGTH, parseExpr } from "./expr.ts";
import { addCentralMonths } from "./central.ts";
import { MONTH_MS, windowMs, windowParts } from "./duration.ts";

import { CHARTS } from "./charts.ts";
import {
  FAMILIES,
  MAX_RANK_WINDOW_MS,
  MAX_TABLE_ROWS,
  POINT_TYPES,
  RANK_AGGS,
  RANK_ORDERS,
} from "./cross_section.ts";
/** Chart kinds (domain/charts.ts). */
export { CHARTS };
/** Bucket widths; `auto` lets the server pick one for the window. */
export const RESOLUTIONS = ["auto", "raw", "5m", "15m", "1h", "1d"] as const;
/** Aggregates applied within a bucket. */
export const AGGS = ["avg", "min", "max", "sum", "last"] as const;
/** Most series one chart may hold. */
export const MAX_SERIES = 24;
/** Most series one chart drawn from a plain-English request may hold. */
export const MAX_REQUEST_SERIES = 12;

/**
 * Why a chart asked for in plain English may not hold `count` series, or
 * undefined when it may.
 *
 * @example requestSeriesProblem(13) // "Request names 13 series; a chart …"
 */
export function requestSeriesProblem(count: number): string | undefined {
  if (count <= MAX_REQUEST_SERIES) return undefined;
  return `Request names ${count} series; a chart from a plain-English request holds at most ` +
    `${MAX_REQUEST_SERIES}: ask for fewer, or for several charts`;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const MAX_SPAN_MS = 20 * 12 * MONTH_MS;
function durationProblem(text: string): string | undefined {
  const total = windowMs(text);
  if (total === undefined) return `Duration "${text}" is not ISO 8601 (e.g. PT24H, P7D, P1M)`;
  if (total <= 0) return `Duration "${text}" is zero`;
  if (total > MAX_SPAN_MS) return `Duration "${text}" is longer than 20 years`;
  return undefined;
}

/**
 * Milliseconds in an ISO 8601 duration (`PnYnMnWnDTnHnMnS`); a year counts 365.2425 days and a
 * month a twelfth of that. Throws {@link ValidationError} for bad syntax, zero, or over 20 years.
 *
 * @example parseIsoDuration("P1DT12H") // 129600000
 */
export function parseIsoDuration(text: string): number {
  const problem = durationProblem(text);
  if (problem) throw new ValidationError(problem, { parameter: "duration" });
  return windowMs(text)!;
}

/** An instant as ISO 8601 UTC, without milliseconds when they are zero. */
export function formatInstant(at: Date): string {
  return at.toISOString().replace(".000Z", "Z");
}

const Duration = z.string().max(40).superRefine((value, ctx) => {
  const problem = durationProblem(value);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
}).meta({ description: "ISO 8601 duration ending now, e.g. PT24H, P7D, P1M" });

const Instant = z.iso.datetime({
  offset: true,
  error: (issue) => `Instant ${JSON.stringify(issue.input)} is not ISO 8601 with a Z or offset`,
});

/** An ISO 8601 instant with `Z` or an offset, e.g. `2026-11-27T06:00:00Z`. */
export const IsoInstant: z.ZodType<string> = Instant;

const Absolute = z.strictObject({ start: Instant, end: Instant }).superRefine((r, ctx) => {
  const span = Date.parse(r.end) - Date.parse(r.start);
  if (span <= 0) {
    ctx.addIssue({ code: "custom", message: `Range start ${r.start} is not before end ${r.end}` });
  } else if (span > MAX_SPAN_MS) {
    ctx.addIssue({
      code: "custom",
      message: `Range ${r.start} to ${r.end} is longer than 20 years`,
    });
  }
});

const Range = z.union([z.strictObject({ last: Duration }), Absolute]).meta({
  description: "Either { last: duration } ending now, or { start, end } instants (end exclusive)",
});

const SeriesKey = z.string().regex(SERIES_KEY_PATTERN, {
  error: (issue) => `Series key ${JSON.stringify(issue.input)} is not a catalog key`,
});

const ExprItem = z.strictObject({
  expr: z.string().max(4 * MAX_EXPR_LENGTH).superRefine((text, ctx) => {
    try {
      parseExpr(text);
    } catch (err) {
      ctx.addIssue({ code: "custom", message: (err as Error).message });
    }
  }).meta({
    description: "Expression over catalog keys: + - * /, unary minus, parentheses and numbers, " +
      "e.g. spp.rt.lz_west - spp.rt.hb_west (at most 500 characters, 8 keys)",
  }),
  label: z.string().superRefine((text, ctx) => {
    const problem = labelProblem(text);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  }).meta({ description: "Name of the line, at most 80 characters, e.g. West basis" }),
});

/** One series of a chart: a catalog key, or an expression over keys with its label. */
export type SeriesItem = string | { readonly expr: string; readonly label: string };

/**
 * What identifies a series item: its key, or its expression text (trimmed).
 *
 * @example seriesItemKey({ expr: " a - b ", label: "A minus B" }) // "a - b"
 */
export function seriesItemKey(item: SeriesItem): string {
  return typeof item === "string" ? item : item.expr.trim();
}

/** The name a series item is shown by: its label, or undefined for a key (the catalog names it). */
export function seriesItemLabel(item: SeriesItem): string | undefined {
  return typeof item === "string" ? undefined : item.label.trim();
}

/**
 * Every catalog key the items read, keys and the keys inside expressions, each once.
 *
 * @example seriesItemKeys(["a.b", { expr: "a.b - c.d", label: "x" }]) // ["a.b", "c.d"]
 */
export function seriesItemKeys(items: readonly SeriesItem[]): string[] {
  const keys = items.flatMap((i) => typeof i === "string" ? [i] : [...parseExpr(i.expr).keys]);
  return [...new Set(keys)];
}

const SeriesList = z.array(z.union([SeriesKey, ExprItem])).max(MAX_SERIES, {
  error: (issue) =>
    `A chart holds at most ${MAX_SERIES} series, got ${(issue.input as unknown[]).length}`,
}).superRefine((items, ctx) => {
  const keys = items.map(seriesItemKey);
  const twice = keys.find((k, i) => keys.indexOf(k) !== i);
  if (twice) ctx.addIssue({ code: "custom", message: `Series "${twice}" is listed twice` });
});

const hasControl = (text: string) =>
  [...text].some((c) => c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127);

const Title = z.string().trim()
  .min(1, "Title is empty")
  .max(120, "Title is longer than 120 characters")
  .regex(/^[^<>]*$/, "Title contains markup")
  .refine((title) => !hasControl(title), "Title contains control characters");

const oneOf = (what: string, allowed: readonly string[]) => (issue: { input?: unknown }) =>
  `${what} ${JSON.stringify(issue.input)} is not one of ${allowed.join(", ")}`;

const Top = z.strictObject({
  n: z.number().int(`Top n is not a whole number`).min(1, "Top n is less than 1")
    .max(MAX_TABLE_ROWS, `Top n is more than ${MAX_TABLE_ROWS}`)
    .meta({ description: `How many points to rank, 1 to ${MAX_TABLE_ROWS}` }),
  agg: z.enum(RANK_AGGS, { error: oneOf("Top agg", RANK_AGGS) }).default("avg")
    .meta({ description: "Aggregate of each point's values over the range" }),
  order: z.enum(RANK_ORDERS, { error: oneOf("Top order", RANK_ORDERS) }).default("desc")
    .meta({ description: "desc: highest first; asc: lowest (cheapest) first" }),
});

const CrossSection = z.strictObject({
  family: z.enum(FAMILIES, { error: oneOf("Family", FAMILIES) }).meta({
    description:
      "spp.rt real-time SPP (15 min), spp.da day-ahead SPP (1 h), lmp.rt SCED LMP (5 min)",
  }),
  type: z.enum(POINT_TYPES, { error: oneOf("Point type", POINT_TYPES) }).optional()
    .meta({
      description:
        "Only hubs (hb_*), load zones and DC ties (lz_*, dc_*) or nodes; every point when absent",
    }),
  at: Instant.optional().meta({
    description: "Every point at the interval containing this instant; absent: the latest",
  }),
  top: Top.optional().meta({
    description: "Rank points by an aggregate over the range (at most 31 days) instead",
  }),
}).refine((x) => x.at === undefined || x.top === undefined, {
  message: "A cross-section is either every point at one instant (at) or a ranking over the " +
    "range (top), not both",
}).meta({
  description: "A table chart of every settlement point of a price family at one instant, or " +
    "of the top N points over the range; such a table has no series",
});

/** The `cross_section` of a table VizSpec (`domain/cross_section.ts` has its vocabulary). */
export type CrossSectionSpec = z.output<typeof CrossSection>;

function rangeSpanMs(range: z.output<typeof Range>): number {
  return "last" in range
    ? windowMs(range.last) ?? 0
    : Date.parse(range.end) - Date.parse(range.start);
}

/**
 * The VizSpec schema; `resolution`, `agg` and `stacked` have defaults. A chart draws its
 * `series`; a `table` draws either series or a `cross_section` (then it has no series).
 */
export const VizSpecSchema = z.strictObject({
  version: z.literal(1),
  title: Title,
  chart: z.enum(CHARTS),
  series: SeriesList.default([]).meta({
    description: "What to draw; every chart needs at least one, except a cross-section table",
  }),
  cross_section: CrossSection.optional(),
  range: Range,
  resolution: z.enum(RESOLUTIONS).default("auto"),
  agg: z.enum(AGGS).default("avg"),
  stacked: z.boolean().default(false),
}).superRefine((spec, ctx) => {
  const problem = (path: string, message: string) =>
    ctx.addIssue({ code: "custom", path: [path], message });
  const xs = spec.cross_section;
  if (xs && spec.chart !== "table") {
    problem("cross_section", `A cross-section is drawn as a table, not a ${spec.chart} chart`);
  } else if (xs && spec.series.length > 0) {
    problem("series", "A cross-section table reads no series: drop series or cross_section");
  } else if (!xs && spec.series.length === 0) {
    problem(
      "series",
      spec.chart === "table"
        ? "A table needs at least one series or a cross_section"
        : "A chart needs at least one series",
    );
  } else if (xs?.top && rangeSpanMs(spec.range) > MAX_RANK_WINDOW_MS) {
    problem(
      "range",
      `A top-${xs.top.n} table ranks over at most ${MAX_RANK_WINDOW_MS / 86_400_000} days; ` +
        `range ${JSON.stringify(spec.range)} is longer`,
    );
  }
});

/** A validated VizSpec, every field present. */
export type VizSpec = z.output<typeof VizSpecSchema>;
/** A VizSpec as written, defaults optional. */
export type VizSpecInput = z.input<typeof VizSpecSchema>;
/** The `range` of a VizSpec. */
export type VizRange = VizSpec["range"];

function toJsonSchema(): Record<string, unknown> {
  const schema: Record<string, unknown> = z.toJSONSchema(VizSpecSchema, { io: "input" });
  delete schema.$schema;
  return schema;
}

/** JSON Schema of a VizSpec as written (no `$schema` member), fit for a Bedrock tool input. */
export const vizSpecJsonSchema: Record<string, unknown> = toJsonSchema();

type Issue = z.core.$ZodIssue;

function firstIssue(issues: readonly Issue[]): Issue {
  const issue = issues[0];
  if (issue.code !== "invalid_union" || issue.errors.length === 0) return issue;
  // The branch of the input's own type says more: an object item is an expression, not a key.
  const score = (b: readonly Issue[]) =>
    b.length + (b[0]?.code === "invalid_type" && b[0].path.length === 0 ? 0.5 : 0);
  const branch = [...issue.errors].sort((a, b) => score(a) - score(b))[0];
  const inner = firstIssue(branch);
  return { ...inner, path: [...issue.path, ...inner.path] };
}

/**
 * Validates a VizSpec and fills defaults. Throws {@link ValidationError} naming the first
 * problem and where it is.
 */
export function validateSpec(input: unknown): VizSpec {
  const result = VizSpecSchema.safeParse(input);
  if (result.success) return result.data;
  const issue = firstIssue(result.error.issues);
  const where = issue.path.length ? `VizSpec ${issue.path.join(".")}: ` : "VizSpec: ";
  throw new ValidationError(`${where}${issue.message}`, { parameter: issue.path.join(".") });
}

/**
 * The absolute `[start, end)` of a range. `last` ends at `now`; its years and months step back
 * on the Central-time calendar, the rest in absolute time.
 *
 * @example resolveRange({ last: "PT24H" }, now) // { start: now − 24 h, end: now }
 */
export function resolveRange(range: VizRange, now: Date): { start: Date; end: Date } {
  if ("last" in range) {
    const parts = windowParts(range.last);
    if (!parts) throw new ValidationError(`Duration "${range.last}" is not ISO 8601`);
    return {
      start: new Date(addCentralMonths(now, -parts.months).getTime() - parts.ms),
      end: new Date(now),
    };
  }
  return { start: new Date(range.start), end: new Date(range.end) };
}

function canonicalDuration(text: string): string {
  const { months, ms } = windowParts(text)!;
  const [years, restMonths] = [Math.floor(months / 12), months % 12];
  const days = Math.floor(ms / DAY_MS);
  const hours = Math.floor((ms % DAY_MS) / HOUR_MS);
  const minutes = Math.floor((ms % HOUR_MS) / 60_000);
  const seconds = (ms % 60_000) / 1000;
  const date = `${years ? `${years}Y` : ""}${restMonths ? `${restMonths}M` : ""}${
    days ? `${days}D` : ""
  }`;
  const time = `${hours ? `${hours}H` : ""}${minutes ? `${minutes}M` : ""}${
    seconds ? `${seconds}S` : ""
  }`;
  return `P${date}${time ? `T${time}` : ""}`;
}

/** Series items de-duplicated by key or expression text and sorted by it; labels trimmed. */
function canonicalSeries(items: readonly unknown[]): unknown[] {
  const byKey = new Map<string, unknown>();
  for (const item of items) {
    const expr = item as { expr?: unknown; label?: unknown } | null;
    const isExpr = typeof expr === "object" && expr !== null &&
      typeof expr.expr === "string" && typeof expr.label === "string";
    const key = isExpr ? (expr.expr as string).trim() : typeof item === "string" ? item : undefined;
    if (key === undefined) return [...items];
    if (byKey.has(key)) continue;
    byKey.set(key, isExpr ? { ...expr, expr: key, label: (expr.label as string).trim() } : item);
  }
  return [...byKey.entries()].sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0).map(([, v]) => v);
}

/** A cross-section with its members in a fixed order and its instant in UTC. */
function canonicalCrossSection(xs: CrossSectionSpec): CrossSectionSpec {
  return {
    family: xs.family,
    ...(xs.type ? { type: xs.type } : {}),
    ...(xs.at ? { at: formatInstant(new Date(xs.at)) } : {}),
    ...(xs.top ? { top: { n: xs.top.n, agg: xs.top.agg, order: xs.top.order } } : {}),
  };
}

/**
 * The canonical form of a spec for duplicate detection: validated, defaults filled, series
 * de-duplicated and sorted, durations rewritten canonically (`PT24H` → `P1D`, `P1W` → `P7D`),
 * instants in UTC, title whitespace collapsed, members in a fixed order. Two specs draw the same
 * chart when their canonical forms are deep-equal.
 */
export function normalizeSpec(input: VizSpecInput): VizSpec {
  const series = Array.isArray(input?.series) ? canonicalSeries(input.series) : input?.series;
  const spec = validateSpec({ ...input, series });
  const range: VizRange = "last" in spec.range ? { last: canonicalDuration(spec.range.last) } : {
    start: formatInstant(new Date(spec.range.start)),
    end: formatInstant(new Date(spec.range.end)),
  };
  return {
    version: 1,
    title: spec.title.replace(/\s+/g, " "),
    chart: spec.chart,
    series: spec.series,
    ...(spec.cross_section ? { cross_section: canonicalCrossSection(spec.cross_section) } : {}),
    range,
    resolution: spec.resolution,
    agg: spec.agg,
    stacked: spec.stacked,
  };
}
