/**
 * An in-process fake of the parts of Grafana's HTTP API the deploy client
 * uses, on 127.0.0.1 and a free port: `GET /api/health`, `GET/POST
 * /api/folders`, `POST /api/dashboards/db`. It checks the bearer token,
 * records every call, and answers a chosen status on demand.
 *
 * @module
 */

/** One recorded request. */
export interface FakeCall {
  method: string;
  path: string;
  authorization: string | null;
  body: unknown;
}

/** A running fake Grafana. */
export interface FakeGrafana {
  url: string;
  token: string;
  calls: FakeCall[];
  folders: Map<string, string>;
  dashboards: Map<string, { version: number; folderUid: string; model: Record<string, unknown> }>;
  /** Answers the next request to `path` with `status` (and Grafana's `status` word, and headers). */
  failNext(path: string, status: number, word?: string, headers?: HeadersInit): void;
  close(): Promise<void>;
}

/** Starts a fake Grafana that accepts `token`. */
export function startFakeGrafana(token = "glsa_fake_token"): FakeGrafana {
  const calls: FakeCall[] = [];
  const folders = new Map<string, string>();
  const dashboards: FakeGrafana["dashboards"] = new Map();
  const failures = new Map<string, { status: number; word?: string; headers?: HeadersInit }>();
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
    const path = new URL(req.url).pathname;
    const text = await req.text();
    const body = text ? JSON.parse(text) : undefined;
    calls.push({ method: req.method, path, authorization: req.headers.get("authorization"), body });
    const failure = failures.get(path);
    if (failure) {
      failures.delete(path);
      return Response.json(
        { message: "internal detail that must not leak", status: failure.word },
        { status: failure.status, headers: failure.headers },
      );
    }
    if (path === "/api/health") return Response.json({ database: "ok", version: "11.6.0" });
    if (req.headers.get("authorization") !== `Bearer ${token}`) {
      return Response.json({ message: "Unauthorized" }, { status: 401 });
    }
    return route(req.method, path, body, folders, dashboards);
  });
  const { port } = server.addr as Deno.NetAddr;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    calls,
    folders,
    dashboards,
    failNext: (path, status, word, headers) => failures.set(path, { status, word, headers }),
    close: () => server.shutdown(),
  };
}

function route(
  method: string,
  path: string,
  body: Record<string, unknown> | undefined,
  folders: FakeGrafana["folders"],
  dashboards: FakeGrafana["dashboards"],
): Response {
  const folder = /^\/api\/folders\/([^/]+)$/.exec(path);
  if (method === "GET" && folder) {
    const title = folders.get(decodeURIComponent(folder[1]));
    return title === undefined
      ? Response.json({ message: "folder not found" }, { status: 404 })
      : Response.json({ uid: folder[1], title });
  }
  if (method === "POST" && path === "/api/folders" && body) {
    const uid = String(body.uid);
    if (folders.has(uid)) return Response.json({ message: "exists" }, { status: 409 });
    folders.set(uid, String(body.title));
    return Response.json({ uid, title: body.title, id: folders.size });
  }
  if (method === "POST" && path === "/api/dashboards/db" && body) {
    const model = body.dashboard as Record<string, unknown>;
    const folderUid = String(body.folderUid);
    if (!folders.has(folderUid) || body.overwrite !== true || typeof model?.uid !== "string") {
      return Response.json({ message: "bad request" }, { status: 400 });
    }
    const version = (dashboards.get(model.uid)?.version ?? 0) + 1;
    dashboards.set(model.uid, { version, folderUid, model });
    const slug = String(model.title).toLowerCase().replace(/[^a-z0-9]+/g, "-");
    return Response.json({
      id: dashboards.size,
      uid: model.uid,
      url: `/d/${model.uid}/${slug}`,
      status: "success",
      version,
      slug,
    });
  }
  return Response.json({ message: "not found" }, { status: 404 });
}
