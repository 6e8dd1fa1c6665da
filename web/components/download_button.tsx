/**
 * A button that fetches a file the server makes (a PDF, a Grafana model) with
 * the user's credentials and saves it; a failure shows the server's one-line
 * reason beside it.
 *
 * @module
 */
import { useState } from "preact/hooks";
import { apiResponse } from "../lib/api.ts";
import { downloadBlob } from "../lib/download.ts";
import { messageOf } from "../lib/http.ts";
import { ErrorNote } from "./notice.tsx";

/** What {@link DownloadButton} fetches, how it is labelled and what the saved file is called. */
export interface DownloadButtonProps {
  path: string;
  label: string;
  /** The label while the file is being made (default `label`). */
  busyLabel?: string;
  /** The saved file's name, from the answer (e.g. its `Content-Disposition`). */
  fileName: (res: Response) => string;
  title?: string;
  disabled?: boolean;
}

/** See the module doc. */
export function DownloadButton(p: DownloadButtonProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const run = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const res = await apiResponse(p.path);
      downloadBlob(await res.blob(), p.fileName(res));
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" disabled={p.disabled || busy} onClick={run} title={p.title}>
        {busy ? p.busyLabel ?? p.label : p.label}
      </button>
      <ErrorNote message={error} />
    </>
  );
}
