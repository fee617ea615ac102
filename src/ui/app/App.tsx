// The application shell: the header and the page.
import { LossLab } from '../lab/LossLab';
import { ShareButtons } from '../share/ShareButtons';
import { useAppStore } from '../store/store';
import { TrainPage } from '../train/TrainPage';
import { WordsPage } from '../words/WordsPage';
import { PageTabs } from './PageTabs';

export function App() {
  const page = useAppStore((s) => s.page);
  return (
    <div className="app">
      <header className="app-header">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            <span />
            <span />
            <span />
          </span>
          <span className="brand-name">LayerCake</span>
        </div>
        <PageTabs />
        <span className="tagline">
          Build, train and look inside neural networks, in your browser
        </span>
        <ShareButtons />
      </header>
      <div hidden={page !== 'playground'}>
        <TrainPage />
      </div>
      {page === 'lossSurfaces' && <LossLab />}
      {page === 'words' && <WordsPage />}
    </div>
  );
}
