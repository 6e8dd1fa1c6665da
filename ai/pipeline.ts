/**
 * From request text to a VizSpec: the LLM when one is configured, the rule parser otherwise
 * and whenever the LLM cannot answer. Each answer says which provider gave it and, for the
 * rule parser standing in, why (`fallbackReason`). A throttled LLM is answered from a bounded
 * LRU of earlier LLM answers to the same normalized text on the same Central day.
 *
 * @module
 */
import type { LlmProvider } from "./bedrock.ts";
import { LlmOutputError } from "./bedrock.ts";
import type { ParseOptions, ParseResult } from "./rules.ts";
import { requestSeriesProblem, type VizSpec } from "../domain/vizspec.ts";
import { centralParts } from "../domain/central.ts";
import { storedKeySet } from "./_rules_nodes.ts";

/** Why the rule parser answered instead of the LLM (or how the LLM answer was found). */
export const FALLBACK_REASONS = [
  "not_configured",
  "access_denied",
  "invalid_output",
  "timeout",
  "throttled_cached",
  "throttled",
  "budget_exhausted",
  "upstream_error",
] as const;

/** One of {@link FALLBACK_REASONS}. */
export type FallbackReason = typeof FALLBACK_REASONS[number];

/** Which provider answered. */
export type Provider = "bedrock" | "rules";

interface AnswerBase {
  provider: Provider;
  fallbackReason?: FallbackReason;
}

/** A spec, or the rule parser's refusal. */
export type VizAnswer = AnswerBase & ({ spec: VizSpec } | { error: string });

/** A bounded least-recently-used map from request key to spec. */
export interface AnswerCache {
  get(key: string): VizSpec | undefined;
  set(key: string, spec: VizSpec): void;
  readonly size: number;
}

/**
 * A bounded LRU of LLM answers; `max` (500) entries, the least recently used dropped first.
 *
 * @example const cache = createAnswerCache({ max: 100 });
 */
export function createAnswerCache(options: { max?: number } = {}): AnswerCache {
  const max = options.max ?? 500;
  if (!Number.isInteger(max) || max < 1) {
    throw new RangeError(`Answer cache size ${max} is not a positive integer`);
  }
  const entries = new Map<string, VizSpec>();
  return {
    get(key) {
      const spec = entries.get(key);
      if (spec === undefined) return undefined;
      entries.delete(key);
      entries.set(key, spec);
      return spec;
    },
    set(key, spec) {
      entries.delete(key);
      entries.set(key, spec);
      if (entries.size > max) entries.delete(entries.keys().next().value as string);
    },
    get size() {
      return entries.size;
    },
  };
}

/**
 * Request text as the cache sees it: Unicode compatibility forms folded, lower case,
 * whitespace collapsed.
 *
 * @example normalizeRequestText("  West   HUB price ") // "west hub price"
 */
export function normalizeRequestText(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
}

/** Options of {@link createVizPipeline}. */
export interface PipelineOptions {
  /** The LLM; absent → every request goes to the rule parser (`not_configured`). */
  llm?: LlmProvider;
  /** The rule parser. */
  rules: (text: string, options: ParseOptions) => ParseResult;
  /** The current instant. */
  now: () => Date;
  /** Earlier LLM answers, for throttled requests. */
  cache: AnswerCache;
  /** How long the LLM may take before the rule parser answers (10 000 ms). */
  timeoutMs?: number;
}

/** The last LLM failure, for `GET /health/ai`. */
export interface LlmFailure {
  reason: FallbackReason;
  message: string;
  at: Date;
}

/** A pipeline built by {@link createVizPipeline}. */
export interface VizPipeline {
  /** Whether requests go to an LLM first. */
  readonly usesLlm: boolean;
  readonly timeoutMs: number;
  /**
   * Reads a request asked at `now` (the pipeline's clock when absent); `skip` sends it
   * straight to the rule parser with that reason.
   */
  interpret(
    text: string,
    options?: { skip?: FallbackReason; now?: Date; storedKeys?: readonly string[] },
  ): Promise<VizAnswer>;
  /** The last LLM failure, if any. */
  lastFailure(): LlmFailure | undefined;
}

class LlmTimeout extends Error {}

/** No stored keys: one list, so the key set of rules' index is built once for it. */
const NO_KEYS: readonly string[] = [];

function classify(err: unknown): FallbackReason {
  if (err instanceof LlmTimeout) return "timeout";
  if (err instanceof LlmOutputError) return "invalid_output";
  const name = (err as { name?: string })?.name;
  const status = (err as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
  if (name === "ThrottlingException" || status === 429) return "throttled";
  if (name === "AccessDeniedException" || status === 403) return "access_denied";
  if (name === "CredentialsProviderError") return "not_configured";
  return "upstream_error";
}

async function withTimeout(
  llm: LlmProvider,
  text: string,
  now: Date,
  ms: number,
  storedKeys: ReadonlySet<string>,
) {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new LlmTimeout(`No answer within ${ms} ms`));
    }, ms);
  });
  try {
    const propose = llm.propose(text, { now, signal: controller.signal, storedKeys });
    return await Promise.race([propose, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function cacheKey(text: string, now: Date): string {
  const day = centralParts(now);
  return `${day.year}-${day.month}-${day.day}|${normalizeRequestText(text)}`;
}

/**
 * Builds the pipeline. Bad options throw here, not on the first request.
 *
 * @example
 * const pipeline = createVizPipeline({ llm, rules: parseRequest, now: () => new Date(), cache });
 * const answer = await pipeline.interpret("west hub price yesterday");
 */
export function createVizPipeline(options: PipelineOptions): VizPipeline {
  const timeoutMs = options.timeoutMs ?? 10_000;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new RangeError(`LLM timeout ${timeoutMs} ms is not a positive number`);
  }
  const { llm, rules, cache } = options;
  let failure: LlmFailure | undefined;
  const fallback = (
    text: string,
    now: Date,
    reason: FallbackReason,
    storedKeys?: readonly string[],
  ) => {
    const parsed = rules(text, { now, storedKeys });
    return { ...parsed, provider: "rules" as const, fallbackReason: reason };
  };
  return {
    usesLlm: llm !== undefined,
    timeoutMs,
    lastFailure: () => failure,
    async interpret(text, { skip, now = options.now(), storedKeys } = {}) {
      if (!llm) return fallback(text, now, "not_configured", storedKeys);
      if (skip) return fallback(text, now, skip, storedKeys);
      const key = cacheKey(text, now);
      try {
        const stored = storedKeySet(storedKeys ?? NO_KEYS);
        const spec = await withTimeout(llm, text, now, timeoutMs, stored);
        cache.set(key, spec);
        return capped({ spec, provider: "bedrock" });
      } catch (err) {
        const reason = classify(err);
        failure = { reason, message: errorText(err), at: now };
        const cached = reason === "throttled" ? cache.get(key) : undefined;
        if (cached) {
          return capped({ spec: cached, provider: "bedrock", fallbackReason: "throttled_cached" });
        }
        return fallback(text, now, reason, storedKeys);
      }
    },
  };
}

/** An LLM answer charting more series than a plain-English request may, as a refusal. */
function capped(answer: AnswerBase & { spec: VizSpec }): VizAnswer {
  const problem = requestSeriesProblem(answer.spec.series.length);
  if (!problem) return answer;
  const { spec: _spec, ...base } = answer;
  return { ...base, error: problem };
}

function errorText(err: unknown): string {
  const e = err as { name?: string; message?: string };
  return `${e?.name ?? "Error"}: ${String(e?.message ?? err)}`.slice(0, 300);
}
