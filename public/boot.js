// Starts the wasm app without an inline script, so the CSP can forbid inline scripts.
// Module scripts have no document.currentScript: find our own element by id.
const boot = document.getElementById('boot');
performance.mark('seclab-boot');
const init = await import(boot.dataset.js);
await init.default({ module_or_path: boot.dataset.wasm });
performance.mark('seclab-mounted');
