// The application shell: the header and the page.
import { ShareButtons } from '../share/ShareButtons';
import { TrainPage } from '../train/TrainPage';

export function App() {
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
        <span className="tagline">
          Build, train and look inside neural networks, in your browser
        </span>
        <ShareButtons />
      </header>
      <TrainPage />
    </div>
  );
}
