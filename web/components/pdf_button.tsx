/**
 * "Export PDF": fetches a PDF the server draws (`/api/dashboards/{id}/pdf`,
 * `/api/v1/explore/pdf`) with the user's credentials and offers it as a
 * download; a failure shows the server's one-line reason.
 *
 * @module
 */
import { DownloadButton } from "./download_button.tsx";

/** A button that downloads the PDF at `path` as `name`.pdf. */
export function PdfButton(
  { path, name, disabled = false }: { path: string; name: string; disabled?: boolean },
) {
  return (
    <DownloadButton
      path={path}
      label="Export PDF"
      busyLabel="Making PDF…"
      disabled={disabled}
      fileName={() => `${name.replace(/[^A-Za-z0-9._-]+/g, "-")}.pdf`}
    />
  );
}
