// The noise distribution of negative sampling: word w drawn with probability ∝ count(w)^0.75
// (Mikolov et al. 2013), as word2vec's unigram table: `size` slots, each word filling a share
// of them proportional to its smoothed frequency, so a draw is one uniform index.

export function negativeTable(counts: Float64Array, size = 1_000_000, power = 0.75): Int32Array {
  const table = new Int32Array(size);
  const V = counts.length;
  if (V === 0) return table;
  let total = 0;
  for (let i = 0; i < V; i++) total += Math.pow(counts[i], power);
  let w = 0;
  let cumulative = Math.pow(counts[0], power) / total;
  for (let a = 0; a < size; a++) {
    table[a] = w;
    if ((a + 1) / size > cumulative && w < V - 1) {
      w++;
      cumulative += Math.pow(counts[w], power) / total;
    }
  }
  return table;
}
