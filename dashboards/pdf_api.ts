/**
 * PDF exports, drawn on the server (`dashboards/pdf.ts`, no network):
 * `GET /api/dashboards/{id}/pdf` ({@link dashboardPdfApi}: one of the user's
 * dashboards, every panel, over each panel's range or one given for all) and
 * `GET /api/v1/explore/pdf` ({@link explorePdfApi}: the Explore view, its
 * series over its window, as one chart).
 *
 * @module
 */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { getDashboard } from "./store.ts";
import { queryObservations } from "../db/query.ts";
import { panelData } from "./data.ts";
import { NotFoundError } from "../domain/errors.ts";
import { queryExpression } from "../db/expr.ts";
import { formatValue, kindNote, renderReport, type ReportChart, type ReportTable } from "./pdf.ts";
import type { TableData } from "../db/table_read.ts";
import { DataQuerySchema, queryRange } from "./schemas.ts";
import { ExprQueryFields, IdParam, problems } from "../http/schemas.ts";
import { parseSeriesAndExpr, resolveWindow } from "../http/params.ts";
import type { BoardsApiDeps } from "./api_deps.ts";
import { needs, READS } from "../http/access.ts";
import { userOf } from "../http/principal.ts";
import { resolveRange } from "../domain/vizspec.ts";

const pdfResponse = {
  200: {
    content: { "application/pdf": { schema: z.string().openapi({ format: "binary" }) } },
    description: "The PDF: title, range, every chart with its legend and units",
  },
};

const dashboardPdf = createRoute({
  tags: ["dashboards"],
  ...needs("read"),
  method: "get",
  path: "/{id}/pdf",
  summary: "One of the user's dashboards as PDF",
  request: { params: IdParam, query: DataQuerySchema },
  responses: { ...pdfResponse, ...problems(400, 401, 403, 404, 429) },
});

const ExploreQuery = z.object({
  series: z.string().min(1).max(2000).optional().openapi({
    description: "Comma-separated series keys; this, expr, or both",
    example: "spp.rt.hb_west,spp.rt.hb_north",
  }),
  ...ExprQueryFields,
  start: z.string().max(64).optional(),
  end: z.string().max(64).optional(),
  last: z.string().max(40).optional().openapi({ example: "PT24H" }),
  resolution: z.enum(["auto", "raw", "5m", "15m", "1h", "1d"]).default("auto"),
  agg: z.enum(["avg", "min", "max", "sum", "last"]).default("avg"),
  title: z.string().max(120).optional().openapi({ description: "Title (the series names)" }),
});

const explorePdf = createRoute({
  tags: ["observations"],
  ...READS,
  method: "get",
  path: "/pdf",
  summary: "An Explore view (series and an expression over a window) as PDF",
  request: { query: ExploreQuery },
  responses: { ...pdfResponse, ...problems(400, 401, 404, 429) },
});

function sendPdf(c: Context, bytes: Uint8Array, name: string): Response {
  const file = name.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "") || "export";
  return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
    "content-type": "application/pdf",
    "content-disposition": `attachment; filename="${file}.pdf"`,
    "cache-control": "private, no-store",
  });
}

/** A cross-section table as the PDF prints it. */
function reportTable(t: TableData): ReportTable {
  const ranked = t.mode === "top";
  const caption = ranked
    ? `${t.order === "asc" ? "Lowest" : "Highest"} ${t.n} ${t.family} points by ${t.agg}, ` +
      `${t.start} to ${t.end} (${t.unit})`
    : `${t.family} at ${t.instant ?? "no data"} (${t.unit})`;
  const heads = [...ranked ? ["#"] : [], "Point", "Type", `Value (${t.unit})`];
  const rows = t.rows.map((r) => [
    ...ranked ? [String(r.rank)] : [],
    r.point.toUpperCase(),
    r.type,
    formatValue(r.value),
  ]);
  return { caption, heads, rows };
}

/** A dashboard as PDF, mounted with the dashboards at `/api/dashboards`. */
export function dashboardPdfApi(deps: BoardsApiDeps): OpenAPIHono {
  const app = new OpenAPIHono();
  app.openapi(dashboardPdf, async (c) => {
    const d = await getDashboard(deps.sql, {
      id: c.req.valid("param").id,
      userId: userOf(c).userId,
    });
    const now = deps.clock();
    const range = queryRange(c.req.valid("query"));
    const panels = await panelData(deps.sql, d.panels, { now, range });
    // Without one range for all, the header spans the panels' own ranges.
    const whole = panels.length === 0 ? resolveRange(range ?? d.defaultRange, now) : {
      start: new Date(Math.min(...panels.map((p) => p.start.getTime()))),
      end: new Date(Math.max(...panels.map((p) => p.end.getTime()))),
    };
    const charts: ReportChart[] = panels.map((p) => ({
      title: p.title,
      start: p.start,
      end: p.end,
      series: p.series.map((s) => ({ ...s, t: s.t.map((x) => x * 1000) })),
      missing: p.missing,
      note: kindNote(p.chart),
      ...(p.table ? { table: reportTable(p.table) } : {}),
    }));
    const bytes = await renderReport({ title: d.title, ...whole, charts, generatedAt: now });
    return sendPdf(c, bytes, d.title);
  });
  return app;
}

/** An Explore view as PDF, mounted at `/api/v1/explore`. */
export function explorePdfApi(deps: BoardsApiDeps): OpenAPIHono {
  const app = new OpenAPIHono();
  app.openapi(explorePdf, async (c) => {
    const q = c.req.valid("query");
    const now = deps.clock();
    const { keys, expr } = parseSeriesAndExpr(q);
    const window = resolveWindow(q, now);
    const read = { start: window.start, end: window.end, resolution: q.resolution, agg: q.agg };
    const data = keys.length === 0 ? [] : await queryObservations(deps.sql, { keys, ...read })
      .catch((err) => {
        if (err instanceof NotFoundError) {
          throw new NotFoundError(err.message, { ...err.extra, parameter: "series" });
        }
        throw err;
      });
    // As Explore draws it: the expression is one more line, named by its label.
    if (expr) data.push(await queryExpression(deps.sql, expr.expr, expr.label, read));
    const title = q.title?.trim() || data.map((s) => s.name).join(", ");
    const chart: ReportChart = { title, start: window.start, end: window.end, series: data };
    const bytes = await renderReport({
      title,
      start: window.start,
      end: window.end,
      charts: [chart],
      generatedAt: now,
    });
    return sendPdf(c, bytes, title);
  });
  return app;
}
