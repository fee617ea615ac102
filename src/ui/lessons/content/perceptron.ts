// From the perceptron to hidden layers: a line separates two blobs but not XOR; one hidden
// layer bends the boundary. Measured on the CPU engine (seeds 1–3): the linear model passes
// 95 % on the blobs within 100 steps and stays at 35–65 % on XOR after 400; 2-8-2 tanh passes
// 90 % on XOR within 300 steps; 2-2-2 lands anywhere from 68 to 89 %.
import type { LessonInput } from '../lessonSchema';
import { toyNet } from './toySpecs';

export const perceptronLesson: LessonInput = {
  version: 1,
  id: 'perceptron-to-hidden-layers',
  title: 'From the perceptron to hidden layers',
  summary:
    'A linear classifier separates two blobs but not XOR; one hidden layer bends the boundary and solves it.',
  steps: [
    {
      title: 'A line through the plane',
      text: [
        'The simplest classifier scores each class with a weighted sum of the inputs,',
        '$$z_k = w_k \\cdot x + b_k$$',
        'and picks the larger score. Where the two scores are equal is a **straight line**: the decision boundary of a linear model (the perceptron, or logistic regression).',
        '',
        'The model graph has no hidden layer: `input` goes straight into `output`.',
      ].join('\n'),
      state: {
        kind: 'spec',
        spec: toyNet({
          name: 'Linear classifier on two Gaussian blobs',
          kind: 'gaussians',
          hidden: [],
        }),
      },
      actions: [{ kind: 'scrollTo', target: 'toyView' }],
      tryThis: [
        'Press **Train** and watch the boundary (the colour border) settle between the blobs.',
        'Note the test accuracy the decision-boundary panel shows.',
      ],
      checks: [{ name: 'testAccuracyAbove', value: 0.95 }],
    },
    {
      title: 'XOR: no line will do',
      text: [
        'Now the same model on **XOR**: class A in two opposite quadrants, class B in the other two.',
        'No single line puts both A quadrants on one side and both B quadrants on the other, so a linear model cannot do much better than guessing, however long it trains.',
      ].join('\n'),
      state: {
        kind: 'spec',
        spec: toyNet({ name: 'Linear classifier on XOR', kind: 'xor', hidden: [] }),
      },
      actions: [{ kind: 'scrollTo', target: 'toyView' }],
      tryThis: [
        'Press **Train** and let it run a few hundred steps.',
        'Watch the boundary: it stays a straight line and cuts the quadrants badly.',
      ],
      checks: [
        { name: 'stepsAtLeast', value: 300 },
        { name: 'testAccuracyBelow', value: 0.75 },
      ],
    },
    {
      title: 'One hidden layer',
      text: [
        'Put a **hidden layer** of 8 tanh units between the input and the output:',
        '$$h = \\tanh(W_1 x + b_1), \\qquad z = W_2 h + b_2$$',
        'Each hidden unit is a linear classifier of its own; the output layer combines their bent answers, so the boundary can now curve and close around regions.',
      ].join('\n'),
      state: {
        kind: 'spec',
        spec: toyNet({ name: 'One hidden layer on XOR (2-8-2 tanh)', kind: 'xor', hidden: [8] }),
      },
      actions: [
        { kind: 'highlightNode', nodeId: 'hidden1' },
        { kind: 'scrollTo', target: 'toyView' },
      ],
      tryThis: [
        'Press **Train**; the boundary bends around the quadrants within a few hundred steps.',
        'Compare the test accuracy with the one the linear model reached.',
      ],
      checks: [{ name: 'testAccuracyAbove', value: 0.9 }],
    },
    {
      title: 'What the hidden units see',
      text: [
        'Under the boundary, the panel draws one small map per hidden unit: the value of that unit over the plane. Each one is a tanh of a line, a soft step across the plane.',
        'The output adds these steps up with its weights; XOR needs at least **two** such lines.',
      ].join('\n'),
      actions: [{ kind: 'scrollTo', target: 'toyView' }],
      tryThis: [
        'Look at the hidden-unit maps: can you find units whose lines match the quadrant borders?',
        'Hover the boundary to read what the model predicts at a point.',
      ],
    },
    {
      title: 'Just two hidden units',
      text: [
        'The smallest net that can draw XOR has **two** hidden units. It can, but training does not always find that solution: with so few units, gradient descent may settle in a poorer one.',
      ].join('\n'),
      state: {
        kind: 'spec',
        spec: toyNet({ name: 'Two hidden units on XOR (2-2-2 tanh)', kind: 'xor', hidden: [2] }),
      },
      actions: [{ kind: 'scrollTo', target: 'toyView' }],
      tryThis: [
        'Press **Train** and note the accuracy it reaches after a few hundred steps.',
        'Press **New seed** (under Hyper-parameters) and train again: does another start do better or worse?',
      ],
      checks: [{ name: 'stepsAtLeast', value: 300 }],
    },
  ],
};
