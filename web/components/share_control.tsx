/**
 * "Share": turns on a dashboard's read-only link (or shows the one it has),
 * with the full `/shared/<token>` address to copy, and revokes it. A revoked
 * link stops opening the dashboard at once; sharing again makes a new one.
 *
 * @module
 */
import { useRef, useState } from "preact/hooks";
import { dashboardsApi, type Share } from "../lib/dashboards.ts";
import { messageOf } from "../lib/http.ts";
import { ErrorNote } from "./notice.tsx";

/** The address anyone can open: this origin and the link's page path. */
export function shareAddress(share: Pick<Share, "page_url">): string {
  return new URL(share.page_url, location.origin).href;
}

async function copyText(text: string, field: HTMLInputElement | null): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // No clipboard API (an insecure origin, or permission refused): copy the selection instead.
    field?.select();
    if (!document.execCommand("copy")) throw new Error("Copy the link by hand: it is selected");
  }
}

/** The Share button and, once opened, the link with Copy and Revoke. */
export function ShareControl(
  { dashboardId, initial }: { dashboardId: string; initial: Share | null },
) {
  const [share, setShare] = useState(initial);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [said, say] = useState("");
  const [error, setError] = useState<string>();
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    say("");
    try {
      await work();
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };
  const start = () =>
    run(async () => {
      setOpen(true);
      if (!share) setShare(await dashboardsApi.share(dashboardId));
    });
  const revoke = () => {
    if (!confirm("Revoke this link? Anyone who has it loses access at once.")) return;
    run(async () => {
      await dashboardsApi.unshare(dashboardId);
      setShare(null);
      say("Link revoked: it no longer opens this dashboard. Share again for a new link.");
    });
  };
  const field = useRef<HTMLInputElement>(null);
  const copy = () =>
    run(async () => {
      await copyText(shareAddress(share!), field.current);
      say("Link copied");
    });
  return (
    <>
      <button type="button" aria-expanded={open} disabled={busy} onClick={start}>
        Share
      </button>
      {open
        ? (
          <section class="card share-box" aria-label="Share link">
            {share
              ? (
                <>
                  <label for="share-link">Read-only link, no account needed</label>
                  <div class="row">
                    <input
                      id="share-link"
                      readOnly
                      value={shareAddress(share)}
                      ref={field}
                      onFocus={(e) => e.currentTarget.select()}
                    />
                    <button type="button" disabled={busy} onClick={copy}>Copy link</button>
                    <button type="button" class="danger" disabled={busy} onClick={revoke}>
                      Revoke link
                    </button>
                  </div>
                </>
              )
              : null}
            <p class="muted" aria-live="polite">{said}</p>
            <ErrorNote message={error} />
          </section>
        )
        : null}
    </>
  );
}
