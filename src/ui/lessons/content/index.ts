// Every lesson, in the order the gallery lists them: validated when the app starts, so a lesson
// that breaks its schema is left out with a console error (and fails the unit tests).
import { parseLesson, type Lesson, type LessonInput } from '../lessonSchema';
import { backpropLesson } from './backprop';
import { colorImagesLesson } from './colorImages';
import { convnetsLesson } from './convnets';
import { learningRatesLesson } from './learningRates';
import { perceptronLesson } from './perceptron';
import { regularisationLesson } from './regularisation';
import { representationsLesson } from './representations';
import { saddlePointsLesson } from './saddlePoints';
import { whyReluLesson } from './whyRelu';
import { wordsAsVectorsLesson } from './wordsAsVectors';

export const LESSON_INPUTS: readonly LessonInput[] = [
  perceptronLesson,
  backpropLesson,
  whyReluLesson,
  learningRatesLesson,
  saddlePointsLesson,
  convnetsLesson,
  regularisationLesson,
  colorImagesLesson,
  wordsAsVectorsLesson,
  representationsLesson,
];

export const LESSONS: readonly Lesson[] = LESSON_INPUTS.flatMap((input) => {
  const result = parseLesson(input);
  if (result.ok) return [result.lesson];
  console.error(`Lesson ${input.id} is invalid and was left out: ${result.errors.join('; ')}`);
  return [];
});

export function findLesson(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}
