/**
 * The archive form (编辑档案 / 添加学生): what it holds, every rule it can check by itself, the form from a child's
 * archive, and what it changed in the shape archive.update takes. The server judges again; mapPath puts its field
 * errors back onto the form.
 */
import type { ArchiveChangesInput } from '../../../../typings/actions/archive';
import type {
  DifficultyCategory,
  EnrolmentStatus,
  ExamRecord,
  Gender,
  LeftBehindType,
  VaccinationStatus,
  VulnerableCategory,
} from '../../../../typings/domain';
import { compact, dateError, idNumberError, requiredError } from './archive-form';

export interface Form {
  name: string;
  gender: Gender | '';
  birthDate: string;
  leftBehindType: LeftBehindType | '';
  keepsLunarBirthday: boolean;
  idNumber: string;
  address: string;
  health: string;
  hobbies: string;
  studySituation: string;
  familySituation: string;
  otherParentUnableReason: string;
  difficulties: DifficultyCategory[];
  difficultyNote: string;
  vulnerableCategories: VulnerableCategory[];
  disability: string;
  focus: boolean;
  focusReason: string;
  /** 学籍状态 ('' = none recorded, i.e. on the roll) and the day it took effect. */
  enrolmentStatus: EnrolmentStatus | '';
  enrolmentDate: string;
  enrolmentNote: string;
  vaccination: VaccinationStatus | '';
}

export const EMPTY: Form = {
  name: '',
  gender: '',
  birthDate: '',
  leftBehindType: '',
  keepsLunarBirthday: false,
  idNumber: '',
  address: '',
  health: '',
  hobbies: '',
  studySituation: '',
  familySituation: '',
  otherParentUnableReason: '',
  difficulties: [],
  difficultyNote: '',
  vulnerableCategories: [],
  disability: '',
  focus: false,
  focusReason: '',
  enrolmentStatus: '',
  enrolmentDate: '',
  enrolmentNote: '',
  vaccination: '',
};

/** Every rule the form can check by itself; '' where fine. */
export function formErrors(f: Form, create: boolean): Record<string, string> {
  return compact({
    name: requiredError(f.name, '姓名') || (f.name.trim().length > 20 ? '姓名不能超过 20 个字' : ''),
    gender: f.gender ? '' : '请选择性别',
    birthDate: dateError(f.birthDate, '出生日期'),
    leftBehindType: f.leftBehindType ? '' : '请选择留守类型',
    idNumber: create ? '' : idNumberError(f.idNumber, f.birthDate),
    otherParentUnableReason: !create && f.leftBehindType === 'one_away_other_unable' ? requiredError(f.otherParentUnableReason, '另一方无监护能力的原因') : '',
    difficultyNote: !create && f.difficulties.length ? requiredError(f.difficultyNote, '困难/问题的具体情况') : '',
    disability: !create && f.vulnerableCategories.includes('disabled') ? requiredError(f.disability, '残疾类别与等级') : '',
    health: !create && f.vulnerableCategories.includes('serious_illness') ? requiredError(f.health, '健康状况（所患疾病）') : '',
    focusReason: !create && f.focus ? requiredError(f.focusReason, '重点帮扶原因') : '',
    enrolmentDate: !create && f.enrolmentStatus ? dateError(f.enrolmentDate, '学籍变动日期') : '',
  });
}

export function formOf(c: Record<string, unknown>): Form {
  const focus = c.focusSupport as { flag: boolean; reason: string | null } | null | undefined;
  const enrolment = c.enrolment as { status: EnrolmentStatus; date: string; note: string | null } | null | undefined;
  const s = (v: unknown) => (typeof v === 'string' ? v : '');
  return {
    ...EMPTY,
    name: s(c.name),
    gender: (c.gender as Gender) ?? '',
    birthDate: s(c.birthDate),
    leftBehindType: (c.leftBehindType as LeftBehindType) ?? '',
    keepsLunarBirthday: !!c.lunarBirthday,
    address: s(c.address),
    health: s(c.health),
    hobbies: s(c.hobbies),
    studySituation: s(c.studySituation),
    familySituation: s(c.familySituation),
    otherParentUnableReason: s(c.otherParentUnableReason),
    difficulties: (c.difficulties as DifficultyCategory[]) ?? [],
    difficultyNote: s(c.difficultyNote),
    vulnerableCategories: (c.vulnerableCategories as VulnerableCategory[]) ?? [],
    disability: s(c.disability),
    focus: !!focus?.flag,
    focusReason: s(focus?.reason),
    enrolmentStatus: enrolment?.status ?? '',
    enrolmentDate: s(enrolment?.date),
    enrolmentNote: s(enrolment?.note),
    vaccination: (c.vaccination as VaccinationStatus | null) ?? '',
  };
}

/** What the form changed, in the shape archive.update takes. */
export function changesOf(before: Form, f: Form, beforeExams: ExamRecord[], exams: ExamRecord[]): ArchiveChangesInput {
  const out: Record<string, unknown> = {};
  const texts = [
    'name',
    'birthDate',
    'address',
    'health',
    'hobbies',
    'studySituation',
    'familySituation',
    'otherParentUnableReason',
    'difficultyNote',
    'disability',
  ] as const;
  for (const k of texts) if (f[k].trim() !== before[k].trim()) out[k] = f[k].trim() || null;
  for (const k of ['gender', 'leftBehindType'] as const) if (f[k] !== before[k]) out[k] = f[k];
  if (f.keepsLunarBirthday !== before.keepsLunarBirthday) out.keepsLunarBirthday = f.keepsLunarBirthday;
  if (f.idNumber.trim()) out.idNumber = f.idNumber.trim();
  for (const k of ['difficulties', 'vulnerableCategories'] as const) if ([...f[k]].sort().join() !== [...before[k]].sort().join()) out[k] = f[k];
  if (f.focus !== before.focus || f.focusReason.trim() !== before.focusReason.trim())
    out.focusSupport = { flag: f.focus, reason: f.focus ? f.focusReason.trim() || null : null };
  if (JSON.stringify(exams) !== JSON.stringify(beforeExams)) out.studyRecords = exams;
  if (f.enrolmentStatus !== before.enrolmentStatus || f.enrolmentDate !== before.enrolmentDate || f.enrolmentNote.trim() !== before.enrolmentNote.trim())
    out.enrolment = f.enrolmentStatus ? { status: f.enrolmentStatus, date: f.enrolmentDate, note: f.enrolmentNote.trim() || null } : null;
  if (f.vaccination !== before.vaccination) out.vaccination = f.vaccination || null;
  return out as ArchiveChangesInput;
}

/** The server's field paths onto the form's. */
export function mapPath(path: string): string {
  const p = path.replace(/^changes\./, '');
  if (p.startsWith('focusSupport')) return 'focusReason';
  if (p.startsWith('studyRecords')) return 'exams';
  if (p === 'enrolment.date') return 'enrolmentDate';
  if (p.startsWith('enrolment')) return 'enrolmentStatus';
  return p.split('.')[0];
}
