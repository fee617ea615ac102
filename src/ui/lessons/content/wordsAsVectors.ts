// Words as vectors: skip-gram with negative sampling on the State of the Union corpus (233
// addresses, about 1.8 M words), the Words page's own recipe (32 dimensions, window 5, 5
// negatives, lr 0.1, subsampling 1e-4, one epoch, seed 1) on the CPU backend. Measured by the
// Words page's e2e spec: seeds 1–5 each put at least two of WAR_LIKE among the ten neighbours
// of "war" (seed 1: threat, wars, conflict, fighting, struggle). The lesson's walk-through sees
// the same: one epoch reads 847,736 centre words, the neighbours of "war" include threat, wars,
// conflict, fighting and struggle, and a 500-iteration t-SNE of the 500 most frequent words ends
// at a KL divergence of 1.372 (18.5 s for the whole walk-through). The lesson quotes none of it:
// the student reads the page.
import type { LessonInput } from '../lessonSchema';

/** Words about war that the trained neighbours of "war" are measured to include. */
export const WAR_LIKE = [
  'wars',
  'conflict',
  'struggle',
  'threat',
  'victory',
  'fighting',
  'danger',
  'aggression',
  'hostilities',
  'warfare',
  'battle',
  'enemy',
  'peace',
  'military',
];

export const wordsAsVectorsLesson: LessonInput = {
  version: 1,
  id: 'words-as-vectors',
  title: 'Words as vectors',
  summary:
    'Skip-gram learns a vector for every word of 233 State of the Union addresses; near vectors are words used alike, and a − b + c finds analogies.',
  steps: [
    {
      title: 'A word is known by its company',
      text: [
        'Words that appear in the same contexts tend to mean related things. **Skip-gram** turns that into a task: from a centre word $c$, tell the words really near it (within 5 words) from random ones.',
        'Each word has an input vector $v$ and an output vector $u$; the loss for a true pair $(c, o)$ and $k$ random words is $-\\log\\sigma(u_o^\\top v_c) - \\sum_{i=1}^{k}\\log\\sigma(-u_{i}^\\top v_c)$.',
      ].join('\n'),
      actions: [
        { kind: 'showPage', page: 'words' },
        { kind: 'scrollTo', target: 'wordsRun' },
      ],
      tryThis: [
        'Read the corpus panel: how many words, and how many distinct words make the vocabulary?',
        'Read the settings: 32 dimensions, window 5, 5 random words per true pair.',
      ],
    },
    {
      title: 'Train one epoch',
      text: [
        'One epoch reads every word once, as a centre word, except most of the very frequent ones such as “the”, which are skipped at random (subsampling). At the start the output vectors are zero, so the loss is $6 \\ln 2 \\approx 4.16$ per centre word; watch it fall.',
      ].join('\n'),
      actions: [
        { kind: 'showPage', page: 'words' },
        { kind: 'scrollTo', target: 'wordsRun' },
      ],
      tryThis: ['Press **Train** and let the epoch finish (under a minute).'],
      checks: [{ name: 'wordsTrainedAtLeast', words: 800_000 }],
    },
    {
      title: 'Neighbours',
      text: [
        'Two words are near when their vectors point the same way: the **cosine similarity** $\\frac{v_a^\\top v_b}{\\lVert v_a\\rVert\\,\\lVert v_b\\rVert}$ is close to 1. Nobody told the model what any word means; it only saw which words stand together.',
      ].join('\n'),
      actions: [
        { kind: 'showPage', page: 'words' },
        { kind: 'scrollTo', target: 'neighbours' },
      ],
      tryThis: [
        'Read the ten neighbours of `war`: how many are about war?',
        'Try `army`, `peace`, `tax` and a year such as `1941`.',
      ],
      checks: [{ name: 'neighboursInclude', word: 'war', anyOf: WAR_LIKE, atLeast: 2 }],
    },
    {
      title: 'Analogies',
      text: [
        'If directions in the space mean something, $v_a - v_b + v_c$ should land near the word that is to $c$ what $a$ is to $b$. With 32 dimensions and one epoch on 1.8 million words the analogies are weak: judge for yourself which work.',
      ].join('\n'),
      actions: [
        { kind: 'showPage', page: 'words' },
        { kind: 'scrollTo', target: 'analogy' },
      ],
      tryThis: [
        'Read the answers of the analogy shown, then try your own, e.g. `army` − `war` + `peace`.',
        'Put a few words in the similarity matrix and look for blocks of alike words.',
      ],
    },
    {
      title: 'The map',
      text: [
        '**t-SNE** lays the 500 most frequent words out on the plane so that words near in 32 dimensions stay near: groups of numbers, of months, of nations appear. Distances between far groups mean little.',
      ].join('\n'),
      actions: [
        { kind: 'showPage', page: 'words' },
        { kind: 'scrollTo', target: 'wordsMap' },
      ],
      tryThis: [
        'Press **Run** under the map and wait for it to finish (500 iterations are enough).',
        'Search the map for `war` and look at what is around it.',
      ],
      checks: [{ name: 'wordsMapped' }],
    },
  ],
};
