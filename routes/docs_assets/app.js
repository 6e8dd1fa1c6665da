// API reference page: reads /api/openapi.json and renders every operation
// with its parameters, responses and a form that sends the request.
"use strict";

const SPEC_URL = "/api/openapi.json";

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

function tryIt(path, method, op) {
  const form = el("form", { class: "try" });
  const inputs = (op.parameters ?? []).map((p) => {
    const input = el("input", {
      name: p.name,
      placeholder: String(p.example ?? p.schema?.example ?? ""),
    });
    form.append(el("label", {}, `${p.name} (${p.in}) `, input));
    return { p, input };
  });
  const out = el("pre", { class: "out" });
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
      const res = await fetch(target, { method, signal: controller.signal });
      const text = await res.text().catch(() => "(stream cut after 5 s)");
      out.textContent = `${res.status} ${res.statusText}\n${
        res.headers.get("content-type") ?? ""
      }\n\n${text.slice(0, 20000)}`;
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
    { class: "op" },
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
    tryIt(path, method, op),
  );
}

async function main() {
  const root = document.getElementById("app");
  const spec = await (await fetch(SPEC_URL)).json();
  document.title = `${spec.info.title} ${spec.info.version}`;
  root.append(el("h1", {}, spec.info.title, " ", el("small", {}, spec.info.version)));
  if (spec.info.description) root.append(el("p", {}, spec.info.description));
  root.append(el("p", {}, el("a", { href: SPEC_URL }, "openapi.json")));
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
