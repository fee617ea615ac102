// How the canvas frames the graph. Fit view shows all of it; a freshly loaded model is shown
// at a zoom where its text can still be read, from the top, when all of it would be too small.
import type { ReactFlowInstance } from '@xyflow/react';
import type { LayerFlowNode, ShapeFlowEdge } from './flowElements';

export const FIT_OPTIONS = { padding: 0.12, maxZoom: 1 };
/** Below this zoom the nodes' 12 px text is under 8 px on screen. */
export const READABLE_ZOOM = 0.65;
const MARGIN = 24;

export function fitReadably(
  flow: ReactFlowInstance<LayerFlowNode, ShapeFlowEdge>,
  width: number,
  height: number,
): void {
  const nodes = flow.getNodes();
  if (nodes.length === 0 || width === 0 || height === 0) return;
  const bounds = flow.getNodesBounds(nodes);
  const fits = Math.min(
    (width - 2 * MARGIN) / Math.max(bounds.width, 1),
    (height - 2 * MARGIN) / Math.max(bounds.height, 1),
  );
  if (fits >= READABLE_ZOOM) {
    void flow.fitView(FIT_OPTIONS);
    return;
  }
  const zoom = Math.min(READABLE_ZOOM, (width - 2 * MARGIN) / Math.max(bounds.width, 1));
  void flow.setViewport({
    x: width / 2 - (bounds.x + bounds.width / 2) * zoom,
    y: MARGIN - bounds.y * zoom,
    zoom,
  });
}
