// One panel of the inside-the-network views: a title with a button that opens or closes it. A
// closed panel renders nothing below its title, so it costs neither drawing nor probing.
import type { ReactNode } from 'react';
import type { InsightPanel as PanelName } from '../store/insightSlice';
import { useAppStore } from '../store/store';

export function InsightPanel({
  name,
  title,
  aside,
  wide = false,
  children,
}: {
  name: PanelName;
  title: string;
  /** Shown next to the title while open (numbers, options). */
  aside?: ReactNode;
  wide?: boolean;
  children: ReactNode;
}) {
  const open = useAppStore((s) => s.openPanels[name]);
  const setOpen = useAppStore((s) => s.setPanelOpen);
  return (
    <section
      className={`panel insight-panel${wide ? ' insight-wide' : ''}${open ? '' : ' closed'}`}
      aria-label={title}
      data-testid={`insight-${name}`}
    >
      <header className="insight-head">
        <button
          type="button"
          className="insight-toggle"
          aria-expanded={open}
          onClick={() => setOpen(name, !open)}
          data-testid={`insight-toggle-${name}`}
        >
          <span className="insight-caret" aria-hidden="true">
            {open ? '▾' : '▸'}
          </span>
          <h2 className="panel-title">{title}</h2>
        </button>
        {open && aside}
      </header>
      {open && children}
    </section>
  );
}
