/**
 * "Download Grafana JSON": fetches a dashboard's Grafana model
 * (`/api/dashboards/{id}/grafana`, `/api/builtin-dashboards/{uid}/grafana`)
 * with the user's credentials and saves it under the name the server gives,
 * ready for Grafana's Dashboards → New → Import. Needs no Grafana server.
 *
 * @module
 */
import { useState } from "preact/hooks";
import { apiResponse } from "../lib/api.ts";
import { downloadBlob } from "../lib/download.ts";
import { messageOf } from "../lib/http.ts";
import { ErrorNote } from "./notice.tsx";

/** The file name in a `Content-Disposition` header, or `fallback`. */
export function attachmentName(disposition: string | null, fallback: string): string {
  return /filename="([^"]+)"/.exec(disposition ?? "")?.[1] ?? fallback;
}

/** A button that downloads the Grafana JSON at `path`. */
export function GrafanaDownload({ path }: { path: string }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const run = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const res = await apiResponse(path);
      const name = attachmentName(res.headers.get("content-disposition"), "dashboard.json");
      downloadBlob(await res.blob(), name);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button
        type="button"
        disabled={busy}
        onClick={run}
        title="A file to import in Grafana: Dashboards → New → Import"
      >
        Download Grafana JSON
      </button>
      <ErrorNote message={error} />
    </>
  );
}
