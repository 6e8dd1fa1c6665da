/**
 * Where an alert rule sends: the in-app live feed, signed webhooks (a secret
 * is generated and shown once unless one is typed; a stored webhook keeps its
 * secret) and email addresses. Used for a rule's channels and its escalation
 * channels.
 *
 * @module
 */
import type { ChannelDraft, DraftErrors } from "../lib/rule_draft.ts";
import { FieldError, invalid } from "./field_error.tsx";

/** Props of {@link ChannelFields}. */
export interface ChannelFieldsProps {
  /** `channels` or `escalation_channels`: names fields and their messages. */
  field: string;
  legend: string;
  channels: ChannelDraft[];
  errors: DraftErrors;
  onChange: (channels: ChannelDraft[]) => void;
}

/** The channel list with add and remove buttons. */
export function ChannelFields({ field, legend, channels, errors, onChange }: ChannelFieldsProps) {
  const inApp = channels.some((c) => c.type === "sse");
  const put = (i: number, c: ChannelDraft) =>
    onChange(channels.map((old, j) => (j === i ? c : old)));
  const input = (i: number, c: ChannelDraft, key: "url" | "secret" | "to") => ({
    name: `${field}.${i}.${key}`,
    value: (c as Record<string, string>)[key],
    onInput: (e: Event) => put(i, { ...c, [key]: (e.currentTarget as HTMLInputElement).value }),
    ...invalid(errors, `${field}.${i}.${key}`),
  });
  return (
    <fieldset class="stack" data-channels={field}>
      <legend>{legend}</legend>
      <label class="check">
        <input
          type="checkbox"
          checked={inApp}
          onChange={() =>
            onChange(
              inApp ? channels.filter((c) => c.type !== "sse") : [{ type: "sse" }, ...channels],
            )}
        />{" "}
        In-app (live feed and this page)
      </label>
      {channels.map((c, i) =>
        c.type === "sse" ? null : (
          <div class="row channel" key={i}>
            {c.type === "webhook"
              ? (
                <>
                  <label>
                    Webhook URL
                    <input
                      type="url"
                      placeholder="https://example.com/hook"
                      {...input(i, c, "url")}
                    />
                    <FieldError errors={errors} field={`${field}.${i}.url`} />
                  </label>
                  <label>
                    Signing secret (optional)
                    <input
                      autocomplete="off"
                      placeholder={c.secret_hint
                        ? `kept (${c.secret_hint})`
                        : "generated and shown once"}
                      {...input(i, c, "secret")}
                    />
                    <FieldError errors={errors} field={`${field}.${i}.secret`} />
                  </label>
                </>
              )
              : (
                <label>
                  Email address
                  <input type="email" placeholder="ops@example.com" {...input(i, c, "to")} />
                  <FieldError errors={errors} field={`${field}.${i}.to`} />
                </label>
              )}
            <button type="button" onClick={() => onChange(channels.filter((_, j) => j !== i))}>
              Remove
            </button>
          </div>
        )
      )}
      <FieldError errors={errors} field={field} />
      <div class="row">
        <button
          type="button"
          disabled={channels.length >= 5}
          onClick={() => onChange([...channels, { type: "webhook", url: "", secret: "" }])}
        >
          Add webhook
        </button>
        <button
          type="button"
          disabled={channels.length >= 5}
          onClick={() => onChange([...channels, { type: "email", to: "" }])}
        >
          Add email
        </button>
      </div>
    </fieldset>
  );
}
