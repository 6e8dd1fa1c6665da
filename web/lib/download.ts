/**
 * Saving files from the browser: any blob under a name, and a chart as PNG
 * (its canvas on the page background, with its title and legend).
 *
 * @module
 */
import type uPlot from "uplot";
import { cssColor } from "./theme.ts";

/** Offers `blob` as a download named `name`. */
export function downloadBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The plot as a PNG: title on top, the canvas, then one legend line. */
export function plotPng(plot: uPlot, title: string): Promise<Blob> {
  const src = plot.ctx.canvas;
  const ratio = src.width / plot.width;
  const pad = Math.round(12 * ratio);
  const line = Math.round(22 * ratio);
  const out = document.createElement("canvas");
  out.width = src.width + 2 * pad;
  out.height = src.height + 2 * line + 2 * pad;
  const ctx = out.getContext("2d")!;
  ctx.fillStyle = cssColor("--bg");
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.fillStyle = cssColor("--fg");
  ctx.font = `600 ${Math.round(15 * ratio)}px system-ui, sans-serif`;
  ctx.textBaseline = "middle";
  ctx.fillText(title, pad, pad + line / 2);
  ctx.drawImage(src, pad, pad + line);
  let x = pad;
  const y = pad + line + src.height + line / 2;
  ctx.font = `${Math.round(12 * ratio)}px system-ui, sans-serif`;
  for (const s of plot.series.slice(1)) {
    ctx.fillStyle = String(s.stroke instanceof Function ? s.stroke(plot, 1) : s.stroke);
    ctx.fillRect(x, y - 4 * ratio, 12 * ratio, 8 * ratio);
    ctx.fillStyle = cssColor("--fg");
    const label = String(s.label ?? "");
    ctx.fillText(label, x + 16 * ratio, y);
    x += 16 * ratio + ctx.measureText(label).width + 18 * ratio;
  }
  return new Promise((ok, fail) =>
    out.toBlob((b) => (b ? ok(b) : fail(new Error("The chart could not be encoded as PNG"))))
  );
}
