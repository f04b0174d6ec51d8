// Copies tfjs-backend-wasm's .wasm binaries into public/tfjs-wasm/ (ignored by git) so the
// site serves them itself: no CDN at run time, and the files always match the installed JS.
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const dist = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
const out = join(process.cwd(), 'public', 'tfjs-wasm');
mkdirSync(out, { recursive: true });
for (const f of readdirSync(dist).filter((n) => n.endsWith('.wasm'))) copyFileSync(join(dist, f), join(out, f));
