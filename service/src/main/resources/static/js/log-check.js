// Checks in the browser that a record is in the evidence log: its leaf, the inclusion proof and the latest signed
// checkpoint's root are fetched from the public API, and the root is computed here (RFC 9162 §2.1.3.2, SHA-256 by
// WebCrypto), so the answer does not rest on the server's word. The checkpoint's signature is checked by the verifier.
(function () {
  const form = document.getElementById('check-record');
  if (!form) return;
  const out = document.getElementById('check-result');
  const text = (key, n) => (form.dataset[key] || key).replace('{0}', n);
  const b64 = s => Uint8Array.from(atob(s), c => c.charCodeAt(0));
  const hex = a => Array.from(a, x => x.toString(16).padStart(2, '0')).join('');
  const sha = async (prefix, ...parts) => {
    const all = new Uint8Array(1 + parts.reduce((n, p) => n + p.length, 0));
    all[0] = prefix;
    let at = 1;
    for (const p of parts) { all.set(p, at); at += p.length; }
    return new Uint8Array(await crypto.subtle.digest('SHA-256', all));
  };
  const show = (ok, message) => {
    out.textContent = message;
    out.className = 'notice' + (ok ? ' ok' : ' error');
    out.dataset.result = ok ? 'ok' : 'failed';
  };
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const index = Number(document.getElementById('record-index').value);
    if (!Number.isInteger(index) || index < 0) { show(false, text('invalid', '')); return; }
    try {
      const note = await (await fetch('/api/v1/log/checkpoint')).text();
      const lines = note.split('\n');
      const size = Number(lines[1]);
      const root = b64(lines[2]);
      if (index >= size) { show(false, text('notYet', size)); return; }
      const entry = await (await fetch('/api/v1/log/entries/' + index)).json();
      const proof = await (await fetch('/api/v1/log/proofs/inclusion?index=' + index + '&treeSize=' + size)).json();
      let r = await sha(0, b64(entry.leaf));
      let fn = index, sn = size - 1;
      for (const p of proof.hashes.map(b64)) {
        if (sn === 0) { show(false, text('mismatch', index)); return; }
        if (fn % 2 === 1 || fn === sn) {
          r = await sha(1, p, r);
          if (fn % 2 === 0) {
            while (fn % 2 === 0 && fn !== 0) { fn = Math.floor(fn / 2); sn = Math.floor(sn / 2); }
          }
        } else {
          r = await sha(1, r, p);
        }
        fn = Math.floor(fn / 2); sn = Math.floor(sn / 2);
      }
      const ok = sn === 0 && hex(r) === hex(root);
      show(ok, ok ? text('ok', index).replace('{1}', size) : text('mismatch', index));
    } catch (e) {
      show(false, text('failed', index));
    }
  });
})();
