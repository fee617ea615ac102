// The application shell: the header and the page.
import { LossLab } from '../lab/LossLab';
import { LessonGallery } from '../lessons/LessonGallery';
import { LessonPlayer } from '../lessons/LessonPlayer';
import { ShareButtons } from '../share/ShareButtons';
import { useAppStore } from '../store/store';
import { TrainPage } from '../train/TrainPage';
import { WordsPage } from '../words/WordsPage';
import { PageTabs } from './PageTabs';

export function App() {
  const page = useAppStore((s) => s.page);
  const lessonOpen = useAppStore((s) => s.lesson !== null);
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
      {/* A lesson's player sits beside whichever page shows; the page stays usable. */}
      <div className={lessonOpen ? 'app-body with-lesson' : 'app-body'}>
        <div className="app-page">
          <div hidden={page !== 'playground'}>
            <TrainPage />
          </div>
          {page === 'lossSurfaces' && <LossLab />}
          {page === 'words' && <WordsPage />}
          {page === 'learn' && <LessonGallery />}
        </div>
        {lessonOpen && <LessonPlayer />}
      </div>
    </div>
  );
}
