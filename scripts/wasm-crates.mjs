// What each crate adds to a wasm file: reads the "name" custom section that rustc writes
// (before wasm-bindgen and wasm-opt strip it) and sums the code size of each crate's functions.
//   node scripts/wasm-crates.mjs [path.wasm] [--top N] [--json]
// Used by scripts/bench.sh (the page's breakdown) and by the end-to-end test that keeps engine
// crates out of the page.
import { readFile } from 'node:fs/promises';

function reader(bytes) {
  let pos = 0;
  const r = {
    get pos() { return pos; },
    set pos(p) { pos = p; },
    u8: () => bytes[pos++],
    leb: () => {
      let result = 0, shift = 0, b;
      do { b = bytes[pos++]; result += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80);
      return result;
    },
    name: () => { const n = r.leb(); const s = Buffer.from(bytes.subarray(pos, pos + n)).toString('utf8'); pos += n; return s; },
  };
  return r;
}

/** The crate a (mangled) Rust symbol belongs to: the first path segment that names a crate. */
export function crateOf(symbol) {
  // v0 mangling (_R...): the first crate root, C[s<disambiguator>_]<len><name>.
  if (symbol.startsWith('_R')) {
    const v0 = symbol.match(/C(?:s[0-9A-Za-z]*_)?(\d+)([A-Za-z_][A-Za-z0-9_]*)/);
    if (v0) return v0[2].slice(0, Number(v0[1]));
  }
  // Legacy mangling: _ZN<len><segment>...; trait impls start with a <...> segment.
  let s = symbol;
  const m = s.match(/^_?_ZN(.*)$/);
  if (!m) return '(other: runtime, imports)';
  s = m[1];
  const len = s.match(/^(\d+)/);
  const first = len ? s.slice(len[1].length, len[1].length + Number(len[1])) : s;
  // "<T as tachys..view..Render>": the trait's crate; "<serde..X as ...>": the type's crate.
  let inner = first.replace(/^_?\$LT\$/, '').replace(/^impl\$u20\$/, '');
  const asTrait = inner.match(/^[A-Z][A-Za-z0-9_]*\$u20\$as\$u20\$(.*)$/);
  if (asTrait) inner = asTrait[1];
  inner = inner.replace(/^(?:\$RF\$|\$BP\$|mut\$u20\$|\$u5b\$|\$LP\$)+/, '');
  const crate = inner.split(/\.\.|\$/)[0];
  if (/^[a-z_][a-z0-9_]*$/.test(crate)) return crate;
  return '(other)';
}

export async function breakdown(path) {
  const bytes = new Uint8Array(await readFile(path));
  const r = reader(bytes);
  r.pos = 8;
  let imported = 0;
  const bodies = [];
  const names = new Map();
  let dataSize = 0;
  while (r.pos < bytes.length) {
    const id = r.u8();
    const size = r.leb();
    const end = r.pos + size;
    if (id === 2) {
      const count = r.leb();
      for (let k = 0; k < count; k++) {
        r.name(); r.name();
        const kind = r.u8();
        if (kind === 0) { r.leb(); imported++; } else if (kind === 1) { r.u8(); const f = r.u8(); r.leb(); if (f & 1) r.leb(); } else if (kind === 2) { const f = r.u8(); r.leb(); if (f & 1) r.leb(); } else if (kind === 3) { r.u8(); r.u8(); }
      }
    } else if (id === 10) {
      const count = r.leb();
      for (let k = 0; k < count; k++) { const n = r.leb(); bodies.push(n); r.pos += n; }
    } else if (id === 11) {
      dataSize += size;
    } else if (id === 0) {
      const section = r.name();
      if (section === 'name') {
        while (r.pos < end) {
          const sub = r.u8();
          const subSize = r.leb();
          const subEnd = r.pos + subSize;
          if (sub === 1) {
            const count = r.leb();
            for (let k = 0; k < count; k++) { const idx = r.leb(); names.set(idx, r.name()); }
          }
          r.pos = subEnd;
        }
      }
    }
    r.pos = end;
  }
  const crates = new Map();
  let total = 0;
  bodies.forEach((n, k) => {
    const crate = crateOf(names.get(imported + k) || '');
    crates.set(crate, (crates.get(crate) || 0) + n);
    total += n;
  });
  return { total, data: dataSize, named: names.size > 0, crates: [...crates.entries()].sort((a, b) => b[1] - a[1]) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const path = process.argv[2] || 'target/wasm32-unknown-unknown/release/seclab-app.wasm';
  const top = Number(process.argv[process.argv.indexOf('--top') + 1]) || 25;
  const b = await breakdown(path);
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(b));
  } else {
    console.log(`${path}: code ${(b.total / 1024).toFixed(1)} KB, data ${(b.data / 1024).toFixed(1)} KB (before wasm-bindgen and wasm-opt)`);
    if (!b.named) console.log('  (no name section: build without stripping to see crates)');
    for (const [crate, n] of b.crates.slice(0, top)) console.log(`  ${crate.padEnd(28)} ${(n / 1024).toFixed(1).padStart(7)} KB  ${(100 * n / b.total).toFixed(1).padStart(5)} %`);
  }
}
