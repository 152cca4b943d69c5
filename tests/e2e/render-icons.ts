// Renders the app's PNG icons from their SVG sources with Chromium (no image tools needed):
//   cd tests/e2e && npx tsx render-icons.ts
// The PNGs are committed; run this again only when an SVG changes.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumPath } from './environment';

const pub = path.resolve(import.meta.dirname, '../../apps/web/public');
const favicon = readFileSync(path.join(pub, 'favicon.svg'), 'utf8');
const maskable = readFileSync(path.join(pub, 'icons/maskable.svg'), 'utf8');
const outputs: [string, string, number][] = [
  [favicon, 'favicon.png', 32],
  [favicon, 'apple-touch-icon.png', 180],
  [favicon, 'icons/icon-192.png', 192],
  [favicon, 'icons/icon-512.png', 512],
  [maskable, 'icons/maskable-512.png', 512],
];

const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
const page = await browser.newPage();
for (const [svg, file, size] of outputs) {
  await page.setViewportSize({ width: size, height: size });
  const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
  await page.setContent(
    `<html><body style="margin:0;background:transparent"><img src="${src}" width="${size}" height="${size}"></body></html>`,
  );
  writeFileSync(path.join(pub, file), await page.screenshot({ omitBackground: true, type: 'png' }));
}
await browser.close();
