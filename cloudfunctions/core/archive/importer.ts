/**
 * Importing a roster spreadsheet: the page uploads the .xlsx in base64 chunks (the api event is limited to 256 KB),
 * the preview parses and judges every row and writes nothing, and the commit judges again and writes the rows.
 *
 * CloudBase allows only single-record operations inside a transaction, and a transaction should stay small (MongoDB
 * advises at most about 1,000 documents; CloudBase ends one after 30 s), so a 2,000-row sheet (some 9,000 documents)
 * is written in transactions of ROWS_PER_TRANSACTION rows, each document its own request, sent together. Each row's
 * child, signed paper consent, contact card, history entries, guardian alert and audit entry commit in the same
 * transaction: a row is there whole, with its audit entry, or not at all.
 *
 * The commit first claims the batch and the classes it fills (one transaction): the batch turns 'committing' under a
 * lease longer than the function's timeout, and the classes take no pupil added by hand meanwhile (createChild
 * checks the claim). Every later transaction checks that the lease is still its own and counts the rows done on the
 * batch; the last one flips the batch to 'committed' and releases the classes. A commit that died half-way leaves
 * whole rows only; once its lease has run out, committing again resumes it: a child's _id is derived from the batch
 * and the row, so a row already imported is skipped and can never be written twice. A commit of a batch that is
 * committed, or being committed, is refused.
 */
import crypto from 'node:crypto';
import { addEach, type Database, type Transaction } from '../cloud';
import type { Child, ContactCard, ImportBatch, SchoolClass } from '../../../typings/domain';
import type { ActionInput, ActionOutput } from '../../../typings/actions';
import type { ImportPreview } from '../../../typings/actions/archive';
import { AppError } from '../errors';
import { FORBIDDEN_SCOPE, type Target } from '../access';
import { audit, type AuditActor } from '../audit';
import { COLLECTION } from '../collections';
import { PRIVACY_NOTICE } from '../consent';
import { diffRecords } from './diff';
import { historyEntry } from './history';
import { needsGuardianAlert } from './rules';
import { collided, docOf, fetchAll, guardianAlert, guardianAlertId, type Actor } from './store';
import { newId } from './ids';
import { deliverRaised } from '../alerts/deliver';
import { judgeRows, normalizeClassName, parseWorkbook, SheetError, type ImportRecord, type Judged, type ParsedSheet } from './excel';

export type { ImportBatch };

export const CHUNK_CHARS = 200_000;
export const MAX_CHUNKS = 30;
export const UPLOAD_TTL_MS = 24 * 3600 * 1000;
/** Rows per transaction of a commit (each row is 3 to 7 documents). */
export const ROWS_PER_TRANSACTION = 50;
/** Rows written at once inside a transaction: some 50 requests in flight, not hundreds. */
const ROWS_AT_ONCE = 10;
/** How long a commit holds its batch and classes: longer than the api function may run (20 s). */
export const COMMIT_LEASE_MS = 60_000;
/**
 * How long one imports.commit call writes (real time, from its start) before it answers with the rows remaining,
 * for the page to call again: well inside the api function's 20 s, whatever the sheet's size.
 */
export const COMMIT_BUDGET_MS = 12_000;

/** The caller's own upload (someone else's is answered like an unknown one), refused once it has expired. */
export async function loadBatch(db: Database, uploadId: string, openid: string, now: Date): Promise<ImportBatch> {
  const batch = docOf<ImportBatch>(await db.collection(COLLECTION.importBatches).doc(uploadId).get());
  if (!batch || batch.createdBy !== openid) throw new AppError('FORBIDDEN', FORBIDDEN_SCOPE);
  return openBatch(batch, now);
}

/** An upload the router has loaded and found to be the caller's: refused once it has expired. */
export function openBatch(batch: ImportBatch, now: Date): ImportBatch {
  if (batch.status !== 'committed' && batch.expiresAt.getTime() < now.getTime()) throw new AppError('EXPIRED', '上传已过期（24 小时），请重新选择文件');
  return batch;
}

/**
 * Receive one chunk of an upload: the first (seq 0, no uploadId) opens it, the others name it; a chunk sent twice
 * is harmless. The school named must be the class's, and an archived class takes no import.
 */
export async function receiveChunk(
  db: Database,
  input: ActionInput<'imports.upload'>,
  target: Target,
  actor: Pick<AuditActor, 'openid' | 'now'>,
): Promise<ActionOutput<'imports.upload'>> {
  if (target.schoolId !== input.schoolId) throw new AppError('FORBIDDEN', FORBIDDEN_SCOPE);
  if (target.schoolClass?.archivedAt) throw new AppError('CONFLICT', '该班级已撤销');
  const uploadId = input.uploadId ? await continueUpload(db, input.uploadId, input, actor) : await openUpload(db, input, actor);
  await db
    .collection(COLLECTION.importChunks)
    .doc(`${uploadId}-${input.seq}`)
    .set({ batchId: uploadId, seq: input.seq, data: input.data, createdAt: actor.now, expiresAt: uploadExpiry(actor.now) });
  const received = await db.collection(COLLECTION.importChunks).where({ batchId: uploadId }).count();
  return { uploadId, received: received.total ?? 0, total: input.total };
}

/** A later chunk names the caller's own open upload, and agrees with its first chunk. */
async function continueUpload(
  db: Database,
  uploadId: string,
  input: ActionInput<'imports.upload'>,
  actor: Pick<AuditActor, 'openid' | 'now'>,
): Promise<string> {
  const batch = await loadBatch(db, uploadId, actor.openid, actor.now);
  if (batch.status === 'committed') throw new AppError('CONFLICT', '该文件已经导入过了');
  if (batch.total !== input.total || batch.schoolId !== input.schoolId || batch.classId !== (input.classId ?? null))
    throw new AppError('CONFLICT', '分片与上传不一致，请重新上传');
  return uploadId;
}

async function openUpload(db: Database, input: ActionInput<'imports.upload'>, actor: Pick<AuditActor, 'openid' | 'now'>): Promise<string> {
  if (input.seq !== 0) throw new AppError('INVALID_INPUT', '请从第一片开始上传', [{ path: 'seq', message: '请从第一片开始上传' }]);
  const batch: ImportBatch = {
    _id: newId(),
    schoolId: input.schoolId,
    classId: input.classId ?? null,
    fileName: input.fileName,
    total: input.total,
    status: 'uploading',
    createdBy: actor.openid,
    createdAt: actor.now,
    expiresAt: uploadExpiry(actor.now),
    committedAt: null,
    created: null,
  };
  await db.collection(COLLECTION.importBatches).add(batch);
  return batch._id;
}

/** The uploaded file, once every chunk is there. */
export async function loadFile(db: Database, batch: ImportBatch): Promise<Buffer> {
  const res = await db.collection(COLLECTION.importChunks).where({ batchId: batch._id }).orderBy('seq', 'asc').limit(MAX_CHUNKS).get();
  const chunks = res.data as { seq: number; data: string }[];
  if (chunks.length !== batch.total || chunks.some((c, i) => c.seq !== i))
    throw new AppError('CONFLICT', `文件还没有上传完整（${chunks.length}/${batch.total}），请重新上传`);
  return Buffer.from(chunks.map((c) => c.data).join(''), 'base64');
}

export interface Judgement extends Judged {
  sheet: ParsedSheet;
}

/** The last file parsed, by its content: a large import commits over several calls, and a warm instance answers the later ones without parsing the same file again. */
let lastParsed: { hash: string; sheet: ParsedSheet } | null = null;

async function parseOnce(file: Buffer): Promise<ParsedSheet> {
  const hash = crypto.createHash('sha256').update(file).digest('hex');
  if (lastParsed?.hash === hash) return lastParsed.sheet;
  try {
    const sheet = await parseWorkbook(file);
    lastParsed = { hash, sheet };
    return sheet;
  } catch (err) {
    if (err instanceof SheetError) throw new AppError('INVALID_INPUT', err.message, [{ path: 'file', message: err.message }]);
    throw err;
  }
}

/** Parse the file and judge every row against the school's classes and children (those this batch imported aside). */
export async function judgeUpload(db: Database, batch: ImportBatch, file: Buffer): Promise<Judgement> {
  const sheet = await parseOnce(file);
  if (sheet.rows.length === 0) throw new AppError('INVALID_INPUT', '表格里没有学生数据', [{ path: 'file', message: '表格里没有学生数据' }]);
  const [classRes, existing] = await Promise.all([
    db.collection(COLLECTION.classes).where({ schoolId: batch.schoolId }).field({ name: true, archivedAt: true }).limit(1000).get(),
    fetchAll<Pick<Child, 'name' | 'birthDate' | 'classId' | 'idNumber'>>((skip) =>
      db
        .collection(COLLECTION.children)
        .where({ schoolId: batch.schoolId, deletedAt: null, importBatchId: db.command.neq(batch._id) })
        .field({ name: true, birthDate: true, classId: true, idNumber: true })
        .orderBy('_id', 'asc')
        .skip(skip)
        .limit(1000)
        .get(),
    ),
  ]);
  const classes = (classRes.data as SchoolClass[]).filter((c) => !c.archivedAt);
  const byName = new Map(classes.map((c) => [normalizeClassName(c.name), { id: c._id, name: c.name }]));
  const fixed = batch.classId ? (classes.find((c) => c._id === batch.classId) ?? null) : null;
  if (batch.classId && !fixed) throw new AppError('CONFLICT', '该班级已撤销');
  return { sheet, ...judgeRows(sheet.rows, { classes: byName, fixedClass: fixed ? { id: fixed._id, name: fixed.name } : null }, existing) };
}

/** Every row of the uploaded sheet judged: which are invalid and why, what would be stored. Writes nothing. */
export async function previewUpload(db: Database, stored: ImportBatch, now: Date): Promise<ImportPreview> {
  const batch = openBatch(stored, now);
  return previewOf(batch, await judgeUpload(db, batch, await loadFile(db, batch)));
}

export function previewOf(batch: ImportBatch, j: Judgement): ImportPreview {
  return {
    uploadId: batch._id,
    fileName: batch.fileName,
    valid: j.records.length,
    invalid: j.problems.length,
    problems: j.problems,
    warnings: j.warnings,
    sample: j.records.slice(0, 20).map((r) => ({
      row: r.row,
      name: r.roster.name,
      gender: r.roster.gender,
      birthDate: r.roster.birthDate,
      className: r.className,
      consent: !!r.consent,
    })),
    columns: { recognized: j.sheet.recognized, ignored: j.sheet.ignored },
    committed: batch.status === 'committed',
  };
}

export interface CommitResult {
  /** Rows of the batch written so far (all of them once `remaining` is 0). */
  created: number;
  remaining: number;
  consents: number;
  cards: number;
  alerts: number;
  childIds: string[];
  alertIds: string[];
}

/** The documents one row becomes. */
function documentsOf(r: ImportRecord, batch: ImportBatch, communityOf: Map<string, string | null>, actor: Actor) {
  const childId = importedChildId(batch._id, r.row);
  const child: Child = {
    _id: childId,
    schoolId: batch.schoolId,
    classId: r.classId,
    communityId: communityOf.get(r.classId) ?? null,
    ...r.roster,
    lunarBirthday: null,
    focusSupport: null,
    ...(r.archive ?? {}),
    archiveVersion: 1,
    createdAt: actor.now,
    updatedAt: actor.now,
    updatedBy: actor.openid,
    deletedAt: null,
    importBatchId: batch._id,
  };
  const card: ContactCard | null = r.card
    ? {
        _id: childId,
        childId,
        schoolId: batch.schoolId,
        classId: r.classId,
        ...r.card,
        version: 1,
        createdAt: actor.now,
        updatedAt: actor.now,
        updatedBy: actor.openid,
        confirmedAt: actor.now,
        confirmedBy: actor.openid,
      }
    : null;
  const consent = r.consent
    ? {
        _id: newId(),
        childId,
        decision: 'granted',
        noticeVersion: PRIVACY_NOTICE.version,
        method: 'paper',
        by: r.consent.signerName,
        signerRelation: r.consent.signerRelation,
        recordedBy: actor.openid,
        at: actor.now,
      }
    : null;
  const history = [
    {
      _id: newId(),
      ...historyEntry({
        ...actor,
        schoolId: batch.schoolId,
        childId,
        target: 'archive',
        version: 1,
        changes: diffRecords(null, { ...r.roster, ...(r.archive ?? {}) }),
        note: `导入花名册（${batch.fileName} 第 ${r.row} 行）`,
      }),
    },
    ...(card
      ? [
          {
            _id: newId(),
            ...historyEntry({
              ...actor,
              schoolId: batch.schoolId,
              childId,
              target: 'contactCard',
              version: 1,
              changes: diffRecords(null, { ...r.card }),
              note: '导入花名册',
            }),
          },
        ]
      : []),
  ];
  const alert = card && needsGuardianAlert(child, card, actor.now) ? { _id: guardianAlertId(childId, 1), ...guardianAlert(child, actor, card) } : null;
  const audited = { kind: 'change' as const, schoolId: batch.schoolId, childId, fields: ['import'], note: `导入花名册：${batch.fileName}` };
  return { child, card, consent, history, alert, audited };
}

/** The child a row of a batch becomes: the same id whenever the row is written, so it is written once. */
export function importedChildId(batchId: string, row: number): string {
  return crypto.createHash('sha256').update(`${batchId}:${row}`).digest('hex').slice(0, 24);
}

type RowDocs = ReturnType<typeof documentsOf>;

/** Where a commit is: before each chunk's transaction commits (`written`, the chunk in it) and after it. */
export type CommitProgress = (event: { stage: 'written' | 'committed'; rows: number }) => Promise<void>;

const BUSY = '这个文件正在导入，请稍候再看结果';

/**
 * Write the records in transactions of ROWS_PER_TRANSACTION rows (see the file comment): claim the batch and its
 * classes, skip the rows an earlier, interrupted commit wrote, write the others until `deadline` (a time from
 * Date.now()), the last transaction flipping the batch. Stopped by the deadline, it lets the batch go, for the next
 * call to go on at once. `progress` is told where the commit is (tests kill the process there).
 */
export async function commitImport(
  db: Database,
  batch: ImportBatch,
  records: ImportRecord[],
  actor: Actor,
  opts: { deadline?: number; progress?: CommitProgress } = {},
): Promise<CommitResult> {
  const { deadline = Infinity, progress } = opts;
  const classRes = await db.collection(COLLECTION.classes).where({ schoolId: batch.schoolId }).field({ communityId: true }).limit(1000).get();
  const communityOf = new Map((classRes.data as SchoolClass[]).map((c) => [c._id, c.communityId ?? null]));
  const docs = records.map((r) => documentsOf(r, batch, communityOf, actor));
  const classIds = [...new Set(records.map((r) => r.classId))];
  const lease = { token: newId(), until: new Date(actor.now.getTime() + COMMIT_LEASE_MS) };
  await claimBatch(db, batch, docs, classIds, lease, actor);

  const written = new Set(
    (
      await fetchAll<{ _id: string }>((skip) =>
        db.collection(COLLECTION.children).where({ importBatchId: batch._id }).field({ _id: true }).orderBy('_id', 'asc').skip(skip).limit(1000).get(),
      )
    ).map((c) => c._id),
  );
  const left = docs.filter((d) => !written.has(d.child._id));
  for (let i = 0; i < left.length || i === 0; i += ROWS_PER_TRANSACTION) {
    if (i > 0 && Date.now() >= deadline) {
      await releaseBatch(db, batch._id, lease.token);
      break;
    }
    const chunk = left.slice(i, i + ROWS_PER_TRANSACTION);
    const last = i + ROWS_PER_TRANSACTION >= left.length;
    const rows = written.size + chunk.length;
    await db.runTransaction(async (tx: Transaction) => {
      const current = docOf<ImportBatch>(await tx.collection(COLLECTION.importBatches).doc(batch._id).get());
      if (current?.lease?.token !== lease.token) throw new AppError('CONFLICT', BUSY);
      const finished = { status: 'committed', committedAt: actor.now, committedBy: actor.openid, created: docs.length, lease: null };
      for (let r = 0; r < chunk.length; r += ROWS_AT_ONCE) await Promise.all(chunk.slice(r, r + ROWS_AT_ONCE).map((d) => writeRow(tx, d, actor)));
      await Promise.all([
        tx
          .collection(COLLECTION.importBatches)
          .doc(batch._id)
          .update({ imported: rows, ...(last ? finished : {}) }),
        ...(last ? classIds.map((id) => tx.collection(COLLECTION.classes).doc(id).update({ importing: null })) : []),
      ]);
      if (progress) await progress({ stage: 'written', rows });
    });
    chunk.forEach((d) => written.add(d.child._id));
    if (progress) await progress({ stage: 'committed', rows });
  }
  const done = docs.filter((d) => written.has(d.child._id));
  return {
    created: done.length,
    remaining: docs.length - done.length,
    consents: done.filter((d) => d.consent).length,
    cards: done.filter((d) => d.card).length,
    alerts: done.filter((d) => d.alert).length,
    childIds: done.map((d) => d.child._id),
    alertIds: done.flatMap((d) => (d.alert ? [d.alert._id] : [])),
  };
}

/** A commit that stops before the end lets go of the batch (the classes stay held until their lease runs out). */
async function releaseBatch(db: Database, batchId: string, token: string): Promise<void> {
  await db.runTransaction(async (tx: Transaction) => {
    const current = docOf<ImportBatch>(await tx.collection(COLLECTION.importBatches).doc(batchId).get());
    if (current?.lease?.token === token) await tx.collection(COLLECTION.importBatches).doc(batchId).update({ lease: null });
  });
}

/**
 * The commit's first transaction: the batch is not committed nor held by a live lease, its classes are open and not
 * held by another import, and no row has meanwhile been added by hand (the check createChild makes, here against
 * the classes' current pupils). Then the batch and the classes are held under the lease.
 */
async function claimBatch(db: Database, batch: ImportBatch, docs: RowDocs[], classIds: string[], lease: ImportLease, actor: Actor): Promise<void> {
  const _ = db.command;
  await db
    .runTransaction(async (tx: Transaction) => {
      const current = docOf<ImportBatch>(await tx.collection(COLLECTION.importBatches).doc(batch._id).get());
      if (!current || current.status === 'committed') throw new AppError('CONFLICT', '该文件已经导入过了');
      if (current.lease && current.lease.until.getTime() > actor.now.getTime()) throw new AppError('CONFLICT', BUSY);
      const classes = await Promise.all(classIds.map(async (id) => docOf<SchoolClass>(await tx.collection(COLLECTION.classes).doc(id).get())));
      if (classes.some((c) => !c || c.archivedAt)) throw new AppError('CONFLICT', '要导入的班级已撤销，请重新预览');
      if (classes.some((c) => c!.importing && c!.importing.batchId !== batch._id && c!.importing.until.getTime() > actor.now.getTime()))
        throw new AppError('CONFLICT', '班级正在导入另一份花名册，请稍后再试');
      await Promise.all([
        ...classIds.map((id) =>
          tx
            .collection(COLLECTION.classes)
            .doc(id)
            .update({ importing: { batchId: batch._id, until: lease.until }, rosterChangedAt: actor.now }),
        ),
        tx
          .collection(COLLECTION.importBatches)
          .doc(batch._id)
          .update({ status: 'committing', lease, imported: current.imported ?? 0 }),
      ]);
      const pupils = await fetchAll<Pick<Child, 'classId' | 'name' | 'birthDate'>>((skip) =>
        tx
          .collection(COLLECTION.children)
          .where({ classId: _.in(classIds), deletedAt: null, importBatchId: _.neq(batch._id) })
          .field({ classId: true, name: true, birthDate: true })
          .orderBy('_id', 'asc')
          .skip(skip)
          .limit(1000)
          .get(),
      );
      const taken = new Set(pupils.map((p) => `${p.classId}|${p.name}|${p.birthDate}`));
      const added = docs.filter((d) => taken.has(`${d.child.classId}|${d.child.name}|${d.child.birthDate}`));
      if (added.length)
        throw new AppError(
          'CONFLICT',
          `${added
            .map((d) => d.child.name)
            .slice(0, 3)
            .join('、')}${added.length > 3 ? ` 等 ${added.length} 人` : ''}刚刚已被加入花名册，未导入任何数据，请重新预览`,
        );
    })
    .catch((err: unknown) => {
      // still held by a commit that has not finished (or whose transaction the database has not yet let go)
      if (collided(err)) throw new AppError('CONFLICT', BUSY);
      throw err;
    });
}

type ImportLease = NonNullable<ImportBatch['lease']>;

/** One row's documents, each its own request, sent together. */
async function writeRow(tx: Transaction, d: RowDocs, actor: Actor): Promise<void> {
  await Promise.all([
    tx.collection(COLLECTION.children).add(d.child),
    d.consent ? tx.collection(COLLECTION.consents).add(d.consent) : null,
    d.card ? tx.collection(COLLECTION.contactCards).add(d.card) : null,
    addEach(tx, COLLECTION.archiveHistory, d.history),
    d.alert ? tx.collection(COLLECTION.alerts).add(d.alert) : null,
    audit(tx, actor, [d.audited]),
  ]);
}

/**
 * Import the previewed sheet: the rows are judged again (the school may have changed since the preview); any invalid
 * row refuses the whole import. A large sheet takes several calls: each writes for COMMIT_BUDGET_MS and answers how
 * many rows remain, and the page calls again until none do. Then the uploaded file is removed.
 */
export async function importUpload(db: Database, stored: ImportBatch, actor: Actor): Promise<ActionOutput<'imports.commit'>> {
  const deadline = Date.now() + COMMIT_BUDGET_MS;
  const batch = openBatch(stored, actor.now);
  if (batch.status === 'committed') throw new AppError('CONFLICT', '该文件已经导入过了');
  if (batch.lease && batch.lease.until.getTime() > actor.now.getTime()) throw new AppError('CONFLICT', BUSY);
  const judgement = await judgeUpload(db, batch, await loadFile(db, batch));
  if (judgement.problems.length) {
    throw new AppError(
      'INVALID_INPUT',
      `有 ${judgement.problems.length} 行有误，未导入任何数据。请修改后重新上传`,
      judgement.problems.slice(0, 50).map((p) => ({ path: `row ${p.row}`, message: p.errors.join('；') })),
    );
  }
  const result = await commitImport(db, batch, judgement.records, actor, { deadline });
  if (result.remaining === 0) await removeChunks(db, batch._id);
  await deliverRaised(db, result.alertIds, actor.now);
  return { created: result.created, remaining: result.remaining, consents: result.consents, cards: result.cards, alerts: result.alerts };
}

/** After a commit (or on expiry) the uploaded file is removed. */
export async function removeChunks(db: Database, batchId: string): Promise<void> {
  await db.collection(COLLECTION.importChunks).where({ batchId }).remove();
}

export function uploadExpiry(now: Date): Date {
  return new Date(now.getTime() + UPLOAD_TTL_MS);
}
