// The decision boundary over a toy 2-D data set (issue 4, being built).
export function ToyView() {
  return null;
}
