// The data set and its preview (issue 4, being built).
export function DataPanel() {
  return null;
}
