import crypto from 'node:crypto';

export interface QuizOption {
  id: string;
  text: string;
}
export interface BankQuestion {
  id: string;
  kind: 'single' | 'multiple';
  prompt: string;
  options: QuizOption[];
  correct: string[];
  explanation: string | null;
}
/** How one attempt shows the bank: questions and, inside each, options in their own shuffled order. */
export type QuestionOrder = { questionId: string; optionIds: string[] }[];
/** questionId → the option ids the member chose. */
export type Answers = Record<string, string[]>;

/** Fisher–Yates with a cryptographic source: members cannot predict (or share) an order. */
export function shuffle<T>(items: readonly T[], randomInt: (max: number) => number = crypto.randomInt): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

export function drawOrder(bank: readonly BankQuestion[], randomInt?: (max: number) => number): QuestionOrder {
  return shuffle(bank, randomInt).map((q) => ({
    questionId: q.id,
    optionIds: shuffle(
      q.options.map((o) => o.id),
      randomInt,
    ),
  }));
}

/** The questions as the member sees them: in the attempt's order, without answers. */
export function presentQuestions(bank: readonly BankQuestion[], order: QuestionOrder) {
  const byId = new Map(bank.map((q) => [q.id, q]));
  return order.flatMap(({ questionId, optionIds }) => {
    const q = byId.get(questionId);
    if (!q) return [];
    const options = new Map(q.options.map((o) => [o.id, o]));
    return [
      {
        id: q.id,
        kind: q.kind,
        prompt: q.prompt,
        options: optionIds.flatMap((id) => (options.has(id) ? [options.get(id)!] : [])),
      },
    ];
  });
}

/** A question counts only when the chosen set is exactly the correct set (all right options, no wrong one). */
export function isCorrect(q: Pick<BankQuestion, 'correct'>, chosen: readonly string[]): boolean {
  const picked = new Set(chosen);
  return picked.size === q.correct.length && q.correct.every((c) => picked.has(c));
}

export interface Score {
  correctCount: number;
  questionCount: number;
  /** Percentage rounded down, so "score ≥ pass mark" and "passed" always agree. */
  score: number;
  passed: boolean;
}

export function scoreAnswers(
  bank: readonly BankQuestion[],
  order: QuestionOrder,
  answers: Answers,
  passMark: number,
): Score {
  const byId = new Map(bank.map((q) => [q.id, q]));
  const questionCount = order.length;
  const correctCount = order.filter(({ questionId }) => {
    const q = byId.get(questionId);
    return q ? isCorrect(q, answers[questionId] ?? []) : false;
  }).length;
  const score = questionCount ? Math.floor((correctCount * 100) / questionCount) : 0;
  return { correctCount, questionCount, score, passed: correctCount * 100 >= passMark * questionCount };
}
