import type { StateCreator } from 'zustand';
import type { Store } from '../store';

export interface QuizAnswer {
  /** 1-based option the reader chose last. */
  choice: number;
  correct: boolean;
}

export interface ProgressSlice {
  progress: {
    /** Chapter slugs the reader has scrolled to the end of. */
    read: Record<string, true>;
    quizzes: Record<string, QuizAnswer>;
  };
  markRead(slug: string): void;
  answerQuiz(id: string, answer: QuizAnswer): void;
  resetProgress(): void;
}

export const createProgressSlice: StateCreator<Store, [], [], ProgressSlice> = (set) => ({
  progress: { read: {}, quizzes: {} },
  markRead: (slug) =>
    set((s) => (s.progress.read[slug] ? s : { progress: { ...s.progress, read: { ...s.progress.read, [slug]: true } } })),
  answerQuiz: (id, answer) =>
    set((s) => ({ progress: { ...s.progress, quizzes: { ...s.progress.quizzes, [id]: answer } } })),
  resetProgress: () => set({ progress: { read: {}, quizzes: {} } }),
});
