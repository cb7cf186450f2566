import { randomBytes } from 'node:crypto';
import {
  DEFAULT_SETTINGS,
  leafPaths,
  settingsPatchSchema,
  settingsSchema,
  type Settings,
  type SettingsPatch,
  type SettingsView,
} from '../../../shared/domain/settings';
import { AppError } from '../../../shared/ipc/errors';
import type { AuditTrail } from '../audit/audit-trail';
import type { Db } from '../storage/db';

type Tree = Record<string, unknown>;

function getPath(tree: unknown, dotted: string): unknown {
  return dotted.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Tree)[key] : undefined), tree);
}

function setPath(tree: Tree, dotted: string, value: unknown): void {
  const keys = dotted.split('.');
  const last = keys.pop() as string;
  let node = tree;
  for (const key of keys) node = (node[key] ??= {}) as Tree;
  node[last] = value;
}

function merge(...layers: unknown[]): Tree {
  const out: Tree = {};
  for (const layer of layers) for (const leaf of leafPaths(layer)) setPath(out, leaf, getPath(layer, leaf));
  return out;
}

const BASE32 = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function generateTerminalId(): string {
  return `T-${[...randomBytes(8)].map((b) => BASE32[b % BASE32.length]).join('')}`;
}

/**
 * Not editable on the terminal, only by IT policy: the id is the terminal's identity towards the
 * NoPOS API, and the API address decides where the API key is sent.
 */
const READ_ONLY_PATHS = new Set(['terminal.id', 'policies.apiBaseUrl']);

/** Who wrote a local setting that came from NoPOS (the store's name, address, currency), not from an admin. */
export const FROM_NOPOS = 'nopos';

/** The store as NoPOS knows it (enrollment, the store pull). */
export interface StoreFromNoPOS {
  name: string;
  currency: string;
  address?: string | undefined;
}

/**
 * Resolves settings as built-in defaults < what NoPOS or an admin set here < IT policy. Policy values
 * win and are reported as locked; an update that touches one is refused.
 */
export class SettingsService {
  /** Read on every authorised call (auto-lock), so resolved once and again only after an update. */
  private cached: SettingsView | null = null;

  constructor(
    private readonly db: Db,
    private readonly policy: SettingsPatch,
    private readonly audit: AuditTrail,
    private readonly now: () => Date,
  ) {}

  /** First run: give the terminal an id unless policy provides one. Runs before anything is audited. */
  static ensureTerminalId(db: Db, policy: SettingsPatch, now: () => Date, generate = generateTerminalId): string {
    if (policy.terminal?.id) return policy.terminal.id;
    const row = db.prepare("SELECT value_json FROM settings_local WHERE path = 'terminal.id'").get() as { value_json: string } | undefined;
    if (row) return JSON.parse(row.value_json) as string;
    const id = generate();
    db.prepare("INSERT INTO settings_local (path, value_json, updated_at, updated_by) VALUES ('terminal.id', ?, ?, NULL)").run(
      JSON.stringify(id),
      now().toISOString(),
    );
    return id;
  }

  private local(): SettingsPatch {
    const out: Tree = {};
    for (const row of this.db.prepare('SELECT path, value_json FROM settings_local').iterate() as Iterable<{
      path: string;
      value_json: string;
    }>) {
      const single: Tree = {};
      setPath(single, row.path, JSON.parse(row.value_json));
      // A value a newer or older version left behind that no longer fits is ignored, never fatal.
      if (settingsPatchSchema.safeParse(single).success) setPath(out, row.path, getPath(single, row.path));
    }
    return out as SettingsPatch;
  }

  get locked(): string[] {
    return leafPaths(this.policy);
  }

  current(): SettingsView {
    if (!this.cached) {
      const values: Settings = settingsSchema.parse(merge(DEFAULT_SETTINGS, this.local(), this.policy));
      this.cached = { values, locked: this.locked };
    }
    return this.cached;
  }

  /**
   * Takes the store's name, address and currency from NoPOS, except where an admin set one on this
   * terminal or IT policy locks it. Part of the caller's transaction when there is one. Returns the
   * paths changed.
   */
  applyFromNoPOS(store: StoreFromNoPOS): string[] {
    const wanted: Record<string, string> = { 'store.name': store.name.trim().slice(0, 80), 'store.currency': store.currency };
    if (store.address !== undefined) wanted['store.address'] = store.address.trim().slice(0, 300);
    const row = this.db.prepare('SELECT value_json, updated_by FROM settings_local WHERE path = ?');
    const values = this.current().values;
    const changed = Object.entries(wanted).filter(([path, value]) => {
      if (this.locked.includes(path) || getPath(values, path) === value) return false;
      const local = row.get(path) as { value_json: string; updated_by: string | null } | undefined;
      return !local || local.updated_by === FROM_NOPOS;
    });
    if (changed.length === 0) return [];
    const patch: Tree = {};
    for (const [path, value] of changed) setPath(patch, path, value);
    if (!settingsSchema.safeParse(merge(DEFAULT_SETTINGS, this.local(), patch, this.policy)).success) return [];
    const upsert = this.db.prepare(
      'INSERT INTO settings_local (path, value_json, updated_at, updated_by) VALUES (?, ?, ?, ?) ON CONFLICT (path) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at, updated_by = excluded.updated_by',
    );
    const at = this.now().toISOString();
    const paths = changed.map(([path]) => path);
    this.db.transaction(() => {
      for (const [path, value] of changed) upsert.run(path, JSON.stringify(value), at, FROM_NOPOS);
      this.audit.record({ action: 'settings.changed', actorId: null, target: paths.join(','), details: { source: 'nopos' } });
    })();
    this.cached = null;
    return paths;
  }

  update(patch: SettingsPatch, actorId: string | null): SettingsView {
    const parsed = settingsPatchSchema.safeParse(patch);
    if (!parsed.success) throw new AppError('invalid_request', 'Those settings are not valid.');
    const paths = leafPaths(parsed.data);
    if (paths.length === 0) throw new AppError('invalid_request', 'Nothing to change.');
    const readOnly = paths.filter((p) => READ_ONLY_PATHS.has(p));
    if (readOnly.length > 0) throw new AppError('forbidden', `These settings cannot be changed on the terminal: ${readOnly.join(', ')}.`);
    const locked = paths.filter((p) => this.locked.includes(p));
    if (locked.length > 0) throw new AppError('forbidden', `Set by your IT policy and locked: ${locked.join(', ')}.`);
    const merged = settingsSchema.safeParse(merge(DEFAULT_SETTINGS, this.local(), parsed.data, this.policy));
    if (!merged.success) throw new AppError('invalid_request', 'Those settings are not valid together.');

    const upsert = this.db.prepare(
      'INSERT INTO settings_local (path, value_json, updated_at, updated_by) VALUES (?, ?, ?, ?) ON CONFLICT (path) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at, updated_by = excluded.updated_by',
    );
    const at = this.now().toISOString();
    this.db
      .transaction(() => {
        for (const p of paths) upsert.run(p, JSON.stringify(getPath(parsed.data, p)), at, actorId);
        this.audit.record({ action: 'settings.changed', actorId, target: paths.join(',').slice(0, 200) });
      })
      .immediate();
    this.cached = null;
    return this.current();
  }
}
