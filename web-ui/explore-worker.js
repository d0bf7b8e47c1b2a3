// The Explore panel's Web Worker start-up script (copied into dist/ by
// trunk, see index.html). trunk's own data-loader-shim passes the wasm path
// the way wasm-bindgen deprecates, which warns in the console.
importScripts('./explore_worker.js');
wasm_bindgen({ module_or_path: './explore_worker_bg.wasm' });
