// The help card of an op, on hover or keyboard focus: its formula and when to use it.
import { useId, type ReactNode } from 'react';
import type { OpName } from '../../engine/spec/ops';
import { opHelp } from './opHelp';

export function OpHelpText({ op }: { op: OpName }) {
  const help = opHelp[op];
  return (
    <>
      <code className="op-formula">{help.formula}</code>
      <span className="op-when">{help.whenToUse}</span>
    </>
  );
}

export function OpTooltip({
  op,
  children,
}: {
  op: OpName;
  children: (describedBy: string) => ReactNode;
}) {
  const id = useId();
  return (
    <span className="op-tooltip-anchor">
      {children(id)}
      <span role="tooltip" id={id} className="op-tooltip">
        <strong className="op-tooltip-title">{opHelp[op].title}</strong>
        <OpHelpText op={op} />
      </span>
    </span>
  );
}
