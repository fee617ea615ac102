// Where the t-SNE map of the 500 most frequent words goes. The map itself (src/ui/tsne/) is being
// built separately; until it lands this says so rather than drawing something else.
export function EmbeddingMapSlot() {
  return (
    <section
      className="panel words-map"
      aria-label="Embedding map"
      data-testid="embedding-map-slot"
    >
      <h2 className="panel-title">Map of the 500 most frequent words (t-SNE)</h2>
      <p className="words-muted">
        Not built yet: the t-SNE view will show the vectors of the 500 most frequent words here,
        re-laid out as training goes on. The vectors are already available from the words worker (
        <code>vectors(500)</code>).
      </p>
    </section>
  );
}
