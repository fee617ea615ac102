// An edge of the canvas, labelled with the tensor shape it carries (and, into a merge, the
// input slot it fills). Clicking the label selects the edge, so it can be deleted.
import {
  BaseEdge,
  EdgeLabelRenderer,
  getBezierPath,
  getSmoothStepPath,
  type EdgeProps,
} from '@xyflow/react';
import { memo } from 'react';
import { useAppStore } from '../store/store';
import type { ShapeFlowEdge } from './flowElements';

export const ShapeEdge = memo(function ShapeEdge(props: EdgeProps<ShapeFlowEdge>) {
  const { id, source, target, data, selected, markerEnd } = props;
  // An edge that climbs (from the foot of one column of a wrapped layout to the head of the
  // next) runs in right angles through the gap between the columns; a curve would cut
  // across the nodes.
  const climbs = props.targetY < props.sourceY;
  const [path, labelX, labelY] = climbs
    ? getSmoothStepPath({ ...props, borderRadius: 8, offset: 16 })
    : getBezierPath(props);
  const select = (additive: boolean) => {
    const store = useAppStore.getState();
    store.setSelection(
      additive
        ? { nodes: store.selectedNodeIds, edges: [...store.selectedEdgeIds, id] }
        : { edges: [id] },
    );
  };
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} className={selected ? 'selected' : ''} />
      {data && (
        <EdgeLabelRenderer>
          <button
            type="button"
            className={selected ? 'edge-label nodrag nopan selected' : 'edge-label nodrag nopan'}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            data-testid={`edge-${source}-${target}`}
            title={`${source} → ${target}: ${data.shape} per sample (click, then Delete to remove)`}
            onClick={(e) => select(e.shiftKey || e.metaKey || e.ctrlKey)}
          >
            {data.slot !== null && <span className="edge-slot">#{data.slot}</span>}
            {data.shape}
          </button>
        </EdgeLabelRenderer>
      )}
    </>
  );
});
