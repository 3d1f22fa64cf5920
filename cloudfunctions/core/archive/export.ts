/**
 * Export of a class's or the school's archives, contact cards and progress records, and the registration table
 * (基本情况登记表), as xlsx, with values as the exporter's role may see them (a teacher's export masks ID numbers).
 * The file comes back in base64; a file larger than one chunk is kept for an hour in chunks only its exporter can
 * fetch. Every exported child is in the audit log.
 */
import type { Database } from '../cloud';
import type { Role } from '../../../typings/roles';
import type { Child, ContactCard, ExamRecord, Pairing, SchoolClass } from '../../../typings/domain';
import type { ExportOutput } from '../../../typings/actions/archive';
import type { ConsentRecord } from '../consent';
import type { Target } from '../access';
import type { ExportChunk } from '../scopes';
import { AppError } from '../errors';
import { audit, type AuditActor } from '../audit';
import { COLLECTION } from '../collections';
import { archiveView, cardView } from '../privacy/views';
import { beijingDate, beijingMonth, startOfBeijingMonth } from '../time';
import { docOf, fetchAll } from './store';
import { completeness } from './completeness';
import { buildWorkbook, exportRow, registrationColumns, COLUMNS, type ExportRow, type SheetSpec } from './excel';
import { CHUNK_CHARS, UPLOAD_TTL_MS } from './importer';
import { PROXY_LABELS } from './labels';
import { newId } from './ids';
import type { CardInput } from './rules';

export interface ExportData {
  schoolName: string;
  classes: SchoolClass[];
  children: Child[];
  cards: ContactCard[];
  pairings: Pairing[];
  consents: ConsentRecord[];
  buddyNames: Map<string, string>;
}

const ID_CHUNK = 500;

/** Documents of `collection` whose `key` is one of `ids` (in chunks of 500 ids, 1000 documents per request). */
async function byIds<T>(db: Database, collection: string, key: string, ids: string[], extra: Record<string, unknown> = {}): Promise<T[]> {
  const _ = db.command;
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += ID_CHUNK) {
    const part = ids.slice(i, i + ID_CHUNK);
    out.push(
      ...(await fetchAll<T>((skip) =>
        db
          .collection(collection)
          .where({ [key]: _.in(part), ...extra })
          .orderBy('_id', 'asc')
          .skip(skip)
          .limit(1000)
          .get(),
      )),
    );
  }
  return out;
}

export async function loadExportData(db: Database, scope: { classId: string } | { schoolId: string }, schoolId: string): Promise<ExportData> {
  const where = 'classId' in scope ? { classId: scope.classId } : { schoolId: scope.schoolId };
  const [school, classRes, children] = await Promise.all([
    db.collection(COLLECTION.schools).doc(schoolId).get(),
    db.collection(COLLECTION.classes).where({ schoolId }).limit(1000).get(),
    fetchAll<Child>((skip) =>
      db
        .collection(COLLECTION.children)
        .where({ ...where, deletedAt: null })
        .orderBy('_id', 'asc')
        .skip(skip)
        .limit(1000)
        .get(),
    ),
  ]);
  const ids = children.map((c) => c._id);
  const [cards, pairings, consents] = await Promise.all([
    byIds<ContactCard>(db, COLLECTION.contactCards, '_id', ids),
    byIds<Pairing>(db, COLLECTION.pairings, 'childId', ids, { endedAt: null }),
    byIds<ConsentRecord>(db, COLLECTION.consents, 'childId', ids),
  ]);
  const names = new Map(children.map((c) => [c._id, c.name]));
  const missing = [...new Set(pairings.map((p) => p.buddyChildId).filter((x): x is string => !!x && !names.has(x)))];
  if (missing.length) for (const c of await byIds<Child>(db, COLLECTION.children, '_id', missing)) names.set(c._id, c.name);
  const schoolDoc = docOf<{ name?: string }>(school);
  return {
    schoolName: schoolDoc?.name ?? '',
    classes: classRes.data as SchoolClass[],
    children,
    cards,
    pairings,
    consents,
    buddyNames: names,
  };
}

function latestConsents(consents: ConsentRecord[]): Map<string, ConsentRecord> {
  const sorted = [...consents].sort((a, b) => b.at.getTime() - a.at.getTime());
  const out = new Map<string, ConsentRecord>();
  for (const c of sorted) if (!out.has(c.childId)) out.set(c.childId, c);
  return out;
}

const CONSENT_LABEL = { granted: '已同意', refused: '不同意', none: '未取得' } as const;

export interface BuiltExport {
  buffer: Buffer;
  fileName: string;
  rows: number;
  /** The fields each child's export contained (for the audit log). */
  fields: string[];
}

/** Children by class (grade, then name) and, within a class, by name. */
function inClassOrder(data: ExportData): Child[] {
  const className = new Map(data.classes.map((c) => [c._id, c.name]));
  const grade = new Map(data.classes.map((c) => [c._id, c.grade]));
  return [...data.children].sort(
    (a, b) =>
      (grade.get(a.classId) ?? 0) - (grade.get(b.classId) ?? 0) ||
      (className.get(a.classId) ?? '').localeCompare(className.get(b.classId) ?? '') ||
      a.name.localeCompare(b.name, 'zh'),
  );
}

/** One row per child (archive, card, care network, consent, completeness) as `role` may see it, and the fields shown. */
function childRows(children: Child[], data: ExportData, className: Map<string, string>, role: Role, now: Date): { rows: ExportRow[]; fields: string[] } {
  const cards = new Map(data.cards.map((c) => [c._id, c]));
  const consent = latestConsents(data.consents);
  const monthStart = startOfBeijingMonth(now).getTime();
  const fields = new Set<string>();
  const rows = children.map((child): ExportRow => {
    const { view, fields: f } = archiveView(child, role);
    const card = cards.get(child._id) ?? null;
    const shown = cardView(card as unknown as Record<string, unknown> | null, role);
    f.forEach((x) => fields.add(x));
    shown.fields.forEach((x) => fields.add(x));
    const mine = data.pairings.filter((p) => p.childId === child._id);
    const decision = consent.get(child._id)?.decision ?? 'none';
    const c = completeness(child, card, decision === 'granted');
    return {
      ...exportRow(view, shown.view as unknown as CardInput | null, {}, className.get(child.classId) ?? ''),
      consentStatus: CONSENT_LABEL[decision],
      mentor: mine.find((p) => p.kind === 'mentor')?.personName ?? null,
      buddies:
        mine
          .filter((p) => p.kind === 'buddy')
          .map((p) => data.buddyNames.get(p.buddyChildId ?? '') ?? '')
          .filter(Boolean)
          .join('、') || null,
      proxies:
        mine
          .filter((p) => p.kind === 'proxy')
          .map((p) => `${p.personName}（${p.proxyKind ? PROXY_LABELS[p.proxyKind] : '代理家长'}）`)
          .join('、') || null,
      cardUpdatedAt: card ? beijingDate(card.updatedAt) : null,
      cardConfirmed: card?.confirmedAt && card.confirmedAt.getTime() >= monthStart ? '是' : '否',
      completeness: `${c.score}%`,
      missing: c.missing.join('、') || null,
    };
  });
  return { rows, fields: [...fields] };
}

/** The progress records (进步档案): one row per exam of every child, as `role` may see them. */
function examRows(children: Child[], className: Map<string, string>, role: Role): ExportRow[] {
  const exams: ExportRow[] = [];
  for (const child of children) {
    const view = archiveView(child, role).view;
    for (const e of (view.studyRecords as ExamRecord[] | undefined) ?? []) {
      exams.push({
        className: className.get(child.classId) ?? '',
        name: child.name,
        exam: e.exam,
        date: e.date,
        scores: e.scores.map((s) => `${s.subject} ${s.score}/${s.full}`).join('，'),
        total: e.scores.reduce((sum, s) => sum + s.score, 0),
        rank: e.rank,
        note: e.note,
      });
    }
  }
  return exams.sort((a, b) => String(a.name).localeCompare(String(b.name), 'zh') || String(a.date).localeCompare(String(b.date)));
}

const column = (key: string) => {
  const c = COLUMNS.find((x) => x.key === key)!;
  return { key, header: c.header, width: c.width };
};
const SEQ = { key: 'seq', header: '序号', width: 6 };
const ARCHIVE_KEYS = [
  'className',
  'name',
  'gender',
  'birthDate',
  'leftBehindType',
  'keepsLunarBirthday',
  'idNumber',
  'address',
  'health',
  'hobbies',
  'studySituation',
  'familySituation',
  'otherParentUnableReason',
  'difficulties',
  'difficultyNote',
  'vulnerableCategories',
  'disability',
  'focus',
  'focusReason',
];

/** The archive export's four sheets: 档案, 联系卡, 结对帮扶, 进步档案. */
function archiveSheets(base: string, rows: ExportRow[], exams: ExportRow[], now: Date): SheetSpec[] {
  const cardKeys = COLUMNS.filter((c) => c.group === 'card').map((c) => c.key);
  return [
    {
      name: '档案',
      title: `${base}留守儿童档案`,
      columns: [
        SEQ,
        ...ARCHIVE_KEYS.map(column),
        { key: 'consentStatus', header: '监护人同意', width: 10 },
        { key: 'completeness', header: '完整度', width: 8 },
        { key: 'missing', header: '缺失项', width: 24 },
      ],
      rows,
    },
    {
      name: '联系卡',
      title: `${base}留守儿童联系卡`,
      columns: [
        SEQ,
        column('className'),
        column('name'),
        ...cardKeys.map(column),
        { key: 'cardUpdatedAt', header: '最后更新', width: 12 },
        { key: 'cardConfirmed', header: `${beijingMonth(now)}已确认`, width: 10 },
      ],
      rows,
    },
    {
      name: '结对帮扶',
      title: `${base}结对帮扶名单`,
      columns: [
        SEQ,
        column('className'),
        column('name'),
        { key: 'mentor', header: '帮扶教师', width: 10 },
        { key: 'buddies', header: '手拉手好朋友', width: 16 },
        { key: 'proxies', header: '代理家长', width: 20 },
      ],
      rows,
    },
    {
      name: '进步档案',
      title: `${base}留守儿童进步档案`,
      columns: [
        SEQ,
        column('className'),
        column('name'),
        { key: 'exam', header: '考试', width: 12 },
        { key: 'date', header: '日期', width: 12 },
        { key: 'scores', header: '各科成绩', width: 40 },
        { key: 'total', header: '总分', width: 8 },
        { key: 'rank', header: '班级名次', width: 8 },
        { key: 'note', header: '备注', width: 20 },
      ],
      rows: exams,
    },
  ];
}

export async function buildExport(data: ExportData, kind: 'archive' | 'registration', role: Role, scopeName: string, now: Date): Promise<BuiltExport> {
  const className = new Map(data.classes.map((c) => [c._id, c.name]));
  const children = inClassOrder(data);
  const { rows, fields } = childRows(children, data, className, role, now);
  const base = `${data.schoolName}${scopeName}`;
  const sheets =
    kind === 'registration'
      ? [{ name: '基本情况登记表', title: `${base}留守儿童基本情况登记表`, columns: registrationColumns(), rows }]
      : archiveSheets(base, rows, examRows(children, className, role), now);
  const subtitle = `导出日期：${beijingDate(now)}  共 ${rows.length} 人  （含儿童敏感个人信息，请妥善保管，勿外传）`;
  const buffer = await buildWorkbook(sheets, subtitle);
  const fileName = `${base}${kind === 'registration' ? '留守儿童基本情况登记表' : '留守儿童档案与联系卡'}_${beijingDate(now)}.xlsx`;
  return { buffer, fileName, rows: rows.length, fields };
}

/** Exports live for an hour. */
const EXPORT_TTL_MS = UPLOAD_TTL_MS / 24;

/**
 * Export a class (or, for the admin, the whole school): the first chunk comes back at once, the rest are stored for
 * the exporter to fetch; every exported child is audited with the fields the file holds.
 */
export async function exportArchives(
  db: Database,
  scope: { classId: string } | { schoolId: string },
  kind: 'archive' | 'registration',
  target: Target,
  role: Role,
  actor: AuditActor,
): Promise<ExportOutput> {
  const data = await loadExportData(db, scope, target.schoolId);
  const built = await buildExport(data, kind, role, target.schoolClass?.name ?? '', actor.now);
  const out = await storeExport(db, built.buffer, built.fileName, built.rows, actor);
  if (data.children.length) {
    await audit(
      db,
      actor,
      data.children.map((c) => ({
        kind: 'export' as const,
        schoolId: target.schoolId,
        childId: c._id,
        fields: built.fields,
        note: built.fileName,
      })),
    );
  }
  return out;
}

/**
 * An xlsx file as an export answers it: the first chunk of its base64 comes back at once; a longer file's other
 * chunks are kept for an hour, for the exporter alone to fetch (exports.chunk).
 */
export async function storeExport(db: Database, buffer: Buffer, fileName: string, rows: number, actor: AuditActor): Promise<ExportOutput> {
  const base64 = buffer.toString('base64');
  const chunks: string[] = [];
  for (let i = 0; i < base64.length; i += CHUNK_CHARS) chunks.push(base64.slice(i, i + CHUNK_CHARS));
  let exportId: string | null = null;
  if (chunks.length > 1) {
    const id = newId();
    const expiresAt = new Date(actor.now.getTime() + EXPORT_TTL_MS);
    const rest: ExportChunk[] = chunks.slice(1).map((data, i) => ({
      _id: `${id}-${i + 1}`,
      exportId: id,
      seq: i + 1,
      data,
      createdBy: actor.openid,
      createdAt: actor.now,
      expiresAt,
    }));
    await db.collection(COLLECTION.exportChunks).add(rest);
    exportId = id;
  }
  return { exportId, fileName, chunks: chunks.length, data: chunks[0] ?? '', rows };
}

/** A later chunk of an export (the router has loaded the first and found it the caller's), within the hour. */
export async function exportChunk(db: Database, first: ExportChunk, seq: number, now: Date): Promise<{ seq: number; data: string }> {
  const chunk = seq === first.seq ? first : docOf<ExportChunk>(await db.collection(COLLECTION.exportChunks).doc(`${first.exportId}-${seq}`).get());
  if (!chunk) throw new AppError('NOT_FOUND', '没有这一段导出内容');
  if (chunk.expiresAt.getTime() < now.getTime()) throw new AppError('EXPIRED', '导出文件已过期，请重新导出');
  return { seq: chunk.seq, data: chunk.data };
}
