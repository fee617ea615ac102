// Inside the network, for image data: feature maps and saliency of a probe input, the filters,
// the drawing pad, and what the model gets wrong on the test set. Each panel can be closed; the
// worker is asked only for what the open ones show.
import { useAppStore } from '../store/store';
import { DrawPanel } from './DrawPanel';
import { EvaluationPanel } from './EvaluationPanel';
import { FeatureMapsPanel } from './FeatureMapsPanel';
import { FiltersPanel } from './FiltersPanel';
import { useProbeRequests } from './useProbeRequests';
import './insights.css';

export function InsightsSection() {
  const images = useAppStore((s) => s.spec.data.dataset !== 'toy');
  // Drawing makes a digit; a colour photo is not drawn by hand.
  const digits = useAppStore((s) => s.spec.data.dataset === 'mnist');
  useProbeRequests(images);
  if (!images) return null;
  return (
    <div className="insights" data-testid="insights">
      <FeatureMapsPanel />
      <FiltersPanel />
      {digits && <DrawPanel />}
      <EvaluationPanel />
    </div>
  );
}
