#!/usr/bin/env node
// One-off: renders the PNG icons of the manifest from the SVGs with headless Chromium
// (node apps/web/scripts/render-icons.mjs). The PNGs are committed in public/icons/.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const icon = fs.readFileSync(here('../public/icons/icon.svg'), 'utf8');
const maskable = fs.readFileSync(here('./icon-maskable.svg'), 'utf8');
const out = here('../public/icons/');

const jobs = [
  { file: 'icon-192.png', svg: icon, size: 192, transparent: true },
  { file: 'icon-512.png', svg: icon, size: 512, transparent: true },
  { file: 'maskable-512.png', svg: maskable, size: 512, transparent: false },
  // iOS rounds the corners itself and shows transparency as black: full bleed
  { file: 'apple-touch-icon-180.png', svg: maskable, size: 180, transparent: false },
];

const executablePath = execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim();
const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
try {
  for (const j of jobs) {
    const page = await browser.newPage({ viewport: { width: j.size, height: j.size } });
    const sized = j.svg.replace('<svg ', `<svg width="${j.size}" height="${j.size}" `);
    await page.setContent(`<html><body style="margin:0;background:transparent">${sized}</body></html>`);
    await page.screenshot({ path: out + j.file, omitBackground: j.transparent });
    await page.close();
    process.stdout.write(`${j.file}\n`);
  }
} finally {
  await browser.close();
}
