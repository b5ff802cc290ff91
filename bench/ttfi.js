// node bench/ttfi.js MODE URL: one cold visit in Debian's Chromium (fresh browser, empty cache), printing
//   MODE=image:  "ttfi_ms N"   time from navigation start until a cornerstone viewport shows the image
//                              (more than 2000 sampled pixels not black), read every 100 ms
//   MODE=volume: "volume_ms N painted_ms P frames K": time from navigation start until the last of the
//                              volume's frame requests (/frames/) has arrived (K >= 64 of them), and until
//                              the MPR layout's four viewports are painted (more than 1000 samples not black)
// Self-signed HTTPS certificates are accepted (the bench's own).
const { chromium } = require('playwright-core');
(async () => {
  const [mode, url] = process.argv.slice(2);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--enable-unsafe-swiftshader',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  const page = await browser.newPage({ viewport: { width: 900, height: 650 }, ignoreHTTPSErrors: true });
  await page.goto(url, { waitUntil: 'commit' });
  const deadline = Date.now() + 180000;
  let out = null;
  while (!out && Date.now() < deadline) {
    out = await page.evaluate((mode) => {
      const bright = [];
      for (const c of document.querySelectorAll('canvas.cornerstone-canvas')) {
        if (!c.width || !c.height) continue;
        const d = c.getContext('2d', { willReadFrequently: true }).getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 0; i < d.length; i += 28) if (d[i] > 16 || d[i + 1] > 16 || d[i + 2] > 16) n++;
        bright.push(n);
      }
      const now = Math.round(performance.now());
      if (mode === 'image') return bright.some((n) => n > 2000) ? `ttfi_ms ${now}` : null;
      // volume: every frame arrived, and the layout's four viewports painted
      window.__painted = window.__painted || (bright.filter((n) => n > 1000).length >= 4 ? now : 0);
      const f = performance.getEntriesByType('resource').filter((e) => e.name.includes('/frames/') && e.responseEnd > 0);
      return f.length >= 64 && window.__painted
        ? `volume_ms ${Math.round(Math.max(...f.map((e) => e.responseEnd)))} painted_ms ${window.__painted} frames ${f.length}` : null;
    }, mode);
    if (!out) await page.waitForTimeout(mode === 'volume' ? 500 : 100);
  }
  await browser.close();
  if (!out) { console.error(`no result within 180 s for ${url}`); process.exit(1); }
  console.log(out);
})().catch((e) => { console.error(e); process.exit(1); });
