// Group colours of an embedding map: Tableau 10 (distinct for ten classes, such as MNIST's digits),
// repeating past ten; points without a group are grey.
import { schemeTableau10 } from 'd3';

export const UNGROUPED = '#8a94a3';

export function groupColor(g: number): string {
  if (g < 0) return UNGROUPED;
  return schemeTableau10[g % schemeTableau10.length];
}
