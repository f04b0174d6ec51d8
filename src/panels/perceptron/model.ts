/**
 * The perceptron panel's state machine (a pure reducer, so Step / Play / Epoch share one code
 * path and the panel stays a thin view).
 */
import {
  initialState,
  presetPoints,
  trainStep,
  type LabeledPoint,
  type Params,
  type PerceptronActivation,
  type Preset,
  type TrainState,
  type Update,
} from '../../ml/teach/perceptron';

/** After this many passes without convergence the panel says whether it ever will. */
export const NON_CONVERGENCE_EPOCHS = 10;
/** Play pauses by itself here, so a forgotten XOR run doesn't spin forever. */
export const MAX_PLAY_EPOCHS = 1000;

export interface PState {
  preset: Preset;
  seed: number;
  points: LabeledPoint[];
  /** How many of `points` the reader added. */
  added: number;
  act: PerceptronActivation;
  lr: number;
  /** The weights Reset returns to. */
  start: Params;
  train: TrainState;
  last: Update | null;
  playing: boolean;
}

export type PAction =
  | { type: 'steps'; n: number }
  | { type: 'epoch' }
  | { type: 'play' }
  | { type: 'pause' }
  | { type: 'reset' }
  | { type: 'param'; key: keyof Params; value: number }
  | { type: 'preset'; preset: Preset; seed?: number }
  | { type: 'act'; act: PerceptronActivation }
  | { type: 'lr'; lr: number }
  | { type: 'add'; point: LabeledPoint }
  | { type: 'clearAdded' };

export function init(o: { preset: Preset; seed: number; act: PerceptronActivation; lr: number; start: Params }): PState {
  return { ...o, points: presetPoints(o.preset, o.seed), added: 0, train: initialState(o.start), last: null, playing: false };
}

/** Counting restarts when the data or the encoding change; the weights stay where they are. */
const restartCount = (s: PState, params = s.train.params): PState => ({ ...s, train: initialState(params), last: null });

function run(s: PState, maxSteps: number, untilEndOfPass: boolean): PState {
  let train = s.train;
  let last = s.last;
  for (let i = 0; i < maxSteps && s.points.length > 0; i++) {
    const r = trainStep(train, s.points, s.act, s.lr);
    train = r.state;
    last = r.update;
    if (untilEndOfPass && train.next === 0) break;
    if (s.playing && train.converged) break;
  }
  const stop = train.converged || train.epoch >= MAX_PLAY_EPOCHS;
  return { ...s, train, last, playing: s.playing && !stop };
}

export function reducer(s: PState, a: PAction): PState {
  switch (a.type) {
    case 'steps':
      return run(s, a.n, false);
    case 'epoch':
      return run(s, s.points.length, true);
    case 'play':
      return s.points.length ? { ...s, playing: true } : s;
    case 'pause':
      return { ...s, playing: false };
    case 'reset':
      return { ...restartCount(s, s.start), playing: false };
    case 'param':
      return restartCount(s, { ...s.train.params, [a.key]: a.value });
    case 'preset': {
      const seed = a.seed ?? s.seed;
      return { ...s, preset: a.preset, seed, points: presetPoints(a.preset, seed), added: 0, train: initialState(s.start), last: null, playing: false };
    }
    case 'act':
      return restartCount({ ...s, act: a.act });
    case 'lr':
      return { ...s, lr: a.lr };
    case 'add':
      return restartCount({ ...s, points: [...s.points, a.point], added: s.added + 1 });
    case 'clearAdded':
      return restartCount({ ...s, points: s.points.slice(0, s.points.length - s.added), added: 0 });
  }
}
