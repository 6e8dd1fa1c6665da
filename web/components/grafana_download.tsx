/**
 * "Download Grafana JSON": fetches a dashboard's Grafana model
 * (`/api/dashboards/{id}/grafana`, `/api/builtin-dashboards/{uid}/grafana`)
 * with the user's credentials and saves it under the name the server gives,
 * ready for Grafana's Dashboards → New → Import. Needs no Grafana server.
 *
 * @module
 */
import { DownloadButton } from "./download_button.tsx";

/** The file name in a `Content-Disposition` header, or `fallback`. */
export function attachmentName(disposition: string | null, fallback: string): string {
  return /filename="([^"]+)"/.exec(disposition ?? "")?.[1] ?? fallback;
}

/** A button that downloads the Grafana JSON at `path`. */
export function GrafanaDownload({ path }: { path: string }) {
  return (
    <DownloadButton
      path={path}
      label="Download Grafana JSON"
      title="A file to import in Grafana: Dashboards → New → Import"
      fileName={(res) => attachmentName(res.headers.get("content-disposition"), "dashboard.json")}
    />
  );
}
