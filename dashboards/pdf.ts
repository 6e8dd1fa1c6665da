/**
 * A chart report as PDF, drawn on the server with pdf-lib and nothing else:
 * no browser, no fonts or images fetched. A page per two charts (A4
 * landscape); each chart has its title, its series as vector lines on axes
 * labelled with the unit, and a legend table (colour, series, unit, min, max,
 * last). The report's title and time range (UTC and Central) head every page.
 *
 * Text uses the standard Helvetica font, which covers Windows-1252: other
 * characters are printed as `?`.
 *
 * @module
 */
import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from "pdf-lib";

/** One series of a chart; `t` in epoch milliseconds. */
export interface ReportSeries {
  key: string;
  name: string;
  unit: string;
  t: number[];
  v: number[];
}

/** One chart. */
export interface ReportChart {
  title: string;
  start: Date;
  end: Date;
  series: ReportSeries[];
  /** Keys with no data in the catalog, listed under the chart. */
  missing?: string[];
  /** A line printed beside the title, e.g. that the chart kind is drawn otherwise here. */
  note?: string;
  /** A cross-section table, printed as rows of text instead of a plot. */
  table?: ReportTable;
}

/** A table printed as text: column heads and rows of cells, and a line saying what it reads. */
export interface ReportTable {
  caption: string;
  heads: string[];
  rows: string[][];
}

/**
 * What a report says of a chart kind it does not draw as such: heat maps and duration curves
 * are printed as their values over time; undefined for the kinds drawn as lines.
 *
 * @example kindNote("heatmap") // "Heat map not drawn in PDF: its values are shown over time"
 */
export function kindNote(chart: string): string | undefined {
  if (chart === "heatmap") return "Heat map not drawn in PDF: its values are shown over time";
  if (chart === "duration") {
    return "Duration curve not drawn in PDF: its values are shown over time";
  }
  return undefined;
}

/** What {@link renderReport} draws. */
export interface Report {
  title: string;
  start: Date;
  end: Date;
  charts: ReportChart[];
  /** When it was made, printed in the footer. */
  generatedAt: Date;
}

const PAGE: [number, number] = [842, 595];
const MARGIN = 36;
const COLORS = [
  rgb(0.12, 0.47, 0.71),
  rgb(1, 0.5, 0.05),
  rgb(0.17, 0.63, 0.17),
  rgb(0.84, 0.15, 0.16),
  rgb(0.58, 0.4, 0.74),
  rgb(0.55, 0.34, 0.29),
  rgb(0.89, 0.47, 0.76),
  rgb(0.5, 0.5, 0.5),
];
const GREY = rgb(0.45, 0.45, 0.45);
const WIN_ANSI_EXTRA = new Set([..."€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"]);

/** Text the standard fonts can print: Windows-1252, anything else as `?`. */
export function printable(text: string): string {
  return [...text].map((c) => {
    const code = c.charCodeAt(0);
    if (code === 9 || code === 10) return " ";
    if ((code >= 32 && code < 127) || (code >= 160 && code < 256)) return c;
    return WIN_ANSI_EXTRA.has(c) ? c : "?";
  }).join("");
}

const central = new Intl.DateTimeFormat("en-US", {
  timeZone: "America/Chicago",
  year: "numeric",
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hour12: false,
  timeZoneName: "short",
});

/** A range as the report prints it: UTC instants, then Central time. */
export function rangeLine(start: Date, end: Date): string {
  const utc = (d: Date) => d.toISOString().replace(/:\d\d\.\d{3}Z$/, "Z");
  return `${utc(start)} to ${utc(end)} (${central.format(start)} to ${central.format(end)})`;
}

/** A number for an axis or a legend: up to 4 significant digits, thousands grouped. */
export function formatValue(v: number): string {
  if (!Number.isFinite(v)) return "-";
  const abs = Math.abs(v);
  const digits = abs >= 1000 ? 0 : abs >= 100 ? 1 : 2;
  return v.toLocaleString("en-US", { maximumFractionDigits: digits });
}

/**
 * The report as PDF bytes.
 *
 * @example const bytes = await renderReport({ title, start, end, charts, generatedAt: new Date() });
 */
export async function renderReport(report: Report): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(printable(report.title));
  doc.setProducer("ercot-analytics");
  doc.setCreationDate(report.generatedAt);
  const fonts = {
    regular: await doc.embedFont(StandardFonts.Helvetica),
    bold: await doc.embedFont(StandardFonts.HelveticaBold),
  };
  const charts = report.charts.length ? report.charts : [];
  const pages = Math.max(1, Math.ceil(charts.length / 2));
  for (let p = 0; p < pages; p++) {
    const page = doc.addPage(PAGE);
    const top = header(page, fonts, report, `Page ${p + 1} of ${pages}`);
    if (charts.length === 0) {
      text(page, fonts.regular, "This dashboard has no panels.", MARGIN, top - 20, 11);
    }
    const height = (top - MARGIN) / 2;
    charts.slice(p * 2, p * 2 + 2).forEach((chart, i) => {
      drawChart(page, fonts, chart, { x: MARGIN, top: top - i * height, height: height - 10 });
    });
  }
  return await doc.save();
}

type Fonts = { regular: PDFFont; bold: PDFFont };

function text(page: PDFPage, font: PDFFont, s: string, x: number, y: number, size: number): void {
  page.drawText(printable(s), { x, y, size, font, color: rgb(0.1, 0.1, 0.1) });
}

function header(page: PDFPage, fonts: Fonts, report: Report, pageLabel: string): number {
  const [w, h] = PAGE;
  text(page, fonts.bold, report.title, MARGIN, h - MARGIN - 14, 16);
  text(page, fonts.regular, `Range: ${rangeLine(report.start, report.end)}`, MARGIN, h - 68, 9);
  const footer = `Generated ${report.generatedAt.toISOString()} by ercot-analytics - ${pageLabel}`;
  page.drawText(printable(footer), {
    x: MARGIN,
    y: 18,
    size: 7,
    font: fonts.regular,
    color: GREY,
  });
  page.drawLine({
    start: { x: MARGIN, y: h - 76 },
    end: { x: w - MARGIN, y: h - 76 },
    thickness: 0.5,
    color: GREY,
  });
  return h - 84;
}

interface Box {
  x: number;
  top: number;
  height: number;
}

function drawChart(page: PDFPage, fonts: Fonts, chart: ReportChart, box: Box): void {
  const width = PAGE[0] - 2 * MARGIN;
  text(page, fonts.bold, chart.title, box.x, box.top - 14, 11);
  if (chart.table) return drawTable(page, fonts, chart.table, box);
  if (chart.note) {
    const after = fonts.bold.widthOfTextAtSize(printable(chart.title), 11) + 12;
    text(page, fonts.regular, chart.note, box.x + after, box.top - 14, 8);
  }
  const legendWidth = 300;
  const plot = { x: box.x + 48, y: box.top - box.height + 24, w: width - legendWidth - 64 };
  const plotTop = box.top - 24;
  const plotH = plotTop - plot.y;
  const values = chart.series.flatMap((s) => s.v.filter(Number.isFinite));
  let lo = values.length ? Math.min(...values) : 0;
  let hi = values.length ? Math.max(...values) : 1;
  if (lo === hi) [lo, hi] = [lo - 1, hi + 1];
  const t0 = chart.start.getTime(), t1 = chart.end.getTime();
  page.drawRectangle({
    x: plot.x,
    y: plot.y,
    width: plot.w,
    height: plotH,
    borderColor: GREY,
    borderWidth: 0.5,
  });
  const units = [...new Set(chart.series.map((s) => s.unit))].join(", ");
  text(page, fonts.regular, formatValue(hi), box.x, plotTop - 7, 7);
  text(page, fonts.regular, formatValue(lo), box.x, plot.y, 7);
  text(page, fonts.regular, units, box.x, plot.y + plotH / 2, 7);
  const utc = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace("T", " ") + "Z";
  text(page, fonts.regular, utc(t0), plot.x, plot.y - 10, 7);
  text(page, fonts.regular, utc(t1), plot.x + plot.w - 70, plot.y - 10, 7);
  chart.series.forEach((s, i) => {
    const path = seriesPath(s, { t0, t1, lo, hi, w: plot.w, h: plotH });
    if (path) {
      page.drawSvgPath(path, {
        x: plot.x,
        y: plotTop,
        borderColor: COLORS[i % COLORS.length],
        borderWidth: 0.8,
      });
    }
  });
  legend(page, fonts, chart, { x: plot.x + plot.w + 12, top: plotTop, height: plotH });
}

function seriesPath(
  s: ReportSeries,
  a: { t0: number; t1: number; lo: number; hi: number; w: number; h: number },
): string {
  const parts: string[] = [];
  let pen = "M";
  for (let i = 0; i < s.t.length; i++) {
    if (!Number.isFinite(s.v[i])) {
      pen = "M";
      continue;
    }
    const x = ((s.t[i] - a.t0) / (a.t1 - a.t0)) * a.w;
    const y = a.h - ((s.v[i] - a.lo) / (a.hi - a.lo)) * a.h;
    parts.push(`${pen}${x.toFixed(2)} ${y.toFixed(2)}`);
    pen = "L";
  }
  return parts.join(" ");
}

function legend(page: PDFPage, fonts: Fonts, chart: ReportChart, box: Box): void {
  const cols = [0, 150, 195, 230, 265];
  const heads = ["Series", "Unit", "Min", "Max", "Last"];
  heads.forEach((h, i) =>
    text(page, fonts.bold, h, box.x + cols[i] + (i ? 0 : 12), box.top - 7, 7)
  );
  let y = box.top - 19;
  chart.series.forEach((s, i) => {
    if (y < box.top - box.height) return;
    const finite = s.v.filter(Number.isFinite);
    page.drawRectangle({ x: box.x, y, width: 8, height: 6, color: COLORS[i % COLORS.length] });
    const cells = [
      fit(fonts.regular, s.name, 136, 7),
      s.unit,
      finite.length ? formatValue(Math.min(...finite)) : "-",
      finite.length ? formatValue(Math.max(...finite)) : "-",
      finite.length ? formatValue(finite[finite.length - 1]) : "no data",
    ];
    cells.forEach((c, j) => text(page, fonts.regular, c, box.x + cols[j] + (j ? 0 : 12), y, 7));
    y -= 11;
  });
  for (const key of chart.missing ?? []) {
    text(page, fonts.regular, `${key}: not in the catalog yet`, box.x + 12, y, 7);
    y -= 11;
  }
}

/** A table's rows in two blocks side by side, as many as fit; the rest are counted. */
function drawTable(page: PDFPage, fonts: Fonts, table: ReportTable, box: Box): void {
  text(page, fonts.regular, table.caption, box.x, box.top - 28, 8);
  const perBlock = Math.floor((box.height - 52) / 11);
  const blockWidth = (PAGE[0] - 2 * MARGIN) / 2;
  const colWidth = (blockWidth - 16) / table.heads.length;
  const shown = table.rows.slice(0, perBlock * 2);
  for (let block = 0; block < 2 && block * perBlock < Math.max(shown.length, 1); block++) {
    const x = box.x + block * blockWidth;
    table.heads.forEach((h, j) => text(page, fonts.bold, h, x + j * colWidth, box.top - 42, 7));
    shown.slice(block * perBlock, (block + 1) * perBlock).forEach((row, i) => {
      row.forEach((cell, j) =>
        text(
          page,
          fonts.regular,
          fit(fonts.regular, cell, colWidth - 4, 7),
          x + j * colWidth,
          box.top - 53 - i * 11,
          7,
        )
      );
    });
  }
  const last = box.top - box.height;
  if (table.rows.length === 0) {
    text(page, fonts.regular, "No data in this window", box.x, box.top - 53, 7);
  }
  if (table.rows.length > shown.length) {
    text(
      page,
      fonts.regular,
      `… and ${table.rows.length - shown.length} more rows`,
      box.x,
      last,
      7,
    );
  }
}

/** `s` cut with an ellipsis to fit `width` points. */
function fit(font: PDFFont, s: string, width: number, size: number): string {
  let out = printable(s);
  if (font.widthOfTextAtSize(out, size) <= width) return out;
  while (out.length > 1 && font.widthOfTextAtSize(`${out}…`, size) > width) out = out.slice(0, -1);
  return `${out}…`;
}
