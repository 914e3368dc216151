import { useCallback, useEffect, useRef, useState } from 'react';
import { speechChunks } from './paragraphs.ts';

export type SpeechState = 'idle' | 'speaking' | 'paused' | 'done';

const supported = () =>
  typeof window !== 'undefined' && 'speechSynthesis' in window && 'SpeechSynthesisUtterance' in window;
const isVietnamese = (v: SpeechSynthesisVoice) => /^vi([-_]|$)/i.test(v.lang);

function useVietnameseVoice(): {
  voice: SpeechSynthesisVoice | null;
  find: () => SpeechSynthesisVoice | null;
} {
  const [voice, setVoice] = useState<SpeechSynthesisVoice | null>(null);
  const find = useCallback(() => {
    if (!supported()) return null;
    const voices = window.speechSynthesis.getVoices();
    // a voice on the phone itself works without a network; prefer it
    const found =
      voices.find((v) => isVietnamese(v) && v.localService) ?? voices.find((v) => isVietnamese(v)) ?? null;
    setVoice(found);
    return found;
  }, []);
  useEffect(() => {
    if (!supported()) return;
    find();
    // voices arrive late on Chrome and Android
    window.speechSynthesis.addEventListener('voiceschanged', find);
    return () => window.speechSynthesis.removeEventListener('voiceschanged', find);
  }, [find]);
  return { voice, find };
}

/**
 * Reads paragraphs aloud one at a time with the browser's speech synthesis. "Pause" stops and
 * remembers the paragraph, "Continue" starts that paragraph again: speechSynthesis.pause() does nothing
 * or cancels on Android, so it is not used. A long paragraph is spoken in pieces (some engines stop
 * after ~15 s of one utterance). `noVoice` turns true when reading started without a Vietnamese voice.
 */
export function useReadAloud(paragraphs: string[]) {
  const [state, setState] = useState<SpeechState>('idle');
  const [index, setIndex] = useState(0);
  const [noVoice, setNoVoice] = useState(false);
  const { voice, find } = useVietnameseVoice();
  /** Each start or stop gets a new number; events of older utterances are ignored. */
  const run = useRef(0);

  const speakFrom = useCallback(
    (start: number, chosen: SpeechSynthesisVoice | null) => {
      const synth = window.speechSynthesis;
      const mine = ++run.current;
      if (synth.speaking || synth.pending) synth.cancel();
      const say = (p: number, pieces: string[], piece: number) => {
        const text = pieces[piece];
        if (text === undefined) {
          if (p + 1 < paragraphs.length) {
            setIndex(p + 1);
            say(p + 1, speechChunks(paragraphs[p + 1]!), 0);
          } else {
            setState('done');
            setIndex(0);
          }
          return;
        }
        const u = new SpeechSynthesisUtterance(text);
        u.lang = chosen?.lang ?? 'vi-VN';
        if (chosen) u.voice = chosen;
        u.rate = 0.95;
        u.onend = () => {
          if (run.current === mine) say(p, pieces, piece + 1);
        };
        u.onerror = (e) => {
          if (run.current !== mine || e.error === 'interrupted' || e.error === 'canceled') return;
          run.current++;
          setState('idle');
        };
        synth.speak(u);
      };
      setIndex(start);
      setState('speaking');
      // synchronously within the tap: iOS speaks only what a gesture started
      say(start, speechChunks(paragraphs[start] ?? ''), 0);
    },
    [paragraphs],
  );

  const start = useCallback(() => {
    if (!paragraphs.length) return;
    const chosen = voice ?? find();
    setNoVoice(!chosen);
    speakFrom(0, chosen);
  }, [paragraphs, voice, find, speakFrom]);

  const resume = useCallback(() => speakFrom(index, voice), [index, voice, speakFrom]);

  const halt = useCallback((next: SpeechState) => {
    run.current++;
    window.speechSynthesis.cancel();
    setState(next);
  }, []);
  const pause = useCallback(() => halt('paused'), [halt]);
  const stop = useCallback(() => {
    halt('idle');
    setIndex(0);
  }, [halt]);

  // leaving the page stops the voice
  useEffect(
    () => () => {
      if (!supported()) return;
      run.current++;
      window.speechSynthesis.cancel();
    },
    [],
  );

  return { supported: supported(), state, index, noVoice, start, pause, resume, stop };
}
