/**
 * `deno task ai:eval [--cases <file>]... [--scorer <score.py>] [--verbose]` — runs the rule parser
 * over the plain-English evaluation sets (by default shared/ai-eval/dev.jsonl and analytics.jsonl,
 * and this repository's ai/eval_tables.jsonl of cross-section tables, each reported on its own;
 * the shared sets are read-only here), scores each exactly as shared/ai-eval/score.py does
 * (per-field and overall accuracy), prints per-request latency (after one cold warm-up request,
 * reported on its own), and cross-checks the figures
 * with score.py itself when `python3` is available (predictions are piped to it).
 *
 * @module
 */
import { parseRequest } from "../ai/rules.ts";

/** One evaluation case as in dev.jsonl. */
export interface EvalCase {
  text: string;
  now: string;
  expect: {
    series_any: string[][];
    windows: [string, string][] | "any";
    chart?: string[];
    resolution?: string;
    agg?: string;
  };
}

/** Per-field outcome of one case. */
export type CaseScore = Record<(typeof FIELDS)[number], boolean>;

/** Scored fields, in score.py's order. */
export const FIELDS = ["series", "window", "chart", "resolution", "agg"] as const;

const DURATION =
  /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(\d+(?:\.\d+)?S)?)?$/;
const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?(Z|[+-]\d{2}:\d{2})?$/;

interface Aware {
  wall: number;
  offset: number;
}

function parseInstant(text: string): Aware {
  const m = INSTANT.exec(text);
  if (!m || !m[8]) throw new Error(`Instant ${JSON.stringify(text)} has no offset`);
  const [y, mo, d, h, mi, s, frac] = m.slice(1, 8).map((v) => v ?? "0");
  const sign = m[8] === "Z" ? 0 : m[8][0] === "-" ? -1 : 1;
  const offset = sign * (Number(m[8].slice(1, 3)) * 60 + Number(m[8].slice(4, 6))) * 60_000;
  const ms = Number(`0.${frac}`) * 1000;
  return { wall: Date.UTC(+y, +mo - 1, +d, +h, +mi, +s) + ms, offset };
}

const utc = (t: Aware) => t.wall - t.offset;

function subDuration(now: Aware, duration: string): number {
  const m = DURATION.exec(duration);
  if (!m || duration === "P" || duration === "PT") throw new Error(`Bad duration ${duration}`);
  const [y, mo, w, d, h, mi] = m.slice(1, 7).map((v) => Number(v ?? 0));
  const s = m[7] ? Number(m[7].slice(0, -1)) : 0;
  let wall = now.wall;
  if (y || mo) {
    const t = new Date(wall);
    const index = t.getUTCMonth() - (y * 12 + mo);
    const year = t.getUTCFullYear() + Math.floor(index / 12);
    const month = index - Math.floor(index / 12) * 12;
    if (year < 1) throw new Error("Year out of range");
    const day = Math.min(t.getUTCDate(), new Date(Date.UTC(year, month + 1, 0)).getUTCDate());
    wall = Date.UTC(
      year,
      month,
      day,
      t.getUTCHours(),
      t.getUTCMinutes(),
      t.getUTCSeconds(),
      t.getUTCMilliseconds(),
    );
  }
  return wall - now.offset - ((((w * 7 + d) * 24 + h) * 60 + mi) * 60 + s) * 1000;
}

function windowOk(
  pred: Record<string, unknown>,
  nowText: string,
  windows: [string, string][],
): boolean {
  try {
    const now = parseInstant(nowText);
    const range = (pred.range || {}) as Record<string, string>;
    const [start, end] = "last" in range
      ? [subDuration(now, range.last), utc(now)]
      : [utc(parseInstant(range.start)), utc(parseInstant(range.end))];
    const tol = (end - start) / 1000 >= 2 * 86400 ? 3690 : 90;
    const close = (a: number, b: string) => Math.abs(a - utc(parseInstant(b))) / 1000 <= tol;
    return windows.some(([a, b]) => close(start, a) && close(end, b));
  } catch {
    return false;
  }
}

/** Scores one prediction against one case, as score.py's `score()`. */
export function scoreCase(c: EvalCase, pred: unknown): CaseScore {
  const e = c.expect;
  const p = pred as Record<string, unknown>;
  if (typeof p !== "object" || p === null || Array.isArray(p) || "error" in p || !("series" in p)) {
    return { series: false, window: false, chart: false, resolution: false, agg: false };
  }
  const series = Array.isArray(p.series) ? [...p.series].map(String).sort() : [];
  return {
    series: e.series_any.some((set) => JSON.stringify(set) === JSON.stringify(series)),
    window: e.windows === "any" ? true : windowOk(p, c.now, e.windows),
    chart: "chart" in e ? (e.chart as string[]).includes(p.chart as string) : true,
    resolution: "resolution" in e ? p.resolution === e.resolution : true,
    agg: "agg" in e ? p.agg === e.agg : true,
  };
}

/** Python's `f"{x:.1f}"`: the exact binary value rounded half to even. */
export function formatTenths(x: number): string {
  const [whole, frac] = x.toFixed(60).split(".");
  const rest = frac.slice(1).replace(/0+$/, "");
  const digit = Number(frac[0]);
  const up = rest > "5" || (rest === "5" && digit % 2 === 1);
  const tenths = BigInt(whole) * 10n + BigInt(digit) + (up ? 1n : 0n);
  return `${tenths / 10n}.${tenths % 10n}`;
}

/** score.py's two summary lines for a list of per-case scores. */
export function summarize(scores: CaseScore[]): string[] {
  const n = scores.length;
  const perField = FIELDS.map((f) => `${f}=${scores.filter((s) => s[f]).length}/${n}`).join(" ");
  const ok = scores.filter((s) => FIELDS.every((f) => s[f])).length;
  return [perField, `accuracy ${ok}/${n} = ${formatTenths((100 * ok) / n)}%`];
}

/** Reads a JSONL file of cases, skipping blank lines. */
export async function readCases(path: string | URL): Promise<EvalCase[]> {
  const text = await Deno.readTextFile(path);
  return text.split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l));
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

async function crossCheck(
  scorer: string,
  cases: string,
  predictions: string,
): Promise<string[] | undefined> {
  try {
    const child = new Deno.Command("python3", {
      args: [scorer, cases, "/dev/stdin"],
      stdin: "piped",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(predictions));
    await writer.close();
    const out = await child.output();
    const text = new TextDecoder().decode(out.success ? out.stdout : out.stderr).trim();
    return text.split("\n");
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return undefined;
    throw e;
  }
}

function usage(message: string): never {
  console.error(
    `${message}; usage: ai_eval.ts [--cases <file>]... [--scorer <score.py>] [--verbose]`,
  );
  Deno.exit(2);
}

const shared = (name: string) => new URL(`../../shared/ai-eval/${name}`, import.meta.url).pathname;

/** The evaluation sets `deno task ai:eval` scores when no `--cases` is given. */
export const DEFAULT_CASES: readonly string[] = [
  shared("dev.jsonl"),
  shared("analytics.jsonl"),
  new URL("../ai/eval_tables.jsonl", import.meta.url).pathname,
];

function parseArgs(args: string[]): { cases: string[]; scorer: string; verbose: boolean } {
  const options = { cases: [] as string[], scorer: shared("score.py"), verbose: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--verbose") options.verbose = true;
    else if (arg === "--cases" || arg === "--scorer") {
      if (!args[i + 1]) usage(`Option ${arg} needs a file`);
      if (arg === "--cases") options.cases.push(args[++i]);
      else options.scorer = args[++i];
    } else usage(`Unknown argument "${arg}"`);
  }
  if (!options.cases.length) options.cases = [...DEFAULT_CASES];
  return options;
}

interface Run {
  predictions: unknown[];
  latencies: number[];
  cold: number;
}

function run(cases: EvalCase[]): Run {
  const started = performance.now();
  parseRequest("west hub price", { now: new Date() });
  const cold = performance.now() - started;
  const latencies: number[] = [];
  const predictions = cases.map((c) => {
    const at = performance.now();
    const result = parseRequest(c.text, { now: new Date(c.now) });
    latencies.push(performance.now() - at);
    return "spec" in result ? result.spec : result;
  });
  return { predictions, latencies: latencies.sort((a, b) => a - b), cold };
}

function printMisses(cases: EvalCase[], scores: CaseScore[], predictions: unknown[]): void {
  scores.forEach((s, i) => {
    const bad = FIELDS.filter((f) => !s[f]);
    if (!bad.length) return;
    const shown = JSON.stringify(predictions[i]).slice(0, 300);
    console.log(`MISS ${JSON.stringify(bad)}: ${JSON.stringify(cases[i].text)} -> ${shown}`);
  });
}

/** The rule parser's predictions for a case file, scored: what `ai:eval` prints for it. */
export async function evaluate(path: string): Promise<{
  cases: EvalCase[];
  predictions: unknown[];
  scores: CaseScore[];
  correct: number;
  run: Run;
}> {
  const cases = await readCases(path);
  const ran = run(cases);
  const scores = cases.map((c, i) => scoreCase(c, ran.predictions[i]));
  const correct = scores.filter((s) => FIELDS.every((f) => s[f])).length;
  return { cases, predictions: ran.predictions, scores, correct, run: ran };
}

async function report(path: string, scorer: string, verbose: boolean): Promise<boolean> {
  console.log(`== ${path}`);
  const { cases, predictions, scores, run: ran } = await evaluate(path);
  if (verbose) printMisses(cases, scores, predictions);
  const ours = summarize(scores);
  ours.forEach((line) => console.log(line));
  const [p50, p99] = [percentile(ran.latencies, 50), percentile(ran.latencies, 99)];
  console.log(
    `latency p50 ${p50.toFixed(3)} ms, p99 ${p99.toFixed(3)} ms (cold first request ${
      ran.cold.toFixed(1)
    } ms)`,
  );
  const lines = predictions.map((p) => `${JSON.stringify(p)}\n`).join("");
  const theirs = await crossCheck(scorer, path, lines);
  if (!theirs) {
    console.log("score.py: python3 not found; cross-check skipped");
    return true;
  }
  theirs.forEach((line) => console.log(`score.py: ${line}`));
  const agree = JSON.stringify(theirs.slice(-2)) === JSON.stringify(ours);
  console.log(agree ? "score.py agrees" : "score.py DISAGREES");
  return agree;
}

async function main(args: string[]): Promise<number> {
  const options = parseArgs(args);
  let agreed = true;
  for (const path of options.cases) {
    agreed = await report(path, options.scorer, options.verbose) && agreed;
  }
  return agreed ? 0 : 1;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
