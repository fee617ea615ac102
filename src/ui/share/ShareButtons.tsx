// The header's Copy link and Share buttons: one copies the current experiment's link at once,
// the other opens the dialog that shows it and what it opens.
import { useEffect, useState } from 'react';
import { experimentLink } from '../../engine/spec/urlCodec';
import { useAppStore } from '../store/store';
import { copyText } from './copyText';
import { appAddress, ShareDialog } from './ShareDialog';
import './share.css';

export function ShareButtons() {
  const [open, setOpen] = useState(false);
  const [copied, setCopied] = useState<string | null>(null);
  useEffect(() => {
    if (copied === null) return;
    const timer = setTimeout(() => setCopied(null), 2500);
    return () => clearTimeout(timer);
  }, [copied]);
  const copy = async () => {
    const link = experimentLink(appAddress(), useAppStore.getState().spec);
    const ok = await copyText(link);
    if (ok) setCopied('Link copied');
    else setOpen(true); // no clipboard: show the link to copy by hand
  };
  return (
    <div className="share-buttons">
      {copied && (
        <span className="share-toast" role="status" data-testid="copy-link-status">
          {copied}
        </span>
      )}
      <button type="button" className="button" data-testid="copy-link" onClick={() => void copy()}>
        Copy link
      </button>
      <button
        type="button"
        className="button primary"
        data-testid="share-open"
        onClick={() => setOpen(true)}
      >
        Share…
      </button>
      {open && <ShareDialog onClose={() => setOpen(false)} />}
    </div>
  );
}
