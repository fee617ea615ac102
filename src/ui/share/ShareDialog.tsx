// The share dialog: the link, what it will open, its name and description (both travel in the
// link, as text), and a word on privacy. Everything shown from the spec is React text: a
// name full of markup stays characters on the screen.
import { useEffect, useMemo, useRef, useState } from 'react';
import { experimentSpecSchema } from '../../engine/spec/schema';
import { experimentLink } from '../../engine/spec/urlCodec';
import { useAppStore } from '../store/store';
import { copyText } from './copyText';
import { describeSpec } from './describeSpec';

const nameMax = experimentSpecSchema.shape.name.unwrap().maxLength ?? 200;
const descriptionMax = experimentSpecSchema.shape.description.unwrap().maxLength ?? 2000;

/** The page's address without its fragment: where a link to this app points. */
export function appAddress(): string {
  return window.location.href.split('#')[0];
}

export function ShareDialog({ onClose }: { onClose: () => void }) {
  const spec = useAppStore((s) => s.spec);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const fieldRef = useRef<HTMLTextAreaElement>(null);
  /** The link last copied (or not), so an edit since hides the word. */
  const [copied, setCopied] = useState<{ link: string; ok: boolean } | null>(null);
  const link = useMemo(() => experimentLink(appAddress(), spec), [spec]);
  const rows = useMemo(() => describeSpec(spec), [spec]);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  const edit = (label: string, patch: { name?: string; description?: string }) =>
    useAppStore.getState().editSpec(label, (s) => ({ ...s, ...patch }), `share.${label}`);

  return (
    <dialog
      ref={dialogRef}
      className="share-dialog"
      data-testid="share-dialog"
      aria-labelledby="share-title"
      onClose={onClose}
      onCancel={onClose}
    >
      <header className="share-head">
        <h2 id="share-title">Share this experiment</h2>
        <button type="button" className="share-close" aria-label="Close" onClick={onClose}>
          ×
        </button>
      </header>
      <label className="share-field">
        <span>Name</span>
        <input
          type="text"
          value={spec.name}
          maxLength={nameMax}
          data-testid="share-name"
          onChange={(e) => edit('name', { name: e.target.value })}
        />
      </label>
      <label className="share-field">
        <span>Description (optional)</span>
        <textarea
          rows={2}
          value={spec.description}
          maxLength={descriptionMax}
          placeholder="What should the person who opens it look at?"
          data-testid="share-description"
          onChange={(e) => edit('description', { description: e.target.value })}
        />
      </label>
      <section className="share-opens" aria-label="What the link opens">
        <h3>The link opens</h3>
        <dl data-testid="share-summary">
          {rows.map(([k, v]) => (
            <div key={k} className="share-row">
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
        <p className="share-note">
          The graph with its layout, the data, every training setting and the chart view: ready to
          train. Runs and trained weights are not in the link; export those from the runs panel.
        </p>
      </section>
      <div className="share-link-row">
        <textarea
          ref={fieldRef}
          className="share-link"
          readOnly
          rows={3}
          value={link}
          data-testid="share-link"
          aria-label="Link to this experiment"
          onFocus={(e) => e.currentTarget.select()}
        />
        <div className="share-link-actions">
          <button
            type="button"
            className="button primary"
            data-testid="share-copy"
            onClick={() =>
              void copyText(link, fieldRef.current).then((ok) => setCopied({ link, ok }))
            }
          >
            Copy link
          </button>
          <span className="share-length" data-testid="share-length">
            {link.length.toLocaleString('en')} characters
          </span>
          {copied?.link === link && (
            <span className="share-copied" role="status">
              {copied.ok ? 'Copied.' : 'Select the link and copy it.'}
            </span>
          )}
        </div>
      </div>
      <p className="share-privacy">
        Nothing is uploaded. The whole experiment is packed into the link after the “#”, a part of
        an address that browsers never send to a server; your work and runs stay in this browser.
      </p>
    </dialog>
  );
}
