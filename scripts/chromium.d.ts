/** Types of scripts/chromium.js (finding, and installing with apt-get, Debian's Chromium). */
export function findChromium(): string | undefined;
export function ensureChromium(): Promise<string>;
