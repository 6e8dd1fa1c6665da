// API reference page: reads /api/openapi.json and renders every operation
// with its parameters, responses and a form that sends the request — with its
// JSON body and the credential chosen at the top: the browser UI's session on
// this origin, an API key or an access token (kept in memory only).
"use strict";

const SPEC_URL = "/api/openapi.json";
// The browser UI keeps its refresh token here and rotates it under this lock
// (web/lib/auth.ts); the page takes part in the same protocol, so both stay signed in.
const REFRESH_KEY = "ercot.refresh_token";
const REFRESH_LOCK = "ercot-refresh";

const credential = { kind: "none", value: "", access: null };

async function sessionToken() {
  if (credential.access && credential.access.expiresAt > Date.now() + 5000) {
    return credential.access.token;
  }
  const refresh = async () => {
    const token = localStorage.getItem(REFRESH_KEY);
    if (!token) throw new Error("Not signed in: sign in to the UI at /signin first");
    const res = await fetch("/api/auth/refresh", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ refresh_token: token }),
    });
    if (!res.ok) throw new Error(`The session could not be refreshed (${res.status})`);
    const pair = await res.json();
    localStorage.setItem(REFRESH_KEY, pair.refresh_token);
    credential.access = {
      token: pair.access_token,
      expiresAt: Date.now() + pair.expires_in * 1000,
    };
    return pair.access_token;
  };
  return navigator.locks ? await navigator.locks.request(REFRESH_LOCK, refresh) : await refresh();
}

async function authHeaders() {
  if (credential.kind === "session") return { authorization: `Bearer ${await sessionToken()}` };
  if (credential.kind === "key" && credential.value) return { "x-api-key": credential.value };
  if (credential.kind === "token" && credential.value) {
    return { authorization: `Bearer ${credential.value}` };
  }
  return {};
}

function credentialBar() {
  const kind = el(
    "select",
    { id: "cred-kind", "aria-label": "Credential" },
    el("option", { value: "none" }, "No credential"),
    el("option", { value: "session" }, "My session (signed in to the UI)"),
    el("option", { value: "key" }, "API key (X-API-Key)"),
    el("option", { value: "token" }, "Access token (Bearer)"),
  );
  const value = el("input", {
    id: "cred-value",
    type: "password",
    autocomplete: "off",
    "aria-label": "API key or token",
    placeholder: "ea_…",
  });
  const sync = () => {
    credential.kind = kind.value;
    credential.value = value.value.trim();
    value.hidden = kind.value === "none" || kind.value === "session";
  };
  kind.addEventListener("change", sync);
  value.addEventListener("input", sync);
  sync();
  if (localStorage.getItem(REFRESH_KEY)) {
    kind.value = "session";
    sync();
  }
  return el("section", { class: "creds" }, el("h2", {}, "Credentials"), kind, " ", value);
}

function resolve(schema, spec) {
  if (schema?.$ref) return resolve(spec.components?.schemas?.[schema.$ref.split("/").pop()], spec);
  return schema ?? {};
}

// An example body: the documented one, else a skeleton of the schema's required members.
function exampleBody(op, spec) {
  const media = op.requestBody?.content?.["application/json"];
  if (!media) return undefined;
  if (media.example !== undefined) return media.example;
  const skeleton = (schema, depth) => {
    const s = resolve(schema, spec);
    if (s.example !== undefined) return s.example;
    if (s.default !== undefined) return s.default;
    if (s.enum) return s.enum[0];
    if (depth > 4) return null;
    if (s.type === "object" || s.properties) {
      const out = {};
      for (const name of s.required ?? []) out[name] = skeleton(s.properties?.[name], depth + 1);
      return out;
    }
    if (s.type === "array") return [];
    if (s.type === "integer" || s.type === "number") return 0;
    if (s.type === "boolean") return false;
    return s.type === "string" ? "" : null;
  };
  return skeleton(media.schema, 0);
}

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (k === "class") node.className = v;
    else node.setAttribute(k, v);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}

function schemaText(schema, spec) {
  if (!schema) return "";
  if (schema.$ref) return schema.$ref.split("/").pop();
  if (schema.enum) return schema.enum.join(" | ");
  if (schema.type === "array") return `${schemaText(schema.items, spec)}[]`;
  return schema.type ?? "";
}

function parameterRows(op, spec) {
  const params = op.parameters ?? [];
  if (params.length === 0) return el("p", { class: "muted" }, "No parameters");
  const rows = params.map((p) =>
    el(
      "tr",
      {},
      el("td", {}, el("code", {}, p.name), p.required ? " *" : ""),
      el("td", {}, p.in),
      el("td", {}, schemaText(p.schema, spec)),
      el("td", {}, p.description ?? p.schema?.description ?? ""),
    )
  );
  return el(
    "table",
    {},
    el(
      "thead",
      {},
      el("tr", {}, ["name", "in", "type", "description"].map((h) => el("th", {}, h))),
    ),
    el("tbody", {}, rows),
  );
}

function tryIt(path, method, op, spec) {
  const form = el("form", { class: "try" });
  const inputs = (op.parameters ?? []).map((p) => {
    const input = el("input", {
      name: p.name,
      placeholder: String(p.example ?? p.schema?.example ?? ""),
    });
    form.append(el("label", {}, `${p.name} (${p.in}) `, input));
    return { p, input };
  });
  const example = exampleBody(op, spec);
  const body = example === undefined ? null : el("textarea", {
    name: "body",
    rows: "6",
    "aria-label": "Request body (JSON)",
    spellcheck: "false",
  });
  if (body) {
    body.value = JSON.stringify(example, null, 2);
    form.append(el("label", {}, "body (application/json)"), body);
  }
  const out = el("pre", { class: "out", "aria-live": "polite" });
  form.append(el("button", { type: "submit" }, `Send ${method.toUpperCase()}`), out);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    let url = path;
    const query = new URLSearchParams();
    for (const { p, input } of inputs) {
      if (!input.value) continue;
      if (p.in === "path") url = url.replace(`{${p.name}}`, encodeURIComponent(input.value));
      else if (p.in === "query") query.set(p.name, input.value);
    }
    const target = query.size ? `${url}?${query}` : url;
    out.textContent = `${method.toUpperCase()} ${target} …`;
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 5000);
    try {
      const headers = await authHeaders();
      const init = { method: method.toUpperCase(), headers, signal: controller.signal };
      if (body && body.value.trim()) {
        headers["content-type"] = "application/json";
        init.body = body.value;
      }
      const res = await fetch(target, init);
      let text = await res.text().catch(() => "(stream cut after 5 s)");
      try {
        text = JSON.stringify(JSON.parse(text), null, 2);
      } catch {
        // Not JSON: shown as it came.
      }
      out.textContent = `${res.status} ${res.statusText}\n${
        res.headers.get("content-type") ?? ""
      }\nX-Request-Id: ${res.headers.get("x-request-id") ?? ""}\n\n${text.slice(0, 20000)}`;
    } catch (err) {
      out.textContent = `${target}: ${err.message}`;
    }
  });
  return form;
}

function operation(path, method, op, spec) {
  const responses = Object.entries(op.responses ?? {}).map(([code, r]) =>
    el(
      "li",
      {},
      el("code", {}, code),
      ` ${r.description ?? ""} `,
      el("span", { class: "muted" }, Object.keys(r.content ?? {}).join(", ")),
    )
  );
  return el(
    "details",
    { class: "op", "data-op": op.operationId ?? `${method} ${path}` },
    el(
      "summary",
      {},
      el("span", { class: `method ${method}` }, method.toUpperCase()),
      " ",
      el("code", {}, path),
      " ",
      op.summary ?? "",
    ),
    op.description ? el("p", {}, op.description) : null,
    el("h4", {}, "Parameters"),
    parameterRows(op, spec),
    el("h4", {}, "Responses"),
    el("ul", {}, responses),
    el("h4", {}, "Try it"),
    tryIt(path, method, op, spec),
  );
}

async function main() {
  const root = document.getElementById("app");
  const spec = await (await fetch(SPEC_URL)).json();
  document.title = `${spec.info.title} ${spec.info.version}`;
  root.append(el("h1", {}, spec.info.title, " ", el("small", {}, spec.info.version)));
  if (spec.info.description) root.append(el("p", {}, spec.info.description));
  root.append(el("p", {}, el("a", { href: SPEC_URL }, "openapi.json")));
  root.append(credentialBar());
  const byTag = new Map();
  for (const [path, item] of Object.entries(spec.paths ?? {})) {
    for (const [method, op] of Object.entries(item)) {
      const tag = op.tags?.[0] ?? "other";
      if (!byTag.has(tag)) byTag.set(tag, []);
      byTag.get(tag).push(operation(path, method, op, spec));
    }
  }
  for (const [tag, ops] of byTag) root.append(el("section", {}, el("h2", {}, tag), ops));
}

main().catch((err) => {
  document.getElementById("app").textContent = `Cannot load ${SPEC_URL}: ${err.message}`;
});
