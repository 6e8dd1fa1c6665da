/**
 * An in-process fake of the Bedrock Converse endpoint (`POST /model/{modelId}/converse`) on
 * 127.0.0.1, for the real AWS SDK pointed at it with `endpoint`. Each request is answered by
 * the next queued {@link FakeAnswer} (or the default) and recorded.
 *
 * @module
 */
import { createBedrockProvider, type LlmProvider } from "../ai/bedrock.ts";
import { TOOL_NAME } from "../ai/prompt.ts";

/** How the fake answers one request. */
export type FakeAnswer =
  | { toolInput: unknown; name?: string }
  | { text: string }
  | { rawBody: string }
  | { error: "ThrottlingException" | "AccessDeniedException" | "ValidationException" }
  | { delayMs: number; then?: FakeAnswer };

/** A request the fake received. */
export interface FakeRequest {
  modelId: string;
  path: string;
  authorization: string | null;
  body: Record<string, unknown>;
}

/** A running fake. */
export interface FakeBedrock {
  url: string;
  requests: FakeRequest[];
  /** Answers for the next requests, in order. */
  queue: FakeAnswer[];
  /** Answer when the queue is empty. */
  fallback: FakeAnswer;
  /** A provider over the real SDK client pointed at this fake, with static fake credentials. */
  provider(modelId?: string): LlmProvider;
  close(): Promise<void>;
}

const STATUS = { ThrottlingException: 429, AccessDeniedException: 403, ValidationException: 400 };

function converseBody(content: unknown[], stopReason: string): Response {
  return Response.json({
    output: { message: { role: "assistant", content } },
    stopReason,
    usage: { inputTokens: 2400, outputTokens: 90, totalTokens: 2490 },
    metrics: { latencyMs: 12 },
  });
}

/** A sleep that {@link Sleeper.wake} ends early, so closing the fake never waits. */
interface Sleeper {
  sleep(ms: number): Promise<void>;
  wake(): void;
}

function sleeper(): Sleeper {
  const pending = new Set<() => void>();
  return {
    sleep: (ms) =>
      new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(id);
          pending.delete(done);
          resolve();
        };
        const id = setTimeout(done, ms);
        pending.add(done);
      }),
    wake: () => [...pending].forEach((done) => done()),
  };
}

async function respond(a: FakeAnswer, fake: FakeBedrock, timer: Sleeper): Promise<Response> {
  if ("delayMs" in a) {
    await timer.sleep(a.delayMs);
    return await respond(a.then ?? fake.fallback, fake, timer);
  }
  if ("error" in a) {
    return Response.json({ message: `Fake ${a.error}` }, {
      status: STATUS[a.error],
      headers: {
        "x-amzn-ErrorType": `${a.error}:http://internal.amazon.com/coral/com.amazon.bedrock/`,
      },
    });
  }
  if ("rawBody" in a) {
    return new Response(a.rawBody, { headers: { "content-type": "application/json" } });
  }
  if ("text" in a) return converseBody([{ text: a.text }], "end_turn");
  const toolUse = { toolUseId: "tooluse_fake01", name: a.name ?? TOOL_NAME, input: a.toolInput };
  return converseBody([{ toolUse }], "tool_use");
}

/** Starts a fake answering `fallback` (a west hub price spec by default). */
export function startFakeBedrock(fallback?: FakeAnswer): FakeBedrock {
  const timer = sleeper();
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
    const path = new URL(req.url).pathname;
    const match = /^\/model\/([^/]+)\/converse$/.exec(path);
    if (req.method !== "POST" || !match) return new Response("Not found", { status: 404 });
    fake.requests.push({
      modelId: decodeURIComponent(match[1]),
      path,
      authorization: req.headers.get("authorization"),
      body: await req.json(),
    });
    return await respond(fake.queue.shift() ?? fake.fallback, fake, timer);
  });
  const url = `http://127.0.0.1:${server.addr.port}`;
  const fake: FakeBedrock = {
    url,
    requests: [],
    queue: [],
    fallback: fallback ?? { toolInput: westHubSpec() },
    provider: (modelId = "anthropic.claude-fake-v1:0") =>
      createBedrockProvider({
        modelId,
        region: "us-east-1",
        endpoint: url,
        credentials: { accessKeyId: "AKIAFAKEFAKEFAKE", secretAccessKey: "fake-secret" },
      }),
    close: async () => {
      timer.wake();
      await server.shutdown();
    },
  };
  return fake;
}

/** A valid tool input: the west hub real-time price over the last 24 hours. */
export function westHubSpec(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    version: 1,
    title: "West hub real-time price, last 24 hours",
    chart: "line",
    series: ["spp.rt.hb_west"],
    range: { last: "PT24H" },
    ...overrides,
  };
}
