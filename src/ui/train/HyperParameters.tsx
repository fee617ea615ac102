// The training recipe's hyper-parameters (issue 4, being built).
export function HyperParameters() {
  return null;
}
