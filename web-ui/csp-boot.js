// Trunk post-build hook: moves trunk's inline start-up <script type="module">
// into its own file, so the Content-Security-Policy in index.html can say
// script-src 'self' (no 'unsafe-inline', no hash to keep in step).
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');

const dir = process.env.TRUNK_STAGING_DIR || process.argv[2] || 'dist';
const file = path.join(dir, 'index.html');
let html = fs.readFileSync(file, 'utf8');
const re = /<script type="module">([\s\S]*?)<\/script>/;
const m = re.exec(html);
if (!m) {
  console.error('csp-boot: no inline module script in', file);
  process.exit(0);
}
const code = m[1].trim() + '\n';
const name = `boot-${crypto.createHash('sha256').update(code).digest('hex').slice(0, 16)}.js`;
fs.writeFileSync(path.join(dir, name), code);
html = html.replace(re, `<script type="module" src="/${name}"></script>`);
fs.writeFileSync(file, html);
