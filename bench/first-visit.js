// node bench/first-visit.js URL: loads the page in Debian's Chromium with an empty cache, waits until the
// network is idle, prints "URL requests N bytes B" with B = the sum of transferSize (headers + encoded body).
const { chromium } = require('playwright-core');
const fs = require('fs');
const os = require('os');
const path = require('path');
(async () => {
  const url = process.argv[2];
  const udd = fs.mkdtempSync(path.join(os.tmpdir(), 'ohif-bench-'));
  const ctx = await chromium.launchPersistentContext(udd, {
    executablePath: '/usr/bin/chromium', headless: true, viewport: { width: 1400, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--enable-unsafe-swiftshader'],
  });
  const page = ctx.pages()[0] || (await ctx.newPage());
  await page.goto(url, { waitUntil: 'networkidle', timeout: 60000 });
  await page.waitForTimeout(2000);
  const r = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const res = performance.getEntriesByType('resource');
    return { n: res.length + 1, bytes: res.reduce((s, e) => s + e.transferSize, nav.transferSize) };
  });
  console.log(`${url} requests ${r.n} bytes ${r.bytes}`);
  await ctx.close();
  fs.rmSync(udd, { recursive: true, force: true });
})().catch((e) => { console.error(e); process.exit(1); });
