/**
 * `deno task ai:parse [--now <instant>] [--jsonl] [text]` — the rule parser alone, no network.
 *
 * With text, prints the VizSpec as JSON (exit 0) or `{"error": "..."}` (exit 1). With `--jsonl`,
 * reads one request a line from stdin — plain text, or a JSON object with `text` and optional
 * `now` (the shape of shared/ai-eval/dev.jsonl) — and prints one JSON line each; blank lines are
 * skipped. `--now` (default: the current time) is when requests are asked; a line's own `now`
 * wins. Bad usage prints one line on stderr and exits 2.
 *
 * @module
 */
import { parseRequest } from "../ai/rules.ts";
import { IsoInstant } from "../domain/vizspec.ts";

const USAGE = "usage: ai_parse.ts [--now <instant>] [--jsonl] [text]";

/** Parsed command line. */
export interface ParseArgs {
  now: Date;
  jsonl: boolean;
  text: string;
}

function instant(text: string, where: string): Date {
  if (!IsoInstant.safeParse(text).success) {
    throw new Error(
      `${where} ${JSON.stringify(text)} is not an ISO 8601 instant with a Z or offset`,
    );
  }
  return new Date(text);
}

/** Reads the command line; throws with a one-line message on bad usage. */
export function parseArgs(args: string[], clock: () => Date = () => new Date()): ParseArgs {
  const options = { now: clock(), jsonl: false, text: "" };
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--jsonl") options.jsonl = true;
    else if (arg === "--now") {
      if (args[i + 1] === undefined) throw new Error("Option --now needs an instant");
      options.now = instant(args[++i], "Option --now");
    } else if (arg.startsWith("--now=")) options.now = instant(arg.slice(6), "Option --now");
    else if (arg === "--") words.push(...args.splice(i + 1));
    else if (arg.startsWith("--")) throw new Error(`Unknown option "${arg}"`);
    else words.push(arg);
  }
  options.text = words.join(" ").trim();
  if (options.jsonl && options.text) throw new Error("Give either --jsonl or a request, not both");
  if (!options.jsonl && !options.text) {
    throw new Error("Give a request to parse, or --jsonl to read stdin");
  }
  return options;
}

/** Answers one stdin line: plain text, or a JSON object with `text` and optional `now`. */
export function answerLine(line: string, now: Date): unknown {
  if (!line.trimStart().startsWith("{")) {
    const result = parseRequest(line.trim(), { now });
    return "spec" in result ? result.spec : result;
  }
  let request: { text?: unknown; now?: unknown };
  try {
    request = JSON.parse(line);
  } catch {
    return { error: "Line is not valid JSON" };
  }
  if (typeof request?.text !== "string") return { error: "Line has no text member" };
  let at = now;
  if (request.now !== undefined) {
    try {
      at = instant(String(request.now), "Member now");
    } catch (e) {
      return { error: (e as Error).message };
    }
  }
  const result = parseRequest(request.text, { now: at });
  return "spec" in result ? result.spec : result;
}

async function* lines(stream: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  let buffer = "";
  for await (const chunk of stream.pipeThrough(new TextDecoderStream())) {
    buffer += chunk;
    const parts = buffer.split("\n");
    buffer = parts.pop() ?? "";
    yield* parts;
  }
  if (buffer) yield buffer;
}

async function main(args: string[]): Promise<number> {
  let options: ParseArgs;
  try {
    options = parseArgs(args);
  } catch (e) {
    console.error(`${(e as Error).message}; ${USAGE}`);
    return 2;
  }
  if (!options.jsonl) {
    const result = parseRequest(options.text, { now: options.now });
    console.log(JSON.stringify("spec" in result ? result.spec : result, null, 2));
    return "spec" in result ? 0 : 1;
  }
  for await (const line of lines(Deno.stdin.readable)) {
    if (line.trim()) console.log(JSON.stringify(answerLine(line, options.now)));
  }
  return 0;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
