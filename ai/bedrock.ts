/**
 * The AWS Bedrock provider: one Converse call with one tool whose input schema is the VizSpec
 * JSON Schema, the tool forced with `toolChoice`, and the system prompt of `prompt.ts`. The
 * tool input is the answer; it is validated with the VizSpec zod schema after its title is
 * reduced to plain text, and every series must be in the catalog. Anything else is an
 * {@link LlmOutputError}. AWS errors (throttling, access denied, ...) pass through untouched for
 * the pipeline to classify.
 *
 * @module
 */
import {
  BedrockRuntimeClient,
  type BedrockRuntimeClientConfig,
  type ContentBlock,
  ConverseCommand,
  type ConverseCommandInput,
  type ConverseCommandOutput,
} from "@aws-sdk/client-bedrock-runtime";
import type { Config } from "../config.ts";
import { UpstreamError } from "../domain/errors.ts";
import { findSeries, isKnownSeries } from "../domain/catalog.ts";
import { plainTitle } from "./_plain_text.ts";
import { systemPrompt, TOOL_NAME } from "./prompt.ts";
import { type VizSpec, vizSpecJsonSchema, VizSpecSchema } from "../domain/vizspec.ts";

/** The model answered, but not with a usable VizSpec. */
export class LlmOutputError extends UpstreamError {}

/** Options of one {@link LlmProvider.propose} call. */
export interface ProposeOptions {
  /** The instant the request is asked at. */
  now: Date;
  /** Aborts the call (the pipeline's timeout). */
  signal?: AbortSignal;
  /**
   * Price keys of stored settlement points beyond the catalog (resource nodes): an answer may
   * name these too.
   */
  storedKeys?: ReadonlySet<string>;
}

/** A model that reads a request into a VizSpec. */
export interface LlmProvider {
  readonly kind: "bedrock";
  readonly modelId: string;
  readonly region: string;
  /** The endpoint override, when one is set. */
  readonly endpoint?: string;
  /** A validated VizSpec whose series are all catalog or stored keys, or a throw. */
  propose(text: string, options: ProposeOptions): Promise<VizSpec>;
}

/** Options of {@link createBedrockProvider}. */
export interface BedrockOptions {
  modelId: string;
  region: string;
  /** Endpoint override (tests, VPC endpoints); AWS's regional endpoint when absent. */
  endpoint?: string;
  /** Static credentials; the SDK's default chain (environment, profile, role) when absent. */
  credentials?: BedrockRuntimeClientConfig["credentials"];
  /** Most tokens the model may answer with (1024). */
  maxTokens?: number;
}

/** What the tool says it does: the series keys it takes, derived ones included, and the charts. */
export const TOOL_DESCRIPTION =
  "Draw one chart of ERCOT series described by a VizSpec. series are " +
  "catalog keys or derived keys: dart.<point>, spread.<a>.<b>, tb2.<point>, tb4.<point>, netload, " +
  "capacity.headroom, grid.condition. chart heatmap is day × hour of day, duration is values " +
  "sorted high to low.";

function converseInput(modelId: string, text: string, now: Date, maxTokens: number) {
  return {
    modelId,
    system: [{ text: systemPrompt(now) }],
    messages: [{ role: "user", content: [{ text }] }],
    toolConfig: {
      tools: [{
        toolSpec: {
          name: TOOL_NAME,
          description: TOOL_DESCRIPTION,
          inputSchema: { json: vizSpecJsonSchema },
        },
      }],
      toolChoice: { tool: { name: TOOL_NAME } },
    },
    inferenceConfig: { maxTokens, temperature: 0 },
  } as ConverseCommandInput;
}

function toolInput(out: ConverseCommandOutput): Record<string, unknown> {
  const content: ContentBlock[] = out.output?.message?.content ?? [];
  const use = content.find((block) => block.toolUse)?.toolUse;
  if (!use || use.name !== TOOL_NAME) {
    throw new LlmOutputError(
      `Model answered without calling ${TOOL_NAME} (stop reason ${out.stopReason ?? "none"})`,
    );
  }
  let input: unknown = use.input;
  if (typeof input === "string") {
    const text = input;
    try {
      input = JSON.parse(text);
    } catch {
      throw new LlmOutputError(`Tool input ${JSON.stringify(text.slice(0, 80))} is not JSON`);
    }
  }
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new LlmOutputError(`Tool input ${JSON.stringify(input)?.slice(0, 80)} is not an object`);
  }
  return input as Record<string, unknown>;
}

function titleFor(raw: unknown, series: unknown): string {
  const title = typeof raw === "string" ? plainTitle(raw) : "";
  if (title) return title;
  const keys = Array.isArray(series) ? series : [];
  const names = keys.map((k) => findSeries(String(k))?.name).filter(Boolean);
  return plainTitle(names.join(" and ")) || "Chart";
}

/**
 * Validates a tool input as a VizSpec: the title becomes plain text first, then the zod
 * schema, then every series must be a catalog key or one of `storedKeys` (stored resource
 * nodes). Throws {@link LlmOutputError}.
 */
export function specFromToolInput(
  input: Record<string, unknown>,
  storedKeys: ReadonlySet<string> = new Set(),
): VizSpec {
  const parsed = VizSpecSchema.safeParse({ ...input, title: titleFor(input.title, input.series) });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length ? ` at ${issue.path.join(".")}` : "";
    throw new LlmOutputError(`Tool input is not a VizSpec${where}: ${issue.message}`);
  }
  const unknown = parsed.data.series.find((key) =>
    typeof key === "string" && !isKnownSeries(key) && !storedKeys.has(key)
  );
  if (unknown) throw new LlmOutputError(`Tool input names unknown series "${unknown}"`);
  return parsed.data;
}

/**
 * A Bedrock provider over the real SDK client. The client makes one attempt per call: the
 * pipeline falls back to the rule parser rather than retrying.
 *
 * @example
 * const llm = createBedrockProvider({ modelId: "anthropic.claude-3-5-haiku-20241022-v1:0", region: "us-east-1" });
 * const spec = await llm.propose("west hub price yesterday", { now: new Date() });
 */
export function createBedrockProvider(options: BedrockOptions): LlmProvider {
  if (!options.modelId) throw new UpstreamError("Bedrock model id is empty");
  if (!options.region) throw new UpstreamError("AWS region is empty");
  const client = new BedrockRuntimeClient({
    region: options.region,
    endpoint: options.endpoint,
    credentials: options.credentials,
    maxAttempts: 1,
  });
  const maxTokens = options.maxTokens ?? 1024;
  return {
    kind: "bedrock",
    modelId: options.modelId,
    region: options.region,
    endpoint: options.endpoint,
    async propose(text, { now, signal, storedKeys }) {
      const command = new ConverseCommand(converseInput(options.modelId, text, now, maxTokens));
      let out: ConverseCommandOutput;
      try {
        out = await client.send(command, { abortSignal: signal });
      } catch (err) {
        // The SDK throws a SyntaxError when the response body is not JSON.
        if (err instanceof SyntaxError) throw new LlmOutputError("Model response is not JSON");
        throw err;
      }
      return specFromToolInput(toolInput(out), storedKeys);
    },
  };
}

/**
 * The provider `config` describes, or `undefined` when no model id or region is set (the
 * rule parser then answers every request). Credentials come from the SDK's default chain.
 */
export function bedrockFromConfig(
  config: Pick<Config, "bedrockModelId" | "awsRegion" | "bedrockEndpoint">,
): LlmProvider | undefined {
  if (!config.bedrockModelId || !config.awsRegion) return undefined;
  return createBedrockProvider({
    modelId: config.bedrockModelId,
    region: config.awsRegion,
    endpoint: config.bedrockEndpoint,
  });
}

/** Plain-English chart options: the LLM and its timeout. */
export interface AiOptions {
  /** The LLM; built from config (`BEDROCK_MODEL_ID`, `AWS_REGION`) when absent. */
  llm?: LlmProvider;
  /** How long the LLM may take (10 000 ms). */
  timeoutMs?: number;
}
