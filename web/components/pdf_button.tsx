/**
 * "Export PDF": fetches a PDF the server draws (`/api/dashboards/{id}/pdf`,
 * `/api/v1/explore/pdf`) with the user's credentials and offers it as a
 * download; a failure shows the server's one-line reason.
 *
 * @module
 */
import { useState } from "preact/hooks";
import { apiResponse } from "../lib/api.ts";
import { downloadBlob } from "../lib/download.ts";
import { messageOf } from "../lib/http.ts";
import { ErrorNote } from "./notice.tsx";

/** A button that downloads the PDF at `path` as `name`.pdf. */
export function PdfButton(
  { path, name, disabled = false }: { path: string; name: string; disabled?: boolean },
) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const run = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const res = await apiResponse(path);
      downloadBlob(await res.blob(), `${name.replace(/[^A-Za-z0-9._-]+/g, "-")}.pdf`);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" disabled={disabled || busy} onClick={run}>
        {busy ? "Making PDF…" : "Export PDF"}
      </button>
      <ErrorNote message={error} />
    </>
  );
}
