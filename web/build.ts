/**
 * Builds the browser UI into `web/dist`: `deno bundle` (browser platform,
 * minified, code-split ES modules) of `web/main.tsx`, uPlot's stylesheet
 * and ours joined into one, and `index.html` pointing at content-hashed names, so
 * everything under `/assets/` can be cached for a year. Run it with
 * `deno task web:build`; the server runs it once at start-up when
 * `web/dist` is missing ({@link ensureWebBuild}). Every text file of 1 KiB
 * or more gets `.br` (densest Brotli) and `.gz` siblings, so the server sends
 * compressed assets without compressing them per request.
 *
 * @module
 */
import { digestHex } from "../util/digest.ts";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const WEB = new URL("./", import.meta.url);
const ROOT = new URL("../", WEB);

/** Where the built UI is served from. */
export const DIST_DIR: string = new URL("dist/", WEB).pathname;

/** What a build produced. */
export interface BuildResult {
  /** Files under `assets/`, by name, with their byte sizes. */
  assets: Record<string, number>;
  /** The entry module's hashed name. */
  entry: string;
  /** Milliseconds the build took. */
  ms: number;
}

async function sha(bytes: Uint8Array): Promise<string> {
  return (await digestHex(bytes)).slice(0, 10);
}

async function bundle(outdir: string): Promise<void> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: [
      "bundle",
      "--platform=browser",
      "--minify",
      "--code-splitting",
      "--format=esm",
      `--outdir=${outdir}`,
      new URL("main.tsx", WEB).pathname,
    ],
    cwd: ROOT.pathname,
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!out.success) {
    const text = new TextDecoder().decode(out.stderr).trim().split("\n").slice(-5).join("\n");
    throw new Error(`deno bundle of web/main.tsx failed: ${text}`);
  }
}

async function hashedCopy(dir: string, name: string, bytes: Uint8Array): Promise<string> {
  const dot = name.lastIndexOf(".");
  const hashed = `${name.slice(0, dot)}-${await sha(bytes)}${name.slice(dot)}`;
  await Deno.writeFile(`${dir}/${hashed}`, bytes);
  return hashed;
}

/** Static imports of an ES module's text (`from"./chunk-X.js"`), by file name. */
export function staticImports(code: string): string[] {
  return [...code.matchAll(/(?:from|import)\s*"\.\/([\w.-]+\.js)"/g)].map((m) => m[1]);
}

/** Smaller text files are served as they are. */
const PRECOMPRESS_MIN_BYTES = 1024;
const TEXT_FILE = /\.(js|css|svg|map|html)$/;

/** Writes `<file>.br` and `<file>.gz` beside every text file of `dir` worth compressing. */
export async function precompress(dir: string): Promise<void> {
  for await (const f of Deno.readDir(dir)) {
    if (!f.isFile || !TEXT_FILE.test(f.name)) continue;
    const bytes = await Deno.readFile(`${dir}/${f.name}`);
    if (bytes.byteLength < PRECOMPRESS_MIN_BYTES) continue;
    const br = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
    await Deno.writeFile(`${dir}/${f.name}.br`, br);
    await Deno.writeFile(`${dir}/${f.name}.gz`, gzipSync(bytes, { level: 9 }));
  }
}

/** Our stylesheets, in cascade order (the narrow-screen rules come last). */
const STYLES = ["base.css", "controls.css", "overview.css", "dashboards.css"];

async function stylesheet(): Promise<Uint8Array> {
  const parts = [await Deno.readTextFile(new URL("node_modules/uplot/dist/uPlot.min.css", ROOT))];
  for (const name of STYLES) parts.push(await Deno.readTextFile(new URL(`styles/${name}`, WEB)));
  return new TextEncoder().encode(parts.join("\n"));
}

/**
 * Builds into `outDir` (default `web/dist`), replacing it only once the new
 * build is complete.
 *
 * @example
 * const { entry, ms } = await buildWeb();
 */
export async function buildWeb(outDir: string = DIST_DIR): Promise<BuildResult> {
  const t0 = performance.now();
  const tmp = `${outDir.replace(/\/$/, "")}.tmp-${crypto.randomUUID().slice(0, 8)}`;
  const assets = `${tmp}/assets`;
  try {
    await bundle(assets);
    const main = await Deno.readFile(`${assets}/main.js`);
    await Deno.remove(`${assets}/main.js`);
    const entry = await hashedCopy(assets, "main.js", main);
    const css = await hashedCopy(assets, "app.css", await stylesheet());
    const preload = staticImports(new TextDecoder().decode(main))
      .map((f) => `<link rel="modulepreload" href="/assets/${f}">`).join("\n    ");
    const html = (await Deno.readTextFile(new URL("index.html", WEB)))
      .replace('href="/assets/app.css"', `href="/assets/${css}"`)
      .replace(
        '<script type="module" src="/assets/main.js"></script>',
        `<script type="module" src="/assets/${entry}"></script>\n    ${preload}`,
      );
    await Deno.writeTextFile(`${tmp}/index.html`, html);
    await Deno.copyFile(new URL("favicon.svg", WEB), `${tmp}/favicon.svg`);
    const sizes: Record<string, number> = {};
    for await (const f of Deno.readDir(assets)) {
      sizes[f.name] = (await Deno.stat(`${assets}/${f.name}`)).size;
    }
    await precompress(assets);
    await precompress(tmp);
    await Deno.remove(outDir, { recursive: true }).catch(() => undefined);
    await Deno.rename(tmp, outDir);
    return { assets: sizes, entry, ms: Math.round(performance.now() - t0) };
  } catch (err) {
    await Deno.remove(tmp, { recursive: true }).catch(() => undefined);
    throw err;
  }
}

/**
 * Builds the UI when `outDir` has no `index.html` (a fresh clone); returns
 * whether it built. `log` receives one line saying what happened.
 */
export async function ensureWebBuild(
  opts: { outDir?: string; log?: (line: string) => void } = {},
): Promise<boolean> {
  const outDir = opts.outDir ?? DIST_DIR;
  try {
    await Deno.stat(`${outDir}/index.html`);
    return false;
  } catch {
    const r = await buildWeb(outDir);
    opts.log?.(`web: built the UI into ${outDir} in ${r.ms} ms (entry ${r.entry})`);
    return true;
  }
}

if (import.meta.main) {
  try {
    const r = await buildWeb();
    const total = Object.values(r.assets).reduce((a, b) => a + b, 0);
    console.log(
      `web: built ${Object.keys(r.assets).length} assets (${(total / 1024).toFixed(1)} KiB) ` +
        `into ${DIST_DIR} in ${r.ms} ms; entry ${r.entry}`,
    );
  } catch (err) {
    console.error(`web:build: ${(err as Error).message}`);
    Deno.exit(1);
  }
}
