// Makes sure a Chromium exists for Playwright. Debian's `chromium` is installed when missing
// and we can (root + apt-get); otherwise we stop with a clear message. CHROMIUM_PATH overrides.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (existsSync(path)) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
let hasApt = false;
try {
  execSync('command -v apt-get', { stdio: 'ignore' });
  hasApt = true;
} catch {
  hasApt = false;
}
if (!process.env.CHROMIUM_PATH && isRoot && hasApt) {
  console.log('ensure-chromium: /usr/bin/chromium not found; installing Debian chromium (and CJK fonts)…');
  execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk', { stdio: 'inherit' });
  if (existsSync(path)) process.exit(0);
}
console.error(
  `\nensure-chromium: no Chromium at ${path}.\n` +
    `  Install it (Debian/Ubuntu: sudo apt-get install chromium fonts-noto-cjk),\n` +
    `  or point CHROMIUM_PATH at a Chromium/Chrome binary, then run npm test again.\n`,
);
process.exit(1);
