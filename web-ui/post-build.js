// Trunk post-build hook.
//
// 1. Moves trunk's inline start-up <script type="module"> into its own file,
//    so the Content-Security-Policy in index.html can say script-src 'self'
//    (no 'unsafe-inline', no hash to keep in step).
// 2. Names the Explore worker's files after their content, as trunk names
//    the page's (it leaves a worker's unhashed), and writes the worker's
//    start-up script: a browser never pairs a new page with a cached old
//    worker. The page finds the script in <meta name="explore-worker">.
//    (trunk's own data-loader-shim passes the wasm path the way wasm-bindgen
//    deprecates, which warns in the console.)
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');

const dir = process.env.TRUNK_STAGING_DIR || process.argv[2] || 'dist';
const file = path.join(dir, 'index.html');
let html = fs.readFileSync(file, 'utf8');
const digest = (...parts) => {
  const h = crypto.createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex').slice(0, 16);
};

const re = /<script type="module">([\s\S]*?)<\/script>/;
const m = re.exec(html);
if (m) {
  const code = m[1].trim() + '\n';
  const name = `boot-${digest(code)}.js`;
  fs.writeFileSync(path.join(dir, name), code);
  html = html.replace(re, `<script type="module" src="/${name}"></script>`);
} else {
  console.error('post-build: no inline module script in', file);
}

const glue = path.join(dir, 'explore_worker.js');
const wasm = path.join(dir, 'explore_worker_bg.wasm');
if (fs.existsSync(glue) && fs.existsSync(wasm)) {
  const id = digest(fs.readFileSync(glue), fs.readFileSync(wasm));
  const [glueName, wasmName] = [`explore_worker-${id}.js`, `explore_worker-${id}_bg.wasm`];
  fs.renameSync(glue, path.join(dir, glueName));
  fs.renameSync(wasm, path.join(dir, wasmName));
  const start = `importScripts('./${glueName}');\nwasm_bindgen({ module_or_path: './${wasmName}' });\n`;
  const startName = `explore-worker-${id}.js`;
  fs.writeFileSync(path.join(dir, startName), start);
  html = html.replace('</head>', `  <meta name="explore-worker" content="${startName}" />\n  </head>`);
} else {
  console.error('post-build: no Explore worker in', dir);
}
fs.writeFileSync(file, html);
