// The back office: one static page and a script that drive /admin with the token from the URL
// fragment. Everything from the API is written with textContent, never parsed as HTML.

export const BACK_OFFICE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>NoPOS sandbox back office</title>
<link rel="stylesheet" href="/back-office/style.css">
<script src="/back-office/app.js" defer></script>
</head>
<body>
<header><h1>NoPOS sandbox back office</h1><p id="status" role="status"></p></header>
<main>
<section aria-labelledby="h-codes"><h2 id="h-codes">Enrollment codes</h2>
  <form id="new-code"><label>Store <select name="storeId" id="code-store"></select></label> <button>Create enrollment code</button></form>
  <p id="new-code-result" aria-live="polite"></p>
  <table id="codes"></table></section>
<section aria-labelledby="h-stores"><h2 id="h-stores">Stores and terminals</h2>
  <form id="new-store"><label>Name <input name="name" required maxlength="100"></label> <label>Currency <input name="currency" value="EUR" size="4" pattern="[A-Z]{3}" required></label> <button>Add store</button></form>
  <table id="stores"></table><table id="terminals"></table></section>
<section aria-labelledby="h-catalog"><h2 id="h-catalog">Catalog</h2>
  <form id="price"><label>Product <select name="productId" id="price-product"></select></label> <label>New price (minor units) <input name="priceMinor" type="number" min="0" step="1" required></label> <button>Change price</button></form>
  <table id="products"></table></section>
<section aria-labelledby="h-txn"><h2 id="h-txn">Received transactions</h2><table id="transactions"></table></section>
<section aria-labelledby="h-pay"><h2 id="h-pay">Payments</h2><table id="payments"></table></section>
<section aria-labelledby="h-customers"><h2 id="h-customers">Customers</h2><table id="customers"></table></section>
<section aria-labelledby="h-emails"><h2 id="h-emails">E-mailed receipts</h2><table id="emails"></table></section>
<section aria-labelledby="h-events"><h2 id="h-events">Events</h2><table id="events"></table></section>
<section aria-labelledby="h-faults"><h2 id="h-faults">Faults</h2>
  <form id="faults"><label for="faults-json">Fault configuration (JSON)</label><textarea id="faults-json" name="config" rows="6" cols="70"></textarea><button>Apply faults</button></form>
  <pre id="fault-counts"></pre></section>
</main>
</body>
</html>
`;

export const BACK_OFFICE_CSS = `body{font:15px/1.4 system-ui,sans-serif;margin:0;color:#1b1b1b;background:#f6f6f4}
header{background:#1d3557;color:#fff;padding:.6rem 1.2rem}h1{font-size:1.3rem;margin:0}
main{padding:1rem 1.2rem;display:grid;gap:1rem}section{background:#fff;border:1px solid #ddd;border-radius:6px;padding:.6rem 1rem}
table{border-collapse:collapse;width:100%;margin-top:.5rem;font-size:.9rem}th,td{text-align:left;padding:.25rem .5rem;border-bottom:1px solid #eee}
button{font:inherit;padding:.3rem .8rem;background:#1d3557;color:#fff;border:0;border-radius:4px;cursor:pointer}
#new-code-result{font:1.4rem/1.2 ui-monospace,monospace;letter-spacing:.1em}
textarea{display:block;width:100%;font-family:ui-monospace,monospace}`;

export const BACK_OFFICE_SCRIPT = `'use strict';
const token = decodeURIComponent(location.hash.slice(1));
const status = document.getElementById('status');
async function admin(method, path, body) {
  const response = await fetch(path, { method, headers: { 'x-sandbox-admin': token, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
  const data = await response.json();
  if (!response.ok) throw new Error(data.error ? data.error.message : 'HTTP ' + response.status);
  return data;
}
function table(id, headings, rows) {
  const el = document.getElementById(id);
  el.replaceChildren();
  const head = el.createTHead().insertRow();
  for (const h of headings) { const th = document.createElement('th'); th.textContent = h; th.scope = 'col'; head.append(th); }
  const body = el.createTBody();
  for (const cells of rows) {
    const tr = body.insertRow();
    for (const cell of cells) { const td = tr.insertCell(); if (cell instanceof Node) td.append(cell); else td.textContent = cell == null ? '' : String(cell); }
  }
}
function button(label, action) {
  const b = document.createElement('button'); b.type = 'button'; b.textContent = label;
  b.addEventListener('click', () => run(action)); return b;
}
function options(select, items) {
  select.replaceChildren(...items.map(([value, label]) => { const o = document.createElement('option'); o.value = value; o.textContent = label; return o; }));
}
async function run(action) {
  try { await action(); await refresh(); } catch (e) { status.textContent = e.message; }
}
async function refresh() {
  const s = await admin('GET', '/admin/state');
  status.textContent = 'Updated ' + new Date().toLocaleTimeString();
  options(document.getElementById('code-store'), s.stores.map((x) => [x.id, x.name]));
  const products = s.stores.flatMap((x) => x.products.map((p) => ({ ...p, store: x.name })));
  options(document.getElementById('price-product'), products.map((p) => [p.id, p.store + ': ' + p.name]));
  table('codes', ['Code', 'Store', 'Expires', 'Used', 'Terminal'], s.enrollmentCodes.map((c) => [c.code, c.store_id, c.expires_at, c.used_at, c.terminal_id]));
  table('stores', ['Store', 'Name', 'Currency', 'Created'], s.stores.map((x) => [x.id, x.name, x.currency, x.created_at]));
  table('terminals', ['Terminal', 'Store', 'Name', 'Key ends', 'Transactions', 'Enrolled', 'Revoked', ''], s.terminals.map((t) => [
    t.id, t.store_id, t.name, '…' + t.api_key_hint, t.transactions, t.enrolled_at, t.revoked_at,
    t.revoked_at ? '' : button('Revoke', () => admin('POST', '/admin/terminals/' + t.id + '/revoke')),
  ]));
  table('products', ['Store', 'SKU', 'Name', 'Price (minor)', 'Currency', 'Updated'], products.map((p) => [p.store, p.sku, p.name, p.priceMinor, p.currency, p.updatedAt]));
  table('transactions', ['Received', 'Terminal', 'Type', 'Seq', 'Total (minor)', 'Currency', 'Client id'], s.transactions.map((t) => [t.receivedAt, t.terminalId, t.type, t.terminalSequence, t.totalMinor, t.currency, t.clientId]));
  table('payments', ['Received', 'Terminal', 'Amount (minor)', 'Card', 'Offline', 'Status', ''], s.payments.map((p) => [
    p.receivedAt, p.terminalId, p.amountMinor + ' ' + p.currency, p.card.brand + ' …' + p.card.last4 + ' (' + p.card.entryMode + ')', p.offline ? 'yes' : 'no',
    p.status + (p.declineCode ? ' (' + p.declineCode + ')' : ''),
    p.status === 'approved' ? button('Decline after forwarding', () => admin('POST', '/admin/payments/' + p.id + '/decline', {})) : '',
  ]));
  table('customers', ['Updated', 'Customer', 'Name', 'E-mail', 'Consents', 'Erased'], s.customers.map((c) => [c.updatedAt, c.customerId, c.name, c.email, c.consents, c.erasedAt]));
  table('emails', ['Received', 'Terminal', 'Receipt', 'To', 'Subject'], s.receiptEmails.map((m) => [m.receivedAt, m.terminalId, m.receiptNumber, m.to == null ? '(erased)' : m.to, m.subject]));
  table('events', ['#', 'Type', 'Store', 'Terminal', 'Data', 'Created'], s.events.map((e) => [e.seq, e.type, e.store_id, e.terminal_id, JSON.stringify(e.data), e.created_at]));
  const faults = document.getElementById('faults-json');
  if (document.activeElement !== faults) faults.value = JSON.stringify(s.faults.config, null, 1);
  document.getElementById('fault-counts').textContent = 'Injected so far: ' + JSON.stringify(s.faults.counts);
}
document.getElementById('new-code').addEventListener('submit', (e) => { e.preventDefault(); run(async () => {
  const c = await admin('POST', '/admin/enrollment-codes', { storeId: new FormData(e.target).get('storeId') });
  document.getElementById('new-code-result').textContent = c.code + ' (valid until ' + c.expiresAt + ')';
}); });
document.getElementById('new-store').addEventListener('submit', (e) => { e.preventDefault(); const f = new FormData(e.target);
  run(() => admin('POST', '/admin/stores', { name: f.get('name'), currency: f.get('currency') })); });
document.getElementById('price').addEventListener('submit', (e) => { e.preventDefault(); const f = new FormData(e.target);
  run(() => admin('POST', '/admin/products/' + f.get('productId') + '/price', { priceMinor: Number(f.get('priceMinor')) })); });
document.getElementById('faults').addEventListener('submit', (e) => { e.preventDefault();
  run(() => admin('PUT', '/admin/faults', JSON.parse(document.getElementById('faults-json').value))); });
run(async () => {});
setInterval(() => refresh().catch((e) => { status.textContent = e.message; }), 5000);
`;
