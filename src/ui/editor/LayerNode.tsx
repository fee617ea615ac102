// One node of the canvas: its op and id, its output shape, parameter count and FLOPs, live from
// shape inference, and its problems. Merge nodes get one input handle per ordered input slot.
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { isLossOp } from '../../engine/spec/ops';
import type { LayerFlowNode } from './flowElements';
import { SOURCE_HANDLE, targetHandle } from './flowElements';
import { formatFlops, formatParams, formatShape } from './format';
import { isMergeOp } from './graphEdits';
import { opHelp } from './opHelp';

function InputHandles({ slots, merge }: { slots: number; merge: boolean }) {
  if (slots === 0) return null;
  if (!merge) return <Handle type="target" position={Position.Top} id={targetHandle(null)} />;
  return (
    <>
      {Array.from({ length: slots }, (_, i) => (
        <Handle
          key={i}
          type="target"
          position={Position.Top}
          id={targetHandle(i)}
          className="merge-handle"
          style={{ left: `${((i + 1) / (slots + 1)) * 100}%` }}
          title={i === slots - 1 ? `Connect input ${i + 1} here` : `Input ${i + 1}`}
        >
          <span className="merge-handle-label" aria-hidden="true">
            {i + 1}
          </span>
        </Handle>
      ))}
    </>
  );
}

export const LayerNode = memo(function LayerNode({ data, selected }: NodeProps<LayerFlowNode>) {
  const { node, info, errors, warnings, inputSlots } = data;
  const help = opHelp[node.op];
  const classes = ['layer-node', `group-${help.group}`];
  if (errors.length > 0) classes.push('has-error');
  else if (warnings.length > 0) classes.push('has-warning');
  if (selected) classes.push('selected');
  return (
    <div
      className={classes.join(' ')}
      data-testid={`node-${node.id}`}
      data-op={node.op}
      title={`${help.title}: ${help.formula}`}
    >
      <InputHandles slots={inputSlots} merge={isMergeOp(node.op)} />
      <div className="layer-node-head">
        <span className="layer-node-op">{help.title}</span>
        <span className="layer-node-id">{node.id}</span>
        {info && (
          <span className="layer-node-shape" data-testid="node-shape">
            {formatShape(info.shape)}
          </span>
        )}
        {errors.length > 0 && (
          <span
            className="layer-node-badge error"
            data-testid="node-error"
            role="img"
            aria-label={`${errors.length} error${errors.length > 1 ? 's' : ''}`}
            title={errors.join('\n')}
          >
            !
          </span>
        )}
        {errors.length === 0 && warnings.length > 0 && (
          <span
            className="layer-node-badge warning"
            role="img"
            aria-label="warning"
            title={warnings.join('\n')}
          >
            !
          </span>
        )}
      </div>
      {errors.length > 0 ? (
        <div className="layer-node-error" data-testid="node-error-message">
          {errors[0].replace(/^[^:]*#[^:]*: /, '')}
        </div>
      ) : info ? (
        <div className="layer-node-stats">
          <span data-testid="node-params">{formatParams(info.paramCount)}</span>
          <span aria-hidden="true"> · </span>
          <span data-testid="node-flops">{formatFlops(info.flops)}</span>
        </div>
      ) : (
        <div className="layer-node-stats muted">shape unknown until its input is fixed</div>
      )}
      {!isLossOp(node.op) && <Handle type="source" position={Position.Bottom} id={SOURCE_HANDLE} />}
    </div>
  );
});
