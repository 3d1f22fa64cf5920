/**
 * The roster spreadsheet (基本情况登记表) schools already keep: its columns, reading it (exceljs) into rows judged
 * by the same rules as the edit forms, and writing the export. The export's columns are the import's, so an
 * exported sheet can be corrected and imported again.
 */
import type ExcelJS from 'exceljs';

/** exceljs is large: load it only for an import or export, not on every start of the api function. */
async function excel(): Promise<typeof ExcelJS> {
  const mod = await import('exceljs');
  return (mod as unknown as { default?: typeof ExcelJS }).default ?? (mod as unknown as typeof ExcelJS);
}
import { z } from 'zod';
import { archiveChangesSchema, archiveIssues, cardIssues, cardSchema, rosterFields, storedChanges, type ArchiveChanges, type CardInput } from './rules';
import { DIFFICULTY_LABELS, GENDER_LABELS, LEFT_BEHIND_LABELS, VULNERABLE_LABELS } from './labels';
import { normalizeIdNumber } from './idcard';
import type { Child, DifficultyCategory, Gender, LeftBehindType, VulnerableCategory } from '../../../typings/domain';
import type { ImportRowProblem } from '../../../typings/actions/archive';

export const MAX_IMPORT_ROWS = 5000;

interface Column {
  key: string;
  header: string;
  aliases?: string[];
  /** roster: always kept; archive/card: kept only with a signed consent; consent: the consent itself */
  group: 'class' | 'roster' | 'archive' | 'card' | 'consent';
  width?: number;
}

const parentColumns = (who: '父亲' | '母亲', p: 'father' | 'mother'): Column[] => [
  { key: `${p}Name`, header: `${who}姓名`, group: 'card' },
  { key: `${p}Phone`, header: `${who}电话`, aliases: [`${who}联系电话`, `${who}手机`], group: 'card', width: 14 },
  { key: `${p}WorkCity`, header: `${who}务工城市`, aliases: [`${who}务工地点`, `${who}务工地`], group: 'card' },
  { key: `${p}WorkUnit`, header: `${who}务工单位`, aliases: [`${who}工作单位`], group: 'card', width: 18 },
  { key: `${p}WorkAddress`, header: `${who}单位地址`, aliases: [`${who}务工单位地址`], group: 'card', width: 20 },
  { key: `${p}WorkPhone`, header: `${who}单位电话`, aliases: [`${who}务工单位电话`], group: 'card', width: 14 },
];

export const COLUMNS: Column[] = [
  { key: 'className', header: '班级', aliases: ['年级班级', '所在班级', '年级班别'], group: 'class', width: 14 },
  { key: 'name', header: '姓名', aliases: ['学生姓名', '儿童姓名'], group: 'roster' },
  { key: 'gender', header: '性别', group: 'roster', width: 6 },
  { key: 'birthDate', header: '出生日期', aliases: ['出生年月日', '出生年月', '生日'], group: 'roster', width: 12 },
  { key: 'leftBehindType', header: '留守类型', aliases: ['留守情况'], group: 'roster', width: 20 },
  { key: 'keepsLunarBirthday', header: '过农历生日', aliases: ['农历生日'], group: 'archive', width: 8 },
  { key: 'idNumber', header: '身份证号', aliases: ['身份证号码', '身份证'], group: 'archive', width: 20 },
  { key: 'address', header: '家庭住址', aliases: ['家庭详细地址', '住址', '家庭地址'], group: 'archive', width: 24 },
  { key: 'health', header: '健康状况', aliases: ['身体状况'], group: 'archive' },
  { key: 'hobbies', header: '兴趣爱好', aliases: ['爱好'], group: 'archive' },
  { key: 'studySituation', header: '学习情况', aliases: ['学习成绩'], group: 'archive', width: 20 },
  { key: 'familySituation', header: '家庭情况', group: 'archive', width: 20 },
  { key: 'otherParentUnableReason', header: '另一方无监护能力原因', group: 'archive', width: 16 },
  { key: 'difficulties', header: '困难/问题类别', aliases: ['困难类别', '问题类别'], group: 'archive', width: 16 },
  { key: 'difficultyNote', header: '困难/问题说明', aliases: ['困难说明'], group: 'archive', width: 20 },
  { key: 'vulnerableCategories', header: '困境儿童类别', aliases: ['困境类别'], group: 'archive', width: 16 },
  { key: 'disability', header: '残疾类别与等级', aliases: ['残疾情况'], group: 'archive' },
  { key: 'focus', header: '重点帮扶', aliases: ['是否重点帮扶'], group: 'archive', width: 8 },
  { key: 'focusReason', header: '重点帮扶原因', group: 'archive', width: 20 },
  ...parentColumns('父亲', 'father'),
  ...parentColumns('母亲', 'mother'),
  { key: 'guardianName', header: '监护人姓名', aliases: ['委托监护人姓名', '监护人'], group: 'card' },
  { key: 'guardianRelation', header: '监护人与儿童关系', aliases: ['监护人关系', '与儿童关系'], group: 'card' },
  { key: 'guardianAge', header: '监护人年龄', group: 'card', width: 8 },
  { key: 'guardianPhone', header: '监护人电话', aliases: ['监护人联系电话'], group: 'card', width: 14 },
  { key: 'guardianOccupation', header: '监护人职业', group: 'card' },
  { key: 'guardianAddress', header: '监护人住址', aliases: ['监护人地址'], group: 'card', width: 20 },
  { key: 'guardianHealth', header: '监护人身体状况', aliases: ['监护人健康状况'], group: 'card' },
  { key: 'guardianCapable', header: '监护人有照护能力', aliases: ['有无照护能力'], group: 'card', width: 8 },
  { key: 'emergencyName', header: '紧急联系人', aliases: ['紧急联系人姓名'], group: 'card' },
  { key: 'emergencyRelation', header: '紧急联系人关系', group: 'card' },
  { key: 'emergencyPhone', header: '紧急联系人电话', group: 'card', width: 14 },
  { key: 'consent', header: '监护人同意书', aliases: ['同意书', '知情同意书'], group: 'consent', width: 10 },
  { key: 'signerName', header: '签字人', aliases: ['同意书签字人'], group: 'consent' },
  { key: 'signerRelation', header: '签字人关系', aliases: ['签字人与儿童关系'], group: 'consent' },
];

const normalizeHeader = (s: string) =>
  s
    .replace(/[\s*＊:：]/g, '')
    .replace(/[（(]必填[）)]/g, '')
    .replace(/／/g, '/');
const HEADER_INDEX = new Map<string, Column>();
for (const c of COLUMNS) for (const h of [c.header, ...(c.aliases ?? [])]) HEADER_INDEX.set(normalizeHeader(h), c);

/** "三年级（1）班" and "三年级(1)班 " are the same class. */
export const normalizeClassName = (s: string) => s.replace(/\s/g, '').replace(/（/g, '(').replace(/）/g, ')');

type Cell = string | number | boolean | Date | null;

function cellValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (value instanceof Date || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'string') return value.trim() || null;
  if (typeof value === 'object') {
    if ('richText' in value)
      return (
        value.richText
          .map((r) => r.text)
          .join('')
          .trim() || null
      );
    if ('result' in value) return cellValue(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text).trim() || null;
    if ('error' in value) return null;
  }
  return String(value);
}

export interface ParsedRow {
  row: number;
  cells: Record<string, Cell>;
}

export interface ParsedSheet {
  rows: ParsedRow[];
  recognized: string[];
  ignored: string[];
}

export class SheetError extends Error {}

/** Read the first sheet that has a header row (the first row, among the first 10, with a 姓名 column). */
export async function parseWorkbook(buffer: Buffer): Promise<ParsedSheet> {
  const wb = new (await excel()).Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw new SheetError('无法读取该文件，请上传 Excel 的 .xlsx 文件（WPS/Excel 另存为 .xlsx）');
  }
  for (const ws of wb.worksheets) {
    for (let r = 1; r <= Math.min(10, ws.rowCount); r++) {
      const header = ws.getRow(r);
      const map = new Map<number, Column>();
      const ignored: string[] = [];
      header.eachCell((cell, col) => {
        const text = cellValue(cell.value);
        if (typeof text !== 'string') return;
        const column = HEADER_INDEX.get(normalizeHeader(text));
        if (column && ![...map.values()].includes(column)) map.set(col, column);
        else ignored.push(text);
      });
      if (![...map.values()].some((c) => c.key === 'name')) continue;
      if (ws.rowCount - r > MAX_IMPORT_ROWS) throw new SheetError(`一次最多导入 ${MAX_IMPORT_ROWS} 行，请分批导入`);
      const rows: ParsedRow[] = [];
      for (let i = r + 1; i <= ws.rowCount; i++) {
        const cells: Record<string, Cell> = {};
        let any = false;
        for (const [col, column] of map) {
          const v = cellValue(ws.getRow(i).getCell(col).value);
          cells[column.key] = v;
          if (v !== null) any = true;
        }
        if (any) rows.push({ row: i, cells });
      }
      return { rows, recognized: [...map.values()].map((c) => c.header), ignored };
    }
  }
  throw new SheetError('没有找到表头：请确认表格中有“姓名”“性别”“出生日期”等列');
}

// ───────────── cell -> value ─────────────

function text(v: Cell): string | null {
  if (v === null) return null;
  if (v instanceof Date) return dateOf(v);
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(v);
  return String(v).trim() || null;
}

function dateOf(d: Date): string {
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

/** 2017-09-12, 2017/9/12, 2017.9.12, 2017年9月12日, 20170912, an Excel date cell or serial number. */
export function parseDate(v: Cell): string | null {
  if (v === null) return null;
  if (v instanceof Date) return dateOf(v);
  if (typeof v === 'number') {
    if (v > 19000000 && v < 21000000) return parseDate(String(v));
    if (v > 1000 && v < 80000) return dateOf(new Date(Date.UTC(1899, 11, 30) + v * 86400000));
    return String(v);
  }
  const s = String(v).trim();
  const m = s.match(/^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/) ?? s.match(/^(\d{4})(\d{2})(\d{2})$/);
  return m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : s;
}

function yesNo(v: Cell, what: string, errors: string[]): boolean | null {
  const s = text(v);
  if (s === null) return null;
  if (['是', '有', 'Y', 'y', '√', '✓', '已签', '已签字', '同意', 'TRUE', 'true'].includes(s)) return true;
  if (['否', '无', 'N', 'n', '×', '未签', '未签字', '不同意', 'FALSE', 'false'].includes(s)) return false;
  errors.push(`${what}：请填写“是”或“否”`);
  return null;
}

function fromLabels<T extends string>(labels: Record<T, string>, s: string | null): T | undefined {
  if (s === null) return undefined;
  return (Object.keys(labels) as T[]).find((k) => labels[k] === s || k === s);
}

const GENDERS: Record<string, Gender> = { 男: 'male', 女: 'female', 男性: 'male', 女性: 'female', male: 'male', female: 'female' };
const LEFT_BEHIND_ALIASES: Record<string, LeftBehindType> = {
  父母均外出: 'both_away',
  父母双方外出: 'both_away',
  双亲外出: 'both_away',
  父母均外出务工: 'both_away',
  一方外出: 'one_away_other_unable',
  单亲外出: 'one_away_other_unable',
  '一方外出、另一方无监护能力': 'one_away_other_unable',
  一方外出另一方无监护能力: 'one_away_other_unable',
  非留守: 'not_left_behind',
  否: 'not_left_behind',
};

function codes<T extends string>(labels: Record<T, string>, v: Cell, what: string, errors: string[]): T[] | undefined {
  const s = text(v);
  if (s === null) return undefined;
  const out: T[] = [];
  for (const part of s.split(/[、,，;；/\s]+/).filter(Boolean)) {
    const code = fromLabels(labels, part);
    if (code) out.push(code);
    else errors.push(`${what}：不认识“${part}”（可填：${Object.values(labels).join('、')}）`);
  }
  return out;
}

/** A row ready to be written. */
export interface ImportRecord {
  row: number;
  classId: string;
  className: string;
  roster: { name: string; gender: Gender; birthDate: string; leftBehindType: LeftBehindType };
  /** Archive fields as stored (only with consent). */
  archive: Record<string, unknown> | null;
  card: CardInput | null;
  consent: { signerName: string; signerRelation: string } | null;
}

export interface RowContext {
  /** The school's classes by normalized name. */
  classes: Map<string, { id: string; name: string }>;
  /** Import into this class (a teacher's import), or null (school-wide: each row names its class). */
  fixedClass: { id: string; name: string } | null;
}

const HEADER_OF = new Map(COLUMNS.map((c) => [c.key, c.header]));

function zodMessages(error: z.ZodError, prefix: (path: string) => string): string[] {
  return error.issues.map((i) => `${prefix(i.path.join('.'))}${i.message}`);
}

type Cells = ParsedRow['cells'];
const cell = (c: Cells, key: string) => text(c[key] ?? null);

/** The row's class: the import's own class (a teacher's import), or the class the row names (school-wide). */
function readClass(c: Cells, ctx: RowContext, errors: string[]): { id: string; name: string } | null {
  const className = cell(c, 'className');
  if (ctx.fixedClass) {
    if (className && normalizeClassName(className) !== normalizeClassName(ctx.fixedClass.name))
      errors.push(`班级：本次导入到“${ctx.fixedClass.name}”，该行却是“${className}”`);
    return ctx.fixedClass;
  }
  if (!className) {
    errors.push('班级：请填写班级（如 三年级(1)班）');
    return null;
  }
  const cls = ctx.classes.get(normalizeClassName(className)) ?? null;
  if (!cls) errors.push(`班级：学校没有“${className}”这个班级`);
  return cls;
}

/** The roster fields (姓名、性别、出生日期、留守类型), judged by the edit form's rules. */
function readRoster(c: Cells, errors: string[]): ImportRecord['roster'] | null {
  const leftBehind = cell(c, 'leftBehindType');
  const raw = {
    name: cell(c, 'name') ?? '',
    gender: GENDERS[cell(c, 'gender') ?? ''] ?? cell(c, 'gender') ?? '',
    birthDate: parseDate(c.birthDate ?? null) ?? '',
    leftBehindType: LEFT_BEHIND_ALIASES[leftBehind ?? ''] ?? fromLabels(LEFT_BEHIND_LABELS, leftBehind) ?? leftBehind ?? '',
  };
  const roster = z.object(rosterFields).safeParse(raw);
  if (!roster.success) errors.push(...zodMessages(roster.error, (p) => `${HEADER_OF.get(p) ?? p}：`));
  return roster.success ? roster.data : null;
}

/** Whether a paper consent (监护人同意书) was signed, and by whom. */
function readConsent(c: Cells, errors: string[]): { signed: boolean; by: ImportRecord['consent'] } {
  const signed = yesNo(c.consent ?? null, '监护人同意书', errors) === true;
  const signerName = cell(c, 'signerName');
  const signerRelation = cell(c, 'signerRelation');
  if (signed && (!signerName || !signerRelation)) errors.push('监护人同意书：已签同意书的，请填写签字人和签字人关系');
  return { signed, by: signed && signerName && signerRelation ? { signerName, signerRelation } : null };
}

/** The archive columns as an edit would send them (only the filled ones), judged by the edit form's schema. */
function readArchive(c: Cells, errors: string[]): { filled: boolean; changes: ArchiveChanges | null } {
  const idRaw = c.idNumber ?? null;
  if (typeof idRaw === 'number' && String(idRaw).length > 15) errors.push('身份证号：数字过长被 Excel 改写了，请把该列设置为“文本”后重新填写');
  const focus = yesNo(c.focus ?? null, '重点帮扶', errors);
  const raw: Record<string, unknown> = {
    keepsLunarBirthday: yesNo(c.keepsLunarBirthday ?? null, '过农历生日', errors) ?? undefined,
    idNumber: typeof idRaw === 'number' ? undefined : text(idRaw) ? normalizeIdNumber(text(idRaw)!) : undefined,
    ...Object.fromEntries(
      ['address', 'health', 'hobbies', 'studySituation', 'familySituation', 'otherParentUnableReason'].map((k) => [k, cell(c, k) ?? undefined]),
    ),
    difficulties: codes<DifficultyCategory>(DIFFICULTY_LABELS, c.difficulties ?? null, '困难/问题类别', errors),
    difficultyNote: cell(c, 'difficultyNote') ?? undefined,
    vulnerableCategories: codes<VulnerableCategory>(VULNERABLE_LABELS, c.vulnerableCategories ?? null, '困境儿童类别', errors),
    disability: cell(c, 'disability') ?? undefined,
    focusSupport: focus === null ? undefined : { flag: focus, reason: cell(c, 'focusReason') },
  };
  for (const k of Object.keys(raw)) if (raw[k] === undefined) delete raw[k];
  const archive = archiveChangesSchema.safeParse(raw);
  if (!archive.success) errors.push(...zodMessages(archive.error, (p) => `${HEADER_OF.get(p.split('.')[0]) ?? p}：`));
  return { filled: Object.keys(raw).length > 0, changes: archive.success ? archive.data : null };
}

function readParents(c: Cells, errors: string[]): CardInput['parents'] {
  return (['father', 'mother'] as const)
    .map((p) => {
      const who = p === 'father' ? '父亲' : '母亲';
      const name = cell(c, `${p}Name`);
      const [phone, workCity, workUnit, workAddress, workPhone] = ['Phone', 'WorkCity', 'WorkUnit', 'WorkAddress', 'WorkPhone'].map((f) => cell(c, `${p}${f}`));
      if (!name) {
        if ([phone, workCity, workUnit, workAddress, workPhone].some(Boolean)) errors.push(`${who}姓名：填写了${who}的其他信息，请填写${who}姓名`);
        return null;
      }
      return { name, relation: who, phone: phone ?? '', workCity, workUnit, workAddress, workPhone: workPhone ?? '' };
    })
    .filter((p) => p !== null);
}

const GUARDIAN_COLUMNS = ['guardianRelation', 'guardianAge', 'guardianPhone', 'guardianOccupation', 'guardianAddress', 'guardianHealth', 'guardianCapable'];

function readGuardian(c: Cells, errors: string[]): CardInput['guardian'] {
  const name = cell(c, 'guardianName');
  if (!name) {
    if (GUARDIAN_COLUMNS.some((k) => cell(c, k))) errors.push('监护人姓名：填写了监护人的其他信息，请填写监护人姓名');
    return null;
  }
  const age = cell(c, 'guardianAge');
  return {
    name,
    relation: cell(c, 'guardianRelation') ?? '',
    occupation: cell(c, 'guardianOccupation'),
    address: cell(c, 'guardianAddress'),
    phone: cell(c, 'guardianPhone') ?? '',
    health: cell(c, 'guardianHealth'),
    age: age === null ? null : Number(age.replace(/岁$/, '')),
    capable: yesNo(c.guardianCapable ?? null, '监护人有照护能力', errors) ?? true,
  };
}

/** The contact card columns (parents, guardian, emergency contact), judged by the card form's rules; null if none. */
function readCard(c: Cells, errors: string[]): { filled: boolean; card: CardInput | null } {
  const parents = readParents(c, errors);
  const guardian = readGuardian(c, errors);
  const emergencyName = cell(c, 'emergencyName');
  const emergency =
    emergencyName || cell(c, 'emergencyPhone')
      ? { name: emergencyName ?? '', relation: cell(c, 'emergencyRelation') ?? '', phone: cell(c, 'emergencyPhone') ?? '' }
      : null;
  if (parents.length === 0 && !guardian && !emergency) return { filled: false, card: null };
  const parsed = cardSchema.safeParse({ parents, guardian, emergency });
  if (!parsed.success) {
    errors.push(...zodMessages(parsed.error, () => ''));
    return { filled: true, card: null };
  }
  errors.push(...cardIssues(parsed.data).map((i) => i.message));
  return { filled: true, card: parsed.data };
}

/** The archive as it would be stored, and the rules across its fields (ID number against birth date, ...). */
function storedArchive(roster: ImportRecord['roster'], changes: ArchiveChanges, errors: string[]): Record<string, unknown> {
  const stored = storedChanges(changes, roster);
  const column = (path: string) => HEADER_OF.get(path.split('.')[0]);
  errors.push(...archiveIssues({ ...roster, ...stored } as Partial<Child>).map((i) => (column(i.path) ? `${column(i.path)}：${i.message}` : i.message)));
  return stored;
}

/** One spreadsheet row -> a record, or the reasons it cannot be imported; and what was dropped (warnings). */
export function readRow(parsed: ParsedRow, ctx: RowContext): { record: ImportRecord | null; errors: string[]; warnings: string[] } {
  const c = parsed.cells;
  const errors: string[] = [];
  const warnings: string[] = [];
  const cls = readClass(c, ctx, errors);
  const roster = readRoster(c, errors);
  const consent = readConsent(c, errors);
  // The archive and the card are read whenever present, so mistakes show even without consent.
  const archiveErrors: string[] = [];
  const archive = readArchive(c, archiveErrors);
  const card = readCard(c, archiveErrors);
  const stored = archive.changes && roster ? storedArchive(roster, archive.changes, archiveErrors) : null;
  if (consent.signed) errors.push(...archiveErrors);
  else if (archive.filled || card.filled) {
    // Without a signed consent the archive and the card are not stored; mistakes in them are not blocking then.
    warnings.push('未签监护人同意书：只导入姓名、性别、出生日期、留守类型，档案和联系卡信息未保存，请取得同意后补录');
  }
  if (errors.length || !roster || !cls) return { record: null, errors, warnings };
  const record: ImportRecord = {
    row: parsed.row,
    classId: cls.id,
    className: cls.name,
    roster,
    archive: consent.signed && archive.filled ? stored : null,
    card: consent.signed ? card.card : null,
    consent: consent.by,
  };
  return { record, errors: [], warnings };
}

export interface Judged {
  records: ImportRecord[];
  problems: ImportRowProblem[];
  warnings: ImportRowProblem[];
}

/** Every row judged, then duplicates within the file and against the school's children. */
export function judgeRows(rows: ParsedRow[], ctx: RowContext, existing: Pick<Child, 'name' | 'birthDate' | 'classId' | 'idNumber'>[]): Judged {
  const problems: ImportRowProblem[] = [];
  const warnings: ImportRowProblem[] = [];
  const records: ImportRecord[] = [];
  const inClass = new Set(existing.map((e) => `${e.classId}|${e.name}|${e.birthDate}`));
  const ids = new Set(existing.map((e) => e.idNumber).filter(Boolean));
  const seenKey = new Map<string, number>();
  const seenId = new Map<string, number>();
  for (const parsed of rows) {
    const { record, errors, warnings: w } = readRow(parsed, ctx);
    const name = text(parsed.cells.name ?? null);
    if (record) {
      const key = `${record.classId}|${record.roster.name}|${record.roster.birthDate}`;
      const idNumber = record.archive?.idNumber as string | undefined;
      if (inClass.has(key)) errors.push(`${record.roster.name}（${record.roster.birthDate}）已在${record.className}花名册中，请在档案中修改`);
      else if (seenKey.has(key)) errors.push(`与第 ${seenKey.get(key)} 行重复（同班、同名、同出生日期）`);
      if (idNumber && ids.has(idNumber)) errors.push('身份证号：本校已有儿童使用该身份证号');
      else if (idNumber && seenId.has(idNumber)) errors.push(`身份证号：与第 ${seenId.get(idNumber)} 行重复`);
      if (!seenKey.has(key)) seenKey.set(key, parsed.row);
      if (idNumber && !seenId.has(idNumber)) seenId.set(idNumber, parsed.row);
    }
    if (errors.length) problems.push({ row: parsed.row, name, errors });
    else if (record) records.push(record);
    if (w.length && !errors.length) warnings.push({ row: parsed.row, name, errors: w });
  }
  return { records, problems, warnings };
}

// ───────────── export ─────────────

/** One child's row of the registration table, by column key (values as the reader's role may see them). */
export type ExportRow = Record<string, string | number | null>;

const joinLabels = <T extends string>(labels: Record<T, string>, xs: T[] | undefined) => (xs ?? []).map((x) => labels[x] ?? x).join('、') || null;

export function exportRow(child: Record<string, unknown>, card: CardInput | null, extra: Record<string, string | null>, className: string): ExportRow {
  const parent = (relation: string) => card?.parents.find((p) => p.relation === relation) ?? null;
  const father = parent('父亲') ?? card?.parents[0] ?? null;
  const mother = parent('母亲') ?? (card?.parents[1] && card.parents[1] !== father ? card.parents[1] : null);
  const focus = child.focusSupport as { flag: boolean; reason: string | null } | null | undefined;
  const row: ExportRow = {
    className,
    name: child.name as string,
    gender: GENDER_LABELS[child.gender as Gender] ?? null,
    birthDate: (child.birthDate as string) ?? null,
    leftBehindType: child.leftBehindType ? LEFT_BEHIND_LABELS[child.leftBehindType as LeftBehindType] : null,
    keepsLunarBirthday: child.lunarBirthday ? '是' : null,
    idNumber: (child.idNumber as string) ?? null,
    address: (child.address as string) ?? null,
    health: (child.health as string) ?? null,
    hobbies: (child.hobbies as string) ?? null,
    studySituation: (child.studySituation as string) ?? null,
    familySituation: (child.familySituation as string) ?? null,
    otherParentUnableReason: (child.otherParentUnableReason as string) ?? null,
    difficulties: joinLabels(DIFFICULTY_LABELS, child.difficulties as DifficultyCategory[] | undefined),
    difficultyNote: (child.difficultyNote as string) ?? null,
    vulnerableCategories: joinLabels(VULNERABLE_LABELS, child.vulnerableCategories as VulnerableCategory[] | undefined),
    disability: (child.disability as string) ?? null,
    focus: focus === undefined || focus === null ? null : focus.flag ? '是' : '否',
    focusReason: focus?.reason ?? null,
    guardianName: card?.guardian?.name ?? null,
    guardianRelation: card?.guardian?.relation ?? null,
    guardianAge: card?.guardian?.age ?? null,
    guardianPhone: card?.guardian?.phone ?? null,
    guardianOccupation: card?.guardian?.occupation ?? null,
    guardianAddress: card?.guardian?.address ?? null,
    guardianHealth: card?.guardian?.health ?? null,
    guardianCapable: card?.guardian ? (card.guardian.capable ? '是' : '否') : null,
    emergencyName: card?.emergency?.name ?? null,
    emergencyRelation: card?.emergency?.relation ?? null,
    emergencyPhone: card?.emergency?.phone ?? null,
    ...extra,
  };
  for (const [p, who] of [
    ['father', father],
    ['mother', mother],
  ] as const) {
    row[`${p}Name`] = who?.name ?? null;
    row[`${p}Phone`] = who?.phone ?? null;
    row[`${p}WorkCity`] = who?.workCity ?? null;
    row[`${p}WorkUnit`] = who?.workUnit ?? null;
    row[`${p}WorkAddress`] = who?.workAddress ?? null;
    row[`${p}WorkPhone`] = who?.workPhone ?? null;
  }
  return row;
}

export interface SheetSpec {
  name: string;
  title: string;
  columns: { key: string; header: string; width?: number }[];
  rows: ExportRow[];
}

/** The registration table's columns: the import's (without the consent columns) plus the care network. */
export function registrationColumns(): SheetSpec['columns'] {
  return [
    { key: 'seq', header: '序号', width: 6 },
    ...COLUMNS.filter((c) => c.group !== 'consent').map((c) => ({ key: c.key, header: c.header, width: c.width })),
    { key: 'consentStatus', header: '监护人同意', width: 10 },
    { key: 'mentor', header: '帮扶教师', width: 10 },
    { key: 'buddies', header: '手拉手好朋友', width: 14 },
    { key: 'proxies', header: '代理家长', width: 14 },
    { key: 'cardUpdatedAt', header: '联系卡更新日期', width: 12 },
  ];
}

/** A workbook with a merged title row above each sheet's header; all cells as text (ID numbers and phones stay intact). */
export async function buildWorkbook(sheets: SheetSpec[], subtitle: string): Promise<Buffer> {
  const wb = new (await excel()).Workbook();
  wb.creator = '关爱室';
  for (const spec of sheets) {
    const ws = wb.addWorksheet(spec.name, { views: [{ state: 'frozen', ySplit: 3, xSplit: 3 }] });
    ws.columns = spec.columns.map((c) => ({ key: c.key, width: c.width ?? 12, style: { numFmt: '@' } }));
    ws.addRow([spec.title]);
    ws.mergeCells(1, 1, 1, spec.columns.length);
    ws.getRow(1).font = { bold: true, size: 14 };
    ws.getRow(1).alignment = { horizontal: 'center' };
    ws.addRow([subtitle]);
    ws.mergeCells(2, 1, 2, spec.columns.length);
    const header = ws.addRow(spec.columns.map((c) => c.header));
    header.font = { bold: true };
    header.eachCell((cell) => {
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFF3F8' } };
      cell.border = { bottom: { style: 'thin' } };
    });
    spec.rows.forEach((r, i) => ws.addRow(spec.columns.map((c) => (c.key === 'seq' ? i + 1 : (r[c.key] ?? null)) as ExcelJS.CellValue)));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
