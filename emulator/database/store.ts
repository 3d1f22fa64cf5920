/**
 * SQLite storage: one WAL database file `<dataDir>/emulator.sqlite`, one table per collection.
 *
 *   c_<collection>(seq INTEGER PRIMARY KEY,   -- insertion order, the natural order of results
 *                  id  TEXT NOT NULL UNIQUE,  -- idKey(_id)
 *                  doc TEXT NOT NULL)         -- the document as canonical EJSON
 *
 * Declared indexes become expression indexes over `doc` (see keys.ts), unique ones as UNIQUE indexes, so SQLite
 * itself refuses a duplicate key and the whole write (one statement transaction) is rolled back.
 * Bookkeeping tables: db_collections (the collections that exist) and db_multikey (indexed fields that have held an
 * array, on which the planner must not rely on the index).
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { IndexDeclaration } from './declarations';
import { DbError, ErrorCode, collectionNotExist, invalidParam } from './errors';
import { type Doc, fromStored, idKey, toEJSON } from './ejson';
import { arrayOnPath, arrayOnPathExpr, isIndexablePath, typeExpr, valueExpr } from './keys';

export interface IndexInfo {
  /** Declared name, e.g. `openid_unique`. */
  name: string;
  /** SQLite index name, e.g. `ix__users__openid_unique`. */
  sqlName: string;
  fields: string[];
  unique: boolean;
}

export interface CollectionInfo {
  name: string;
  /** Quoted table name. */
  table: string;
  indexes: IndexInfo[];
  /** Indexed fields that have held an array somewhere on their path. */
  multikey: Set<string>;
}

export interface Row {
  seq: number;
  key: string;
  doc: Doc;
  /** The document as stored (canonical EJSON), on a row read from its table. */
  text?: string;
}

/** A row read from its table: its document is parsed the first time something looks into it. */
class StoredRow implements Row {
  private parsed: Doc | undefined;

  constructor(
    readonly seq: number,
    readonly key: string,
    readonly text: string,
  ) {}

  get doc(): Doc {
    return (this.parsed ??= fromStored(this.text));
  }
}

const COLLECTION_NAME = /^[A-Za-z0-9_-]{1,100}$/;

export function tableName(collection: string): string {
  return `"c_${collection}"`;
}

function sqlIdent(s: string): string {
  return s.replace(/[^A-Za-z0-9_]/g, '_');
}

/** The rows' SELECT; LIMIT is written into the SQL (a bound LIMIT made the statement ~3x slower in SQLite 3.53). */
function selectSql(info: CollectionInfo, where: string, orderBy: string, limit: number): string {
  return `SELECT seq, id, doc FROM ${info.table} WHERE ${where} ORDER BY ${orderBy} LIMIT ${sqlLimit(limit)} OFFSET ?`;
}

function sqlLimit(limit: number): number {
  return Number.isSafeInteger(limit) ? limit : -1;
}

/**
 * The same rows in natural order when an index picks them: SQLite sorts only their seq (read from the index) and
 * then fetches the rows it keeps, rather than sorting whole documents; the first match alone is their min(seq) (its
 * OFFSET, 0, is bound all the same).
 */
function naturalOrderSql(info: CollectionInfo, where: string, limit: number, offset: number): string {
  const t = info.table;
  if (limit === 1 && offset === 0) return `SELECT seq, id, doc FROM ${t} WHERE seq = (SELECT min(seq) FROM ${t} WHERE ${where}) AND ? = 0`;
  return `SELECT t.seq, t.id, t.doc FROM (SELECT seq FROM ${t} WHERE ${where} ORDER BY seq LIMIT ${sqlLimit(limit)} OFFSET ?) AS k CROSS JOIN ${t} AS t ON t.seq = k.seq ORDER BY k.seq`;
}

export class Store {
  readonly db: Database.Database;
  private readonly collections = new Map<string, CollectionInfo>();
  private readonly declared = new Map<string, IndexDeclaration[]>();
  private readonly stmtCache = new Map<string, Database.Statement>();
  /** The row reads' statements by their condition, then by the rest of their SQL (see readStmt). */
  private readonly reads = new Map<string, Map<string, Database.Statement>>();

  constructor(dataDir: string, collections: string[], indexes: IndexDeclaration[]) {
    fs.mkdirSync(dataDir, { recursive: true });
    this.db = new Database(path.join(dataDir, 'emulator.sqlite'));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS db_collections (name TEXT PRIMARY KEY, created_at INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS db_multikey (coll TEXT NOT NULL, field TEXT NOT NULL, PRIMARY KEY (coll, field));
    `);
    for (const ix of indexes) {
      if (!isIndexablePath(Object.keys(ix.keys).join('.')) || Object.keys(ix.keys).length === 0) {
        throw new Error(`index ${ix.collection}.${ix.name}: field paths must be plain dotted names`);
      }
      const list = this.declared.get(ix.collection) ?? [];
      list.push(ix);
      this.declared.set(ix.collection, list);
    }
    const existing = this.db.prepare('SELECT name FROM db_collections ORDER BY name').pluck().all() as string[];
    for (const name of existing) this.load(name);
    for (const name of new Set([...collections, ...indexes.map((i) => i.collection)])) {
      if (!this.collections.has(name)) this.create(name);
    }
  }

  close(): void {
    this.stmtCache.clear();
    this.reads.clear();
    if (this.db.open) this.db.close();
  }

  // ---- collections ----------------------------------------------------------------------------

  has(name: string): boolean {
    return this.collections.has(name);
  }

  names(): string[] {
    return [...this.collections.keys()];
  }

  /** The collection, or DATABASE_COLLECTION_NOT_EXIST. */
  collection(name: string): CollectionInfo {
    const info = this.collections.get(name);
    if (!info) throw collectionNotExist(name);
    return info;
  }

  /** Creates a collection (database.addCollection). Errors if it exists, like the cloud. */
  create(name: string): CollectionInfo {
    if (!COLLECTION_NAME.test(name)) {
      throw invalidParam(`集合名称不合法：只能包含字母、数字、下划线和短横线 (invalid collection name "${name}")`);
    }
    if (this.collections.has(name)) {
      throw new DbError(ErrorCode.COLLECTION_ALREADY_EXIST, `集合 "${name}" 已存在 (collection "${name}" already exists)`);
    }
    this.db.transaction(() => {
      this.db.exec(`CREATE TABLE IF NOT EXISTS ${tableName(name)} (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, doc TEXT NOT NULL)`);
      this.db.prepare('INSERT OR IGNORE INTO db_collections (name, created_at) VALUES (?, ?)').run(name, Date.now());
    })();
    return this.load(name);
  }

  private load(name: string): CollectionInfo {
    const table = tableName(name);
    const multikey = new Set(this.db.prepare('SELECT field FROM db_multikey WHERE coll = ?').pluck().all(name) as string[]);
    const info: CollectionInfo = { name, table, indexes: [], multikey };
    this.collections.set(name, info);
    this.syncIndexes(info);
    return info;
  }

  /** Creates the declared indexes of a collection, re-creates changed ones and drops undeclared ones. */
  private syncIndexes(info: CollectionInfo): void {
    const prefix = `ix__${sqlIdent(info.name)}__`;
    const present = new Map(
      (
        this.db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ?").all(`c_${info.name}`) as {
          name: string;
          sql: string | null;
        }[]
      ).map((r) => [r.name, r.sql ?? '']),
    );
    const wanted = new Set<string>();
    for (const decl of this.declared.get(info.name) ?? []) {
      const fields = Object.keys(decl.keys);
      const sqlName = `${prefix}${sqlIdent(decl.name)}`;
      const columns = fields
        .map((f) => {
          const dir = decl.keys[f] === -1 ? ' DESC' : '';
          return `${typeExpr(f)}${dir}, ${valueExpr(f)}${dir}`;
        })
        .join(', ');
      const sql = `CREATE ${decl.unique ? 'UNIQUE ' : ''}INDEX "${sqlName}" ON ${info.table} (${columns})`;
      wanted.add(sqlName);
      if (present.get(sqlName) !== sql) {
        this.db.exec(`DROP INDEX IF EXISTS "${sqlName}"`);
        for (const f of fields) {
          const hasArray = this.db.prepare(`SELECT 1 FROM ${info.table} WHERE ${arrayOnPathExpr(f)} LIMIT 1`).get();
          if (hasArray) this.markMultikey(info, f);
        }
        try {
          this.db.exec(sql);
        } catch (e) {
          throw new Error(`cannot create index ${info.name}.${decl.name}: ${(e as Error).message} (existing documents violate it?)`);
        }
      }
      info.indexes.push({ name: decl.name, sqlName, fields, unique: decl.unique === true });
    }
    for (const name of present.keys()) {
      if (name.startsWith(prefix) && !wanted.has(name)) this.db.exec(`DROP INDEX IF EXISTS "${name}"`);
    }
  }

  private markMultikey(info: CollectionInfo, field: string): void {
    if (info.multikey.has(field)) return;
    info.multikey.add(field);
    this.db.prepare('INSERT OR IGNORE INTO db_multikey (coll, field) VALUES (?, ?)').run(info.name, field);
  }

  private noteArrays(info: CollectionInfo, doc: Doc): void {
    for (const ix of info.indexes) {
      for (const f of ix.fields) if (!info.multikey.has(f) && arrayOnPath(doc, f)) this.markMultikey(info, f);
    }
  }

  // ---- statements -------------------------------------------------------------------------------

  /** A prepared statement, cached by its SQL text. */
  stmt(sql: string): Database.Statement {
    let s = this.stmtCache.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      if (this.stmtCache.size > 500) this.stmtCache.clear();
      this.stmtCache.set(sql, s);
    }
    return s;
  }

  /**
   * A row read's statement. Looked up by its WHERE first: the planner hands the same condition as the same string,
   * whose hash is kept, so the long SQL is not rebuilt and hashed on every request.
   */
  private readStmt(info: CollectionInfo, where: string, orderBy: string, limit: number, offset: number, all: boolean): Database.Statement {
    let byRest = this.reads.get(where);
    if (!byRest) {
      if (this.reads.size > 500) this.reads.clear();
      byRest = new Map();
      this.reads.set(where, byRest);
    }
    const natural = all && orderBy === 'seq' && where !== '1';
    const rest = `${info.table} ${orderBy} ${limit} ${natural && limit === 1 && offset === 0 ? 'first' : natural ? 'natural' : 'rows'}`;
    let s = byRest.get(rest);
    if (!s) {
      if (byRest.size > 100) byRest.clear();
      s = this.db.prepare(natural ? naturalOrderSql(info, where, limit, offset) : selectSql(info, where, orderBy, limit));
      byRest.set(rest, s);
    }
    return s;
  }

  /** Runs `fn` in one SQLite transaction (nested calls become savepoints). */
  atomic<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  // ---- rows -----------------------------------------------------------------------------------

  getByKey(info: CollectionInfo, key: string): Row | undefined {
    const r = this.stmt(`SELECT seq, doc FROM ${info.table} WHERE id = ?`).get(key) as { seq: number; doc: string } | undefined;
    return r ? new StoredRow(r.seq, key, r.doc) : undefined;
  }

  /** Rows whose SQL condition holds, in the given order, read one by one. */
  *select(info: CollectionInfo, where: string, params: unknown[], orderBy = 'seq', limit = -1, offset = 0): Generator<Row> {
    for (const r of this.readStmt(info, where, orderBy, limit, offset, false).iterate(...params, offset) as Iterable<{
      seq: number;
      id: string;
      doc: string;
    }>) {
      yield new StoredRow(r.seq, r.id, r.doc);
    }
  }

  /** The same rows at once (a bounded answer: cheaper than stepping through them one by one). */
  selectAll(info: CollectionInfo, where: string, params: unknown[], orderBy = 'seq', limit = -1, offset = 0): Row[] {
    return (this.readStmt(info, where, orderBy, limit, offset, true).all(...params, offset) as { seq: number; id: string; doc: string }[]).map(
      (r) => new StoredRow(r.seq, r.id, r.doc),
    );
  }

  count(info: CollectionInfo, where: string, params: unknown[]): number {
    return (this.stmt(`SELECT COUNT(*) AS n FROM ${info.table} WHERE ${where}`).get(...params) as { n: number }).n;
  }

  insert(info: CollectionInfo, doc: Doc): number {
    const key = idKey(doc._id);
    try {
      const r = this.stmt(`INSERT INTO ${info.table} (id, doc) VALUES (?, ?)`).run(key, toEJSON(doc));
      this.noteArrays(info, doc);
      return Number(r.lastInsertRowid);
    } catch (e) {
      throw this.mapConstraint(e, info, doc);
    }
  }

  replace(info: CollectionInfo, seq: number, doc: Doc): void {
    try {
      this.stmt(`UPDATE ${info.table} SET doc = ? WHERE seq = ?`).run(toEJSON(doc), seq);
      this.noteArrays(info, doc);
    } catch (e) {
      throw this.mapConstraint(e, info, doc);
    }
  }

  delete(info: CollectionInfo, seq: number): void {
    this.stmt(`DELETE FROM ${info.table} WHERE seq = ?`).run(seq);
  }

  /** Turns SQLite's UNIQUE failure into DATABASE_DUPLICATE_WRITE naming the index and key, like MongoDB's E11000. */
  private mapConstraint(e: unknown, info: CollectionInfo, doc: Doc): unknown {
    const code = (e as { code?: string }).code ?? '';
    if (!code.startsWith('SQLITE_CONSTRAINT')) return e;
    const msg = (e as Error).message;
    const ix = info.indexes.find((i) => msg.includes(i.sqlName));
    if (ix) {
      const dup = ix.fields.map((f) => `${f}: ${JSON.stringify(getPath(doc, f) ?? null)}`).join(', ');
      return new DbError(
        ErrorCode.DUPLICATE_WRITE,
        `[DuplicateWrite] E11000 duplicate key error collection: ${info.name} index: ${ix.name} dup key: { ${dup} } ` + `(唯一索引 ${ix.name} 冲突)`,
      );
    }
    return new DbError(
      ErrorCode.DUPLICATE_WRITE,
      `[DuplicateWrite] E11000 duplicate key error collection: ${info.name} index: _id_ dup key: { _id: ${JSON.stringify(doc._id)} } (文档 _id 已存在)`,
    );
  }
}

export function getPath(doc: Doc, field: string): unknown {
  let cur: unknown = doc;
  for (const seg of field.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur;
}
