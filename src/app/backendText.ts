/**
 * Plain words for the compute backend: which one trains, why, and why the others were not
 * used. Shown in the top-bar chip and its explanation (BackendBadge.tsx).
 */
import type { EngineSlice } from '../state/slices/engine';
import { formatNumber } from '../ui/formatNumber';
import type { BackendName, BackendProbe, ProbeWhy } from '../worker/protocol';
import { fmt, type Lang, type TextTable } from './i18n';

export const BACKEND_NAME: TextTable<BackendName> = {
  zh: { webgpu: 'WebGPU（显卡）', webgl: 'WebGL（显卡）', wasm: 'WebAssembly（快速 CPU）', cpu: '纯 JavaScript（慢速 CPU）' },
  en: { webgpu: 'WebGPU (graphics card)', webgl: 'WebGL (graphics card)', wasm: 'WebAssembly (fast CPU)', cpu: 'plain JavaScript (slow CPU)' },
};

type Key =
  | 'runsOn' | 'idle' | 'starting' | 'error' | 'title' | 'intro' | 'idleWhy' | 'startingWhy' | 'errorWhy'
  | 'fastest' | 'cached' | 'chosen' | 'fallback' | 'tried' | 'speed' | 'inUse' | ProbeWhy;

export const BACKEND_TEXT: TextTable<Key> = {
  zh: {
    runsOn: '训练运行在：{b}', idle: '训练运行在：尚未选定', starting: '训练运行在：正在测试…', error: '训练引擎出错', title: '训练在哪里计算',
    intro: '网络就在你的浏览器里训练，什么都不会上传。浏览器有几种计算方式；第一次训练时，本站会逐一试跑几步，选最快的那个。',
    idleWhy: '开始训练时会选定一种。', startingWhy: '正在逐一试跑，最多几秒钟。', errorWhy: '训练引擎没能启动：',
    fastest: '选它是因为它在这台电脑上实测最快。', cached: '选它是因为上次在这个浏览器里实测它最快（结果已记住）。',
    chosen: '这是你自己选的。', fallback: '你选的那种在这里用不了，所以自动换成了能用的最快的一种。',
    tried: '试过的计算方式：', speed: '每秒 {n} 张图', inUse: '正在使用',
    unsupported: '这个浏览器不支持', 'no-adapter': '浏览器支持 WebGPU，但没有找到可用的显卡', software: '“显卡”其实是用 CPU 模拟的，比 WebAssembly 慢得多，所以跳过',
    'cannot-train': '缺少训练需要的运算，无法训练', failed: '启动了但试跑失败',
  },
  en: {
    runsOn: 'Training runs on: {b}', idle: 'Training runs on: not chosen yet', starting: 'Training runs on: testing…', error: 'Training engine failed', title: 'Where training computes',
    intro: 'Your browser trains the network itself; nothing is uploaded. Browsers can compute in several ways; the first time you train, NN Lab runs a few steps on each and keeps the fastest.',
    idleWhy: 'One is chosen when you start training.', startingWhy: 'Trying each one for a moment, a few seconds at most.', errorWhy: 'The training engine could not start: ',
    fastest: 'Chosen because it measured fastest on this computer.', cached: 'Chosen because it measured fastest in this browser last time (the result is remembered).',
    chosen: 'You chose this one.', fallback: 'The one you chose does not work here, so the fastest one that does took over.',
    tried: 'Ways of computing tried:', speed: '{n} images per second', inUse: 'in use',
    unsupported: 'this browser does not support it', 'no-adapter': 'this browser has WebGPU but found no graphics card to use', software: 'the "graphics card" is emulated on the CPU, much slower than WebAssembly, so it was skipped',
    'cannot-train': 'it lacks an operation that training needs', failed: 'it started but failed a trial run',
  },
};

/** The chip's words: "Training runs on: WebAssembly (fast CPU)". */
export function badgeText(engine: Pick<EngineSlice['engine'], 'status' | 'backend'>, lang: Lang): string {
  const t = BACKEND_TEXT[lang];
  if (engine.status === 'ready' && engine.backend) return fmt(t.runsOn, { b: BACKEND_NAME[lang][engine.backend] });
  return t[engine.status === 'ready' ? 'idle' : engine.status];
}

/** One line per backend tried: its speed, or why it is not used. */
export function probeLine(p: BackendProbe, lang: Lang, inUse: boolean): string {
  const t = BACKEND_TEXT[lang];
  const name = BACKEND_NAME[lang][p.name];
  const sep = lang === 'zh' ? '：' : ': ';
  if (p.ok) {
    const parts = [p.imagesPerSec ? fmt(t.speed, { n: formatNumber(p.imagesPerSec, lang, { maximumFractionDigits: 0 }) }) : '', inUse ? t.inUse : ''].filter(Boolean);
    return parts.length ? `${name}${sep}${parts.join(lang === 'zh' ? '，' : ', ')}` : name;
  }
  return `${name}${sep}${t[p.why ?? 'unsupported']}`;
}

/** The explanation under the chip, as paragraphs and a list. */
export function badgeExplanation(engine: EngineSlice['engine'], lang: Lang): { why: string; probes: string[] } {
  const t = BACKEND_TEXT[lang];
  let why = t.idleWhy;
  if (engine.status === 'starting') why = t.startingWhy;
  if (engine.status === 'error') why = `${t.errorWhy}${engine.error?.detail ?? ''}`;
  if (engine.status === 'ready' && engine.reason && engine.reason in t) why = t[engine.reason as 'fastest'];
  const probes = engine.probes.map((p) => probeLine(p, lang, engine.status === 'ready' && p.name === engine.backend && p.ok));
  return { why, probes };
}
