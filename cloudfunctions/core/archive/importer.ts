/**
 * Importing a roster spreadsheet: the page uploads the .xlsx in base64 chunks (the api event is limited to 256 KB),
 * the preview parses and judges every row and writes nothing, and the commit judges again and writes every row in
 * one transaction: children, signed paper consents, contact cards, history entries and guardian alerts, and last the
 * batch's flip to 'committed'. A commit that dies half-way leaves nothing behind (its transaction never commits),
 * and the flip inside the same transaction makes a second commit of the same batch impossible.
 */
import type { Database, Transaction } from '../cloud';
import type { Child, ContactCard, ImportBatch, SchoolClass } from '../../../typings/domain';

export type { ImportBatch };
import type { ImportPreview } from '../../../typings/actions/archive';
import { AppError } from '../errors';
import { FORBIDDEN_SCOPE } from '../access';
import { COLLECTION } from '../collections';
import { PRIVACY_NOTICE } from '../consent';
import { diffRecords } from './diff';
import { HISTORY, historyEntry } from './history';
import { needsGuardianAlert, ageOn } from './rules';
import { docOf, fetchAll, GUARDIAN_ALERT, type Actor } from './store';
import { newId } from './care';
import { judgeRows, normalizeClassName, parseWorkbook, SheetError, type ImportRecord, type Judged, type ParsedSheet } from './excel';

export const CHUNK_CHARS = 200_000;
export const MAX_CHUNKS = 30;
export const UPLOAD_TTL_MS = 24 * 3600 * 1000;
/** Documents per insert request inside the commit transaction. */
export const WRITE_BATCH = 500;


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

/** The uploaded file, once every chunk is there. */
export async function loadFile(db: Database, batch: ImportBatch): Promise<Buffer> {
  const res = await db.collection('importChunks').where({ batchId: batch._id }).orderBy('seq', 'asc').limit(MAX_CHUNKS).get();
  const chunks = res.data as { seq: number; data: string }[];
  if (chunks.length !== batch.total || chunks.some((c, i) => c.seq !== i)) throw new AppError('CONFLICT', `文件还没有上传完整（${chunks.length}/${batch.total}），请重新上传`);
  return Buffer.from(chunks.map((c) => c.data).join(''), 'base64');
}

export interface Judgement extends Judged {
  sheet: ParsedSheet;
}

/** Parse the file and judge every row against the school's classes and children. */
export async function judgeUpload(db: Database, batch: ImportBatch, file: Buffer): Promise<Judgement> {
  let sheet: ParsedSheet;
  try {
    sheet = await parseWorkbook(file);
  } catch (err) {
    if (err instanceof SheetError) throw new AppError('INVALID_INPUT', err.message, [{ path: 'file', message: err.message }]);
    throw err;
  }
  if (sheet.rows.length === 0) throw new AppError('INVALID_INPUT', '表格里没有学生数据', [{ path: 'file', message: '表格里没有学生数据' }]);
  const [classRes, existing] = await Promise.all([
    db.collection('classes').where({ schoolId: batch.schoolId }).field({ name: true, archivedAt: true }).limit(1000).get(),
    fetchAll<Pick<Child, 'name' | 'birthDate' | 'classId' | 'idNumber'>>((skip) =>
      db.collection('children').where({ schoolId: batch.schoolId, deletedAt: null }).field({ name: true, birthDate: true, classId: true, idNumber: true }).orderBy('_id', 'asc').skip(skip).limit(1000).get(),
    ),
  ]);
  const classes = (classRes.data as SchoolClass[]).filter((c) => !c.archivedAt);
  const byName = new Map(classes.map((c) => [normalizeClassName(c.name), { id: c._id, name: c.name }]));
  const fixed = batch.classId ? (classes.find((c) => c._id === batch.classId) ?? null) : null;
  if (batch.classId && !fixed) throw new AppError('CONFLICT', '该班级已撤销');
  return { sheet, ...judgeRows(sheet.rows, { classes: byName, fixedClass: fixed ? { id: fixed._id, name: fixed.name } : null }, existing) };
}

export function previewOf(batch: ImportBatch, j: Judgement): ImportPreview {
  return {
    uploadId: batch._id,
    fileName: batch.fileName,
    valid: j.records.length,
    invalid: j.problems.length,
    problems: j.problems,
    warnings: j.warnings,
    sample: j.records.slice(0, 20).map((r) => ({ row: r.row, name: r.roster.name, gender: r.roster.gender, birthDate: r.roster.birthDate, className: r.className, consent: !!r.consent })),
    columns: { recognized: j.sheet.recognized, ignored: j.sheet.ignored },
    committed: batch.status === 'committed',
  };
}

export interface CommitResult {
  created: number;
  consents: number;
  cards: number;
  alerts: number;
  childIds: string[];
}

/** The documents one row becomes. */
function documentsOf(r: ImportRecord, batch: ImportBatch, communityOf: Map<string, string | null>, actor: Actor) {
  const childId = newId();
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
    ? { _id: childId, childId, schoolId: batch.schoolId, classId: r.classId, ...r.card, version: 1, createdAt: actor.now, updatedAt: actor.now, updatedBy: actor.openid, confirmedAt: actor.now, confirmedBy: actor.openid }
    : null;
  const consent = r.consent
    ? { _id: newId(), childId, decision: 'granted', noticeVersion: PRIVACY_NOTICE.version, method: 'paper', by: r.consent.signerName, signerRelation: r.consent.signerRelation, recordedBy: actor.openid, at: actor.now }
    : null;
  const history = [
    { _id: newId(), ...historyEntry({ ...actor, schoolId: batch.schoolId, childId, target: 'archive', version: 1, changes: diffRecords(null, { ...r.roster, ...(r.archive ?? {}) }), note: `导入花名册（${batch.fileName} 第 ${r.row} 行）` }) },
    ...(card ? [{ _id: newId(), ...historyEntry({ ...actor, schoolId: batch.schoolId, childId, target: 'contactCard', version: 1, changes: diffRecords(null, { ...r.card }), note: '导入花名册' }) }] : []),
  ];
  const alert =
    card && needsGuardianAlert(child, card, actor.now)
      ? {
          _id: newId(),
          schoolId: batch.schoolId,
          classId: r.classId,
          childId,
          kind: GUARDIAN_ALERT,
          message: `${child.name}（${ageOn(child.birthDate, actor.now)}岁）没有具有照护能力的监护人。不满十六周岁的儿童不得脱离监护单独居住生活，请尽快核实并落实委托照护。`,
          createdAt: actor.now,
          createdBy: actor.openid,
          resolvedAt: null,
          resolvedBy: null,
          resolution: null,
        }
      : null;
  return { child, card, consent, history, alert };
}

/**
 * Write every record in one transaction, ending with the batch's flip. `afterWrite` is called after each insert
 * request (progress for tests that kill the process half-way).
 */
export async function commitImport(db: Database, batch: ImportBatch, records: ImportRecord[], actor: Actor, afterWrite?: (written: number) => Promise<void>): Promise<CommitResult> {
  const classRes = await db.collection('classes').where({ schoolId: batch.schoolId }).field({ communityId: true }).limit(1000).get();
  const communityOf = new Map((classRes.data as SchoolClass[]).map((c) => [c._id, c.communityId ?? null]));
  const docs = records.map((r) => documentsOf(r, batch, communityOf, actor));
  const collections: [string, Record<string, unknown>[]][] = [
    ['children', docs.map((d) => d.child)],
    ['consents', docs.flatMap((d) => (d.consent ? [d.consent] : []))],
    ['contactCards', docs.flatMap((d) => (d.card ? [d.card as unknown as Record<string, unknown>] : []))],
    [HISTORY, docs.flatMap((d) => d.history)],
    ['alerts', docs.flatMap((d) => (d.alert ? [d.alert] : []))],
  ];
  await db.runTransaction(async (tx: Transaction) => {
    const current = docOf<ImportBatch>(await tx.collection('importBatches').doc(batch._id).get());
    if (!current || current.status === 'committed') throw new AppError('CONFLICT', '该文件已经导入过了');
    let written = 0;
    for (const [name, list] of collections) {
      for (let i = 0; i < list.length; i += WRITE_BATCH) {
        await tx.collection(name).add(list.slice(i, i + WRITE_BATCH));
        written += Math.min(WRITE_BATCH, list.length - i);
        if (afterWrite) await afterWrite(written);
      }
    }
    await tx.collection('importBatches').doc(batch._id).update({ status: 'committed', committedAt: actor.now, committedBy: actor.openid, created: docs.length });
  });
  return {
    created: docs.length,
    consents: collections[1][1].length,
    cards: collections[2][1].length,
    alerts: collections[4][1].length,
    childIds: docs.map((d) => d.child._id),
  };
}

/** After a commit (or on expiry) the uploaded file is removed. */
export async function removeChunks(db: Database, batchId: string): Promise<void> {
  await db.collection('importChunks').where({ batchId }).remove();
}

export function uploadExpiry(now: Date): Date {
  return new Date(now.getTime() + UPLOAD_TTL_MS);
}

