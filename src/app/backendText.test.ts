import { describe, expect, it } from 'vitest';
import { badgeExplanation, badgeText, probeLine } from './backendText';

const engine = {
  status: 'ready' as const,
  backend: 'wasm' as const,
  reason: 'fastest',
  data: null,
  error: null,
  probes: [
    { name: 'webgpu' as const, ok: false, why: 'no-adapter' as const, error: 'WebGPU found no graphics adapter' },
    { name: 'webgl' as const, ok: false, why: 'software' as const },
    { name: 'wasm' as const, ok: true, imagesPerSec: 1396.4 },
  ],
};

describe('backend badge words', () => {
  it('names the backend in plain words, not "engine idle"', () => {
    expect(badgeText(engine, 'en')).toBe('Training runs on: WebAssembly (fast CPU)');
    expect(badgeText(engine, 'zh')).toBe('训练运行在：WebAssembly（快速 CPU）');
    expect(badgeText({ status: 'idle', backend: null }, 'en')).toBe('Training runs on: not chosen yet');
    expect(badgeText({ status: 'idle', backend: null }, 'zh')).not.toMatch(/引擎/);
  });
  it('explains why, with each tried backend and its reason', () => {
    const en = badgeExplanation(engine, 'en');
    expect(en.why).toMatch(/fastest/);
    expect(en.probes).toEqual([
      'WebGPU (graphics card): this browser has WebGPU but found no graphics card to use',
      expect.stringMatching(/^WebGL \(graphics card\): the "graphics card" is emulated/),
      'WebAssembly (fast CPU): 1,396 images per second, in use',
    ]);
    expect(badgeExplanation(engine, 'zh').probes[2]).toBe('WebAssembly（快速 CPU）：每秒 1,396 张图，正在使用');
  });
  it('an old probe without a code still reads as unsupported', () => {
    expect(probeLine({ name: 'webgpu', ok: false, error: 'x' }, 'en', false)).toBe('WebGPU (graphics card): this browser does not support it');
  });
});
