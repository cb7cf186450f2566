// `npm run torture`: the crash and fault torture suite (issue 19, docs/reliability.md). Starts the
// sandbox with seeded faults and one or more terminals (real processes: core, encrypted database,
// keychain, sync), sells through each terminal's IPC registry and SIGKILLs them at random points
// (cart, completion, card authorization, sync, start-up), drains, then checks everything from the
// outside. Prints one JSON report; exits 1 when any check fails.
import { spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3-multiple-ciphers';
import { openTerminalStorage } from '../../electron/main/core/terminal-storage';
import { createOsKeychain } from '../../electron/main/secrets/os-keychain';
import { coreWithSync } from '../support/core-sync';
import { startSandboxProcess, type SandboxProcess } from '../support/sandbox-process';
import { FAST_PIN_COST, insertStaff } from '../support/storage';

const ROOT = path.resolve(import.meta.dirname, '../..');
const PHASES = ['cart', 'completion', 'card', 'sync', 'startup'] as const;
type Phase = (typeof PHASES)[number];
const STAFF = 'st_torturetest0';

export interface TortureOptions {
  kills: number;
  terminals: number;
  seed: number;
  faultRate: number;
  /** Killing stops after this long; the drain has the same again at most. */
  maxSeconds: number;
}

function options(argv: string[]): TortureOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      kills: { type: 'string' },
      terminals: { type: 'string' },
      seed: { type: 'string' },
      'fault-rate': { type: 'string' },
      'max-seconds': { type: 'string' },
    },
  });
  const int = (v: string | undefined, fallback: number, min: number, max: number, flag: string) => {
    const n = v === undefined ? fallback : Number(v);
    if (!Number.isFinite(n) || n < min || n > max) throw new Error(`--${flag} must be a number from ${min} to ${max}`);
    return n;
  };
  return {
    kills: int(values.kills, 20, 0, 100_000, 'kills'),
    terminals: int(values.terminals, 1, 1, 10, 'terminals'),
    seed: int(values.seed, 1, 0, 2 ** 32 - 1, 'seed'),
    faultRate: int(values['fault-rate'], 0.3, 0, 1, 'fault-rate'),
    maxSeconds: int(values['max-seconds'], 300, 5, 86_400, 'max-seconds'),
  };
}

interface Terminal {
  index: number;
  dir: string;
  service: string;
  answered: string;
  terminalId: string;
}

/** One run of a terminal, SIGKILLed inside `phase` (or, with `phase` null, left to drain and exit). */
function runTerminal(script: string, sb: SandboxProcess, t: Terminal, phase: Phase | null): Promise<{ killed: boolean }> {
  return new Promise((resolve, reject) => {
    const args = [script, t.dir, t.service, sb.url, sb.caPath, STAFF, t.answered, phase === null ? 'drain' : 'sell'];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let killing = false;
    const kill = (afterMs: number) => {
      if (killing) return;
      killing = true;
      setTimeout(() => child.kill('SIGKILL'), afterMs);
    };
    // Which occurrence of the marker to kill in, so kills also land in later sales of a run.
    let wanted = randomInt(1, 4);
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      if (phase === null || killing) return;
      for (const line of chunk.toString().split('\n')) {
        if (phase === 'sync' && line === 'ready') kill(randomInt(100, 1_500));
        else if (line === phase && --wanted <= 0) kill(randomInt(0, phase === 'card' ? 150 : 40));
      }
    });
    if (phase === 'startup') kill(randomInt(0, 600));
    const guard = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('exit', (code, signal) => {
      clearTimeout(guard);
      if (signal === 'SIGKILL' && (killing || phase !== null)) resolve({ killed: true });
      else if (code === 0 && phase === null) resolve({ killed: false });
      else reject(new Error(`terminal ${t.index} ended (${code ?? signal}) in ${phase ?? 'drain'}: ${stderr.slice(0, 2_000)}`));
    });
  });
}

async function enroll(sb: SandboxProcess, t: Terminal): Promise<string> {
  const keychain = createOsKeychain(t.service);
  const storage = await openTerminalStorage({
    dataDir: t.dir,
    policyFile: path.join(t.dir, 'policy.json'),
    keychain,
    now: () => new Date(),
    pinCost: FAST_PIN_COST,
  });
  try {
    const { sync } = coreWithSync(storage, { keychain, baseUrl: sb.url, caPem: sb.caPem, exportDir: path.join(t.dir, 'exports') });
    const code = await sb.admin('POST', '/admin/enrollment-codes', {});
    const enrollment = await sync.enrollment.enroll(code.json.code, 'admin', null);
    sync.close();
    await insertStaff(storage, { id: STAFF, name: 'Torture tester', role: 'manager' }, '482913');
    return enrollment.terminalId;
  } finally {
    storage.close();
  }
}

type Checks = Record<string, { ok: boolean; detail?: unknown }>;

/** Everything checked from the outside: each terminal's database, and what the sandbox holds. */
async function check(
  sb: SandboxProcess,
  terminals: Terminal[],
): Promise<{ checks: Checks; sales: number; cardPayments: number; cardAttempts: Record<string, number> }> {
  const api = new Database(path.join(sb.dataDir, 'sandbox.db'), { readonly: true });
  const checks: Checks = {};
  const fail = (name: string, detail: unknown) => (checks[name] = { ok: false, detail });
  for (const name of [
    'integrity',
    'auditChain',
    'answeredPresent',
    'noPartials',
    'noGaps',
    'exactlyOnceAtApi',
    'auditHeadsMatch',
    'noExtraCardCharges',
    'outboxDrained',
  ])
    checks[name] = { ok: true };
  let sales = 0;
  let cardPayments = 0;
  // How each online authorization ended: `reversed` and late `attached` ones are kills inside a call.
  const cardAttempts: Record<string, number> = {};
  try {
    for (const t of terminals) {
      const storage = await openTerminalStorage({
        dataDir: t.dir,
        policyFile: path.join(t.dir, 'policy.json'),
        keychain: createOsKeychain(t.service),
        now: () => new Date(),
        pinCost: FAST_PIN_COST,
      });
      try {
        const db = storage.db;
        const all = <T>(sql: string, ...params: unknown[]) => db.prepare(sql).all(...params) as T[];
        if (db.pragma('integrity_check', { simple: true }) !== 'ok') fail('integrity', t.index);
        if (!storage.audit.verify().ok) fail('auditChain', t.index);
        const completed = new Map(
          all<{ id: string; total_minor: number }>("SELECT id, total_minor FROM sales WHERE status = 'completed'").map((s) => [
            s.id,
            s.total_minor,
          ]),
        );
        sales += completed.size;
        const answered = existsSync(t.answered) ? readFileSync(t.answered, 'utf8').split('\n').filter(Boolean) : [];
        const lost = answered.filter((id) => !completed.has(id));
        if (lost.length) fail('answeredPresent', { terminal: t.index, lost });
        const paid = new Map(
          all<{ sale_id: string; paid: number }>(
            "SELECT sale_id, sum(amount_minor - coalesce(rounding_minor, 0)) AS paid FROM payments WHERE status <> 'declined' GROUP BY sale_id",
          ).map((r) => [r.sale_id, r.paid]),
        );
        const queued = new Set(all<{ client_id: string }>("SELECT client_id FROM outbox WHERE kind = 'sale'").map((r) => r.client_id));
        const partial = [...completed].filter(([id, total]) => paid.get(id) !== total || !queued.has(id));
        if (partial.length || all("SELECT id FROM sales WHERE status = 'open'").length > 1)
          fail('noPartials', { terminal: t.index, partial });
        const docs = all<{ seq: number }>('SELECT seq FROM documents ORDER BY seq').map((d) => d.seq);
        if (!docs.every((seq, i) => seq === i + 1)) fail('noGaps', { terminal: t.index, docs: docs.length });
        for (const r of all<{ state: string; n: number }>('SELECT state, count(*) AS n FROM card_attempts GROUP BY state'))
          cardAttempts[r.state] = (cardAttempts[r.state] ?? 0) + r.n;
        cardAttempts.attachedAfterRestart =
          (cardAttempts.attachedAfterRestart ?? 0) +
          all<{ n: number }>("SELECT count(*) AS n FROM audit_log WHERE action = 'payment.attempt_attached'")[0]!.n;
        const waiting = all<{ n: number }>("SELECT count(*) AS n FROM outbox WHERE status IN ('queued', 'sending')")[0]!.n;
        const openAttempts = all<{ n: number }>("SELECT count(*) AS n FROM card_attempts WHERE state = 'open'")[0]!.n;
        if (waiting || openAttempts) fail('outboxDrained', { terminal: t.index, waiting, openAttempts });

        // At the API: every sale once, numbered without gaps, the audit head the terminal's.
        const atApi = api
          .prepare(
            "SELECT client_id, terminal_sequence FROM transactions WHERE terminal_id = ? AND type = 'sale' ORDER BY terminal_sequence",
          )
          .all(t.terminalId) as { client_id: string; terminal_sequence: number }[];
        const ids = new Set(atApi.map((r) => r.client_id));
        const missing = [...completed.keys()].filter((id) => !ids.has(id));
        if (missing.length || ids.size !== atApi.length || atApi.length !== completed.size)
          fail('exactlyOnceAtApi', { terminal: t.index, missing: missing.length, atApi: atApi.length, local: completed.size });
        const refundsAndVoids = all<{ n: number }>("SELECT count(*) AS n FROM documents WHERE kind <> 'sale'")[0]!.n;
        if (refundsAndVoids === 0 && !atApi.every((r, i) => r.terminal_sequence === i + 1))
          fail('noGaps', { terminal: t.index, api: 'sequence gap' });
        const head = all<{ hash: string }>('SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1')[0]?.hash;
        const apiHead = (
          api.prepare('SELECT head_hash FROM audit_heads WHERE terminal_id = ?').get(t.terminalId) as { head_hash: string } | undefined
        )?.head_hash;
        if (head !== apiHead) fail('auditHeadsMatch', { terminal: t.index });

        // Cards: at most one approval per sale, and each one on its sale here.
        const approved = api
          .prepare("SELECT client_id, transaction_client_id FROM payments WHERE terminal_id = ? AND status = 'approved'")
          .all(t.terminalId) as { client_id: string; transaction_client_id: string }[];
        cardPayments += approved.length;
        const perSale = new Map<string, number>();
        for (const p of approved) perSale.set(p.transaction_client_id, (perSale.get(p.transaction_client_id) ?? 0) + 1);
        const doubled = [...perSale].filter(([, n]) => n > 1);
        const local = new Set(all<{ id: string }>("SELECT id FROM payments WHERE method = 'card'").map((r) => r.id));
        const unattached = approved.filter((p) => !local.has(p.client_id));
        if (doubled.length || unattached.length) fail('noExtraCardCharges', { terminal: t.index, doubled, unattached: unattached.length });
      } finally {
        storage.close();
      }
    }
  } finally {
    api.close();
  }
  return { checks, sales, cardPayments, cardAttempts };
}

export async function torture(o: TortureOptions): Promise<Record<string, unknown>> {
  const script = path.join(ROOT, 'dist', 'torture-terminal', 'index.cjs');
  if (!existsSync(script)) throw new Error('Build first: node scripts/build.mjs sandbox torture-terminal');
  const work = path.join(tmpdir(), `nopos-torture-${process.pid}`);
  mkdirSync(work, { recursive: true });
  const sb = await startSandboxProcess({ dataDir: path.join(work, 'sandbox') });
  try {
    const terminals: Terminal[] = [];
    for (let index = 0; index < o.terminals; index++) {
      const dir = path.join(work, `terminal-${index}`);
      const t = {
        index,
        dir,
        service: `NoPOS Terminal torture ${process.pid} ${index}`,
        answered: path.join(work, `answered-${index}.txt`),
        terminalId: '',
      };
      t.terminalId = await enroll(sb, t);
      terminals.push(t);
    }
    const faults = {
      seed: o.seed,
      rate: o.faultRate,
      modes: ['drop', 'reset', 'http500', 'http503', 'http429'],
      latencyMs: [0, 50],
      retryAfterSeconds: 0,
    };
    const configured = await sb.admin('PUT', '/admin/faults', faults);
    if (configured.status !== 200) throw new Error(`faults: ${configured.text}`);

    // Each terminal in its own lane, killed again and again; lanes run side by side in one store.
    const deadline = Date.now() + o.maxSeconds * 1_000;
    const kills: Record<Phase, number> = { cart: 0, completion: 0, card: 0, sync: 0, startup: 0 };
    let left = o.kills;
    const started = Date.now();
    await Promise.all(
      terminals.map(async (t) => {
        while (left > 0 && Date.now() < deadline) {
          left--;
          const phase = PHASES[randomInt(PHASES.length)]!;
          await runTerminal(script, sb, t, phase);
          kills[phase]++;
        }
      }),
    );
    const killSeconds = (Date.now() - started) / 1_000;

    const requestsBefore = sb.requestsTo('/v1/');
    const drainStart = Date.now();
    await Promise.all(terminals.map((t) => runTerminal(script, sb, t, null)));
    const drainSeconds = (Date.now() - drainStart) / 1_000;
    const drainRequests = sb.requestsTo('/v1/') - requestsBefore;
    await sb.admin('PUT', '/admin/faults', {});

    const { checks, sales, cardPayments, cardAttempts } = await check(sb, terminals);
    const ok = Object.values(checks).every((c) => c.ok);
    return {
      ok,
      options: o,
      kills: { total: Object.values(kills).reduce((a, b) => a + b, 0), ...kills },
      killSeconds: Math.round(killSeconds),
      sales,
      cardPaymentsApproved: cardPayments,
      cardAttempts,
      drain: { seconds: Math.round(drainSeconds * 10) / 10, requests: drainRequests },
      checks,
    };
  } finally {
    await sb.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const report = await torture(options(process.argv.slice(2)));
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  if (!report.ok) process.exitCode = 1;
}

if (process.argv[1] && path.basename(path.dirname(process.argv[1])) === 'torture') {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  });
}
