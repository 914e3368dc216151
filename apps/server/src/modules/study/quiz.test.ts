import { describe, expect, it } from 'vitest';
import { type BankQuestion, drawOrder, isCorrect, presentQuestions, scoreAnswers, shuffle } from './quiz.ts';

const q = (id: string, kind: 'single' | 'multiple', correct: string[], n = 4): BankQuestion => ({
  id,
  kind,
  prompt: `Câu ${id}`,
  options: 'abcdef'
    .slice(0, n)
    .split('')
    .map((o) => ({ id: o, text: `Phương án ${o}` })),
  correct,
  explanation: null,
});

describe('isCorrect', () => {
  it('multiple choice: every right option and no wrong one', () => {
    const m = q('1', 'multiple', ['a', 'c']);
    expect(isCorrect(m, ['c', 'a'])).toBe(true);
    expect(isCorrect(m, ['a'])).toBe(false);
    expect(isCorrect(m, ['a', 'b', 'c'])).toBe(false);
    expect(isCorrect(m, [])).toBe(false);
    expect(isCorrect(m, ['a', 'a'])).toBe(false);
  });
});

describe('scoreAnswers', () => {
  const bank = [q('1', 'single', ['a']), q('2', 'single', ['b']), q('3', 'multiple', ['a', 'b'])];
  const order = bank.map((x) => ({ questionId: x.id, optionIds: x.options.map((o) => o.id) }));
  it('rounds down, so the shown score and "passed" agree at the pass mark', () => {
    // 2 of 3 = 66.67 %: shown 66, below a pass mark of 67, at a pass mark of 66
    const answers = { '1': ['a'], '2': ['b'], '3': ['a'] };
    expect(scoreAnswers(bank, order, answers, 67)).toEqual({
      correctCount: 2,
      questionCount: 3,
      score: 66,
      passed: false,
    });
    expect(scoreAnswers(bank, order, answers, 66).passed).toBe(true);
    expect(scoreAnswers(bank, order, { ...answers, '3': ['b', 'a'] }, 100)).toMatchObject({
      score: 100,
      passed: true,
    });
    expect(scoreAnswers(bank, order, {}, 1)).toMatchObject({ score: 0, passed: false });
  });
});

describe('shuffle and drawOrder', () => {
  it('is a permutation and follows the random source', () => {
    const items = ['a', 'b', 'c', 'd', 'e'];
    expect(shuffle(items, () => 0)).toEqual(['b', 'c', 'd', 'e', 'a']);
    expect(shuffle(items, (max) => max - 1)).toEqual(items);
    expect(shuffle(items).sort()).toEqual(items);
  });

  it('reaches every order of three items about equally (cryptographic source)', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 6000; i++) {
      const k = shuffle(['x', 'y', 'z']).join('');
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    // expected 1000 each; ±150 is more than 4.5 standard deviations (σ ≈ 29)
    for (const n of counts.values()) expect(Math.abs(n - 1000)).toBeLessThan(150);
  });

  it('presents questions in the drawn order, options too, without answers', () => {
    const bank = [q('1', 'single', ['a']), q('2', 'multiple', ['a', 'd'], 5)];
    const order = drawOrder(bank, (max) => max - 1 - (max > 1 ? 1 : 0));
    const shown = presentQuestions(bank, order);
    expect(shown.map((s) => s.id)).toEqual(order.map((o) => o.questionId));
    for (const s of shown) {
      expect(s.options.map((o) => o.id)).toEqual(order.find((o) => o.questionId === s.id)!.optionIds);
      expect(Object.keys(s).sort()).toEqual(['id', 'kind', 'options', 'prompt']);
    }
  });
});
