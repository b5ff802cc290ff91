// Builds the OHIF part of the WAR from the official @ohif/app npm release.
//
//   node src/build/ohif-dist.mjs <ohif-version> <work-dir> <out-dir>
//
// 1. refuses OHIF versions below 3.12.2 (CVE-2026-12473: ?url= token leak);
// 2. fetches @ohif/app@<version> with `npm pack` into <work-dir> (npm's own cache makes re-runs offline);
// 3. copies dist/ without source maps and hosting helpers;
// 4. makes it prefix-independent ONCE: the same bytes then work under any context path (see
//    the bundles compute their public path at run time from document.currentScript in the page and from
//    self.location in workers, as webpack's publicPath "auto" does). Every patch checks how often its pattern occurs
//    and the build fails loudly when a new OHIF layout no longer matches;
// 5. turns index.html into a template with {{BASE_ATTR}} / {{BASE_JS}} placeholders (rendered per request),
//    and makes the browser send the session cookie for the web app manifest (crossorigin="use-credentials");
// 6. precompresses text assets with gzip and writes ohif-manifest.json (path, type, sizes, ETag), which
//    is also the allow-list of every file the WAR will ever serve under {ctx}/ohif/.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const MIN_VERSION = [3, 12, 2];
const [, , version, workDir, outDir] = process.argv;
if (!version || !workDir || !outDir) fail('usage: ohif-dist.mjs <ohif-version> <work-dir> <out-dir>');

// ---------------------------------------------------------------------------------------------

function fail(msg) {
  console.error(`[ohif-dist] ERROR: ${msg}`);
  process.exit(1);
}

function sha1(buf) {
  return createHash('sha1').update(buf).digest('hex');
}

export function compareVersions(a, b) {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

function checkVersion(v) {
  const m = /^(\d+)\.(\d+)\.(\d+)(-[0-9A-Za-z.-]+)?$/.exec(v);
  if (!m) fail(`ohif.version "${v}" is not an exact release version such as 3.13.2`);
  const parts = [+m[1], +m[2], +m[3]];
  const cmp = compareVersions(parts, MIN_VERSION);
  // a pre-release of 3.12.2 is older than 3.12.2 itself
  if (cmp < 0 || (cmp === 0 && m[4])) {
    fail(`OHIF ${v} is below 3.12.2 and affected by CVE-2026-12473 (OIDC token leak through ?url=); ` +
      'set ohif.version to 3.12.2 or newer');
  }
}

function fetchDist(v, dir) {
  fs.mkdirSync(dir, { recursive: true });
  const tgz = path.join(dir, `ohif-app-${v}.tgz`);
  if (!fs.existsSync(tgz)) {
    console.log(`[ohif-dist] npm pack @ohif/app@${v}`);
    execFileSync('npm', ['pack', `@ohif/app@${v}`, '--pack-destination', dir, '--silent'],
      { stdio: ['ignore', 'ignore', 'inherit'] });
    if (!fs.existsSync(tgz)) fail(`npm pack did not produce ${tgz}`);
  }
  const unpacked = path.join(dir, 'package');
  fs.rmSync(unpacked, { recursive: true, force: true });
  execFileSync('tar', ['-xzf', tgz, '-C', dir]);
  const pkg = JSON.parse(fs.readFileSync(path.join(unpacked, 'package.json'), 'utf8'));
  if (pkg.name !== '@ohif/app' || pkg.version !== v) fail(`unexpected package ${pkg.name}@${pkg.version}`);
  const d = path.join(unpacked, 'dist');
  if (!fs.existsSync(path.join(d, 'index.html'))) fail('the npm package has no dist/index.html');
  return d;
}

// Hosting helpers of other servers (Netlify, `serve`), source maps and OHIF's demo config are left out;
// app-config.js is rendered by the WAR.
const EXCLUDED = [/\.map$/, /^_redirects$/, /^_headers$/, /^serve\.json$/, /^app-config\.js$/];

function copyDist(src, dst) {
  for (const rel of walk(src)) {
    if (EXCLUDED.some((re) => re.test(rel))) continue;
    const to = path.join(dst, rel);
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.copyFileSync(path.join(src, rel), to);
  }
}

function walk(root, rel = '') {
  const out = [];
  for (const e of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...walk(root, r));
    else if (e.isFile()) out.push(r);
  }
  return out.sort();
}

function countOf(text, needle) {
  let n = 0;
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length)) n++;
  return n;
}

// The webpack public path, computed at run time from the script that carries the runtime: in a page
// document.currentScript (app.bundle, a classic deferred script), in a worker self.location. Both sit in
// {ctx}/ohif/, so chunks, workers and wasm codecs load from there whatever the prefix.
const PUBLIC_PATH_OLD = '__webpack_require__.p = "/";';
const PUBLIC_PATH_NEW = '__webpack_require__.p = (function(){var u;if(typeof document==="undefined"){' +
  'u=self.location.href}else{var c=document.currentScript;u=(c&&c.src)||window.PUBLIC_URL||"/"}' +
  'return new URL("./",new URL(u.replace(/^blob:/,""),self.location.href)).href})();';
const RUNTIME_CARRIERS = ['app.bundle.', 'compute.bundle.', 'histogram-worker.bundle.', 'interpolation.bundle.',
  'polySeg.bundle.'];
const MICROSCOPY_OLD = "window.browserImportFunction('/dicom-microscopy-viewer/dicomMicroscopyViewer.min.js')";
const MICROSCOPY_NEW = "window.browserImportFunction((window.PUBLIC_URL||'/')+" +
  "'dicom-microscopy-viewer/dicomMicroscopyViewer.min.js')";

function patch(dir) {
  const top = fs.readdirSync(dir);
  let carriers = 0;
  for (const f of top.filter((n) => n.endsWith('.js'))) {
    const p = path.join(dir, f);
    let s = fs.readFileSync(p, 'utf8');
    const n = countOf(s, PUBLIC_PATH_OLD);
    if (n > 1) fail(`${f}: ${n} public path assignments, expected at most 1`);
    if (n === 1) {
      s = s.replace(PUBLIC_PATH_OLD, PUBLIC_PATH_NEW);
      carriers++;
    } else if (RUNTIME_CARRIERS.some((c) => f.startsWith(c))) {
      fail(`${f}: webpack public path assignment not found (new OHIF layout?)`);
    }
    if (/__webpack_require__\.p\s*=\s*["']\/["']/.test(s)) fail(`${f}: another root public path form remains`);
    if (f.startsWith('app.bundle.')) {
      if (countOf(s, MICROSCOPY_OLD) !== 1) fail(`${f}: microscopy import path not found exactly once`);
      s = s.replace(MICROSCOPY_OLD, MICROSCOPY_NEW);
    }
    if (n === 1 || f.startsWith('app.bundle.')) fs.writeFileSync(p, s);
  }
  if (carriers < RUNTIME_CARRIERS.length) fail(`only ${carriers} webpack runtimes patched`);

  let cssFixes = 0;
  for (const f of top.filter((n) => n.endsWith('.css'))) {
    const p = path.join(dir, f);
    const s = fs.readFileSync(p, 'utf8');
    const n = (s.match(/url\(\/(?!\/)/g) || []).length;
    if (n) fs.writeFileSync(p, s.replace(/url\(\/(?!\/)/g, 'url('));
    cssFixes += n;
  }
  if (cssFixes < 1) fail('no root-absolute url(/…) found in the CSS (new OHIF layout?)');

  const mp = path.join(dir, 'manifest.json');
  let m = fs.readFileSync(mp, 'utf8');
  const icons = countOf(m, '"src": "/assets/');
  if (icons < 5) fail(`manifest.json: ${icons} icon paths, expected at least 5`);
  m = m.split('"src": "/assets/').join('"src": "assets/').replace('"start_url": "./index.html"', '"start_url": "./"');
  fs.writeFileSync(mp, m);

  const ip = path.join(dir, 'index.html');
  let html = fs.readFileSync(ip, 'utf8');
  const attrs = (html.match(/(href|src|content)="\/(?!\/)/g) || []).length;
  if (attrs < 5) fail(`index.html: ${attrs} root-absolute attributes, expected at least 5`);
  if (countOf(html, 'window.PUBLIC_URL="/"') !== 2) fail('index.html: expected 2 PUBLIC_URL assignments');
  html = html.replace(/(href|src|content)="\/(?!\/)/g, '$1="{{BASE_ATTR}}')
    .split('window.PUBLIC_URL="/"').join('window.PUBLIC_URL="{{BASE_JS}}"');
  if (/(href|src|content)="\/(?!\/)/.test(html)) fail('index.html: a root-absolute attribute is left');
  // browsers fetch the web app manifest WITHOUT cookies unless told otherwise: behind sign-on it would get 401
  if (countOf(html, '<link rel="manifest" href=') !== 1) fail('index.html: expected 1 manifest link');
  html = html.replace('<link rel="manifest" href=', '<link rel="manifest" crossorigin="use-credentials" href=');
  fs.writeFileSync(ip, html);
}

// Text-like assets are stored gzip-compressed only (the WAR inflates on the fly for the rare client that
// does not accept gzip); binary ones as they are.
const COMPRESSIBLE = /\.(js|mjs|css|html|json|jsonc|webapp|svg|txt|xml|wasm|ico)$/;
const HASHED = /(^|\/)([0-9a-f]{16}\.[a-z0-9]+|[^/]*\.[0-9a-f]{16}\.(js|mjs|css|wasm))$/;

function packAssets(src, dst) {
  const assets = {};
  for (const rel of walk(src)) {
    const buf = fs.readFileSync(path.join(src, rel));
    const entry = { size: buf.length, etag: sha1(buf).slice(0, 20), immutable: HASHED.test(rel) };
    if (rel === 'index.html') entry.template = true;
    let stored = buf;
    let name = rel;
    if (COMPRESSIBLE.test(rel) && buf.length > 256) {
      const gz = zlib.gzipSync(buf, { level: 9, memLevel: 9 });
      if (gz.length < buf.length * 0.9) {
        stored = gz;
        name = `${rel}.gz`;
        entry.gzip = gz.length;
      }
    }
    const to = path.join(dst, name);
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.writeFileSync(to, stored);
    assets[rel] = entry;
  }
  return { ohifVersion: version, assets };
}

function main() {
  checkVersion(version);
  const stamp = path.join(outDir, '.stamp');
  const scriptHash = sha1(fs.readFileSync(new URL(import.meta.url)));
  const stampText = `${version} ${scriptHash}`;
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === stampText) {
    console.log(`[ohif-dist] ${outDir} is up to date for @ohif/app@${version}`);
      return;
  }

  const dist = fetchDist(version, workDir);
  const rawDir = path.join(workDir, 'dist-patched');
  fs.rmSync(rawDir, { recursive: true, force: true });
  fs.rmSync(outDir, { recursive: true, force: true });
  copyDist(dist, rawDir);
  patch(rawDir);
  const manifest = packAssets(rawDir, outDir);
  fs.writeFileSync(path.join(outDir, 'ohif-manifest.json'), JSON.stringify(manifest));
  fs.writeFileSync(stamp, stampText);
  const total = Object.values(manifest.assets).reduce((n, a) => n + a.size, 0);
  console.log(`[ohif-dist] @ohif/app@${version}: ${Object.keys(manifest.assets).length} assets, ` +
    `${(total / 1048576).toFixed(1)} MiB, patched and precompressed into ${outDir}`);
}

main();
