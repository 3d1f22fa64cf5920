/**
 * Importing a roster spreadsheet: the page uploads the .xlsx in base64 chunks (the api event is limited to 256 KB),
 * the preview parses and judges every row and writes nothing, and the commit judges again and writes every row in
 * one transaction: children, signed paper consents, contact cards, history entries, guardian alerts and the audit
 * entries, and last the batch's flip to 'committed'. A commit that dies half-way leaves nothing behind (its
 * transaction never commits), and the flip inside the same transaction makes a second commit of the same batch
 * impossible.
 */
import type { Database, Transaction } from '../cloud';
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
import { docOf, fetchAll, guardianAlert, type Actor } from './store';
import { newId } from './ids';
import { deliverRaised } from '../alerts/deliver';
import { judgeRows, normalizeClassName, parseWorkbook, SheetError, type ImportRecord, type Judged, type ParsedSheet } from './excel';

export type { ImportBatch };

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
    db.collection(COLLECTION.classes).where({ schoolId: batch.schoolId }).field({ name: true, archivedAt: true }).limit(1000).get(),
    fetchAll<Pick<Child, 'name' | 'birthDate' | 'classId' | 'idNumber'>>((skip) =>
      db
        .collection(COLLECTION.children)
        .where({ schoolId: batch.schoolId, deletedAt: null })
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
  created: number;
  consents: number;
  cards: number;
  alerts: number;
  childIds: string[];
  alertIds: string[];
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
  const alert = card && needsGuardianAlert(child, card, actor.now) ? { _id: newId(), ...guardianAlert(child, actor, card) } : null;
  return { child, card, consent, history, alert };
}

/**
 * Write every record and its audit entry in one transaction, ending with the batch's flip. `afterWrite` is called
 * after each insert request (progress for tests that kill the process half-way).
 */
export async function commitImport(
  db: Database,
  batch: ImportBatch,
  records: ImportRecord[],
  actor: Actor,
  afterWrite?: (written: number) => Promise<void>,
): Promise<CommitResult> {
  const classRes = await db.collection(COLLECTION.classes).where({ schoolId: batch.schoolId }).field({ communityId: true }).limit(1000).get();
  const communityOf = new Map((classRes.data as SchoolClass[]).map((c) => [c._id, c.communityId ?? null]));
  const docs = records.map((r) => documentsOf(r, batch, communityOf, actor));
  const collections: [string, Record<string, unknown>[]][] = [
    [COLLECTION.children, docs.map((d) => d.child)],
    [COLLECTION.consents, docs.flatMap((d) => (d.consent ? [d.consent] : []))],
    [COLLECTION.contactCards, docs.flatMap((d) => (d.card ? [d.card as unknown as Record<string, unknown>] : []))],
    [COLLECTION.archiveHistory, docs.flatMap((d) => d.history)],
    [COLLECTION.alerts, docs.flatMap((d) => (d.alert ? [d.alert] : []))],
  ];
  const audited = docs.map((d) => ({
    kind: 'change' as const,
    schoolId: batch.schoolId,
    childId: d.child._id,
    fields: ['import'],
    note: `导入花名册：${batch.fileName}`,
  }));
  await db.runTransaction(async (tx: Transaction) => {
    const current = docOf<ImportBatch>(await tx.collection(COLLECTION.importBatches).doc(batch._id).get());
    if (!current || current.status === 'committed') throw new AppError('CONFLICT', '该文件已经导入过了');
    let written = 0;
    const wrote = async (n: number) => {
      written += n;
      if (afterWrite) await afterWrite(written);
    };
    for (const [name, list] of collections) {
      for (let i = 0; i < list.length; i += WRITE_BATCH) {
        await tx.collection(name).add(list.slice(i, i + WRITE_BATCH));
        await wrote(Math.min(WRITE_BATCH, list.length - i));
      }
    }
    for (let i = 0; i < audited.length; i += WRITE_BATCH) {
      await audit(tx, actor, audited.slice(i, i + WRITE_BATCH));
      await wrote(Math.min(WRITE_BATCH, audited.length - i));
    }
    await tx
      .collection(COLLECTION.importBatches)
      .doc(batch._id)
      .update({ status: 'committed', committedAt: actor.now, committedBy: actor.openid, created: docs.length });
  });
  return {
    created: docs.length,
    consents: collections[1][1].length,
    cards: collections[2][1].length,
    alerts: collections[4][1].length,
    childIds: docs.map((d) => d.child._id),
    alertIds: docs.flatMap((d) => (d.alert ? [d.alert._id] : [])),
  };
}

/**
 * Import the previewed sheet: all rows or none. The rows are judged again (the school may have changed since the
 * preview); any invalid row refuses the whole import. Then the uploaded file is removed.
 */
export async function importUpload(db: Database, stored: ImportBatch, actor: Actor): Promise<ActionOutput<'imports.commit'>> {
  const batch = openBatch(stored, actor.now);
  if (batch.status === 'committed') throw new AppError('CONFLICT', '该文件已经导入过了');
  const judgement = await judgeUpload(db, batch, await loadFile(db, batch));
  if (judgement.problems.length) {
    throw new AppError(
      'INVALID_INPUT',
      `有 ${judgement.problems.length} 行有误，未导入任何数据。请修改后重新上传`,
      judgement.problems.slice(0, 50).map((p) => ({ path: `row ${p.row}`, message: p.errors.join('；') })),
    );
  }
  const result = await commitImport(db, batch, judgement.records, actor);
  await removeChunks(db, batch._id);
  await deliverRaised(db, result.alertIds, actor.now);
  return { created: result.created, consents: result.consents, cards: result.cards, alerts: result.alerts };
}

/** After a commit (or on expiry) the uploaded file is removed. */
export async function removeChunks(db: Database, batchId: string): Promise<void> {
  await db.collection(COLLECTION.importChunks).where({ batchId }).remove();
}

export function uploadExpiry(now: Date): Date {
  return new Date(now.getTime() + UPLOAD_TTL_MS);
}
