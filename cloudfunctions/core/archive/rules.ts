/**
 * The archive's rules: field schemas (zod, Chinese messages), the rules across fields (ID number against birth date
 * and gender, required fields per category), the contact card, a child's age and whether their guardian is capable.
 * Used by the edit actions and by the import, so a form and a spreadsheet row are judged the same way.
 */
import { z } from 'zod';
import { Solar } from 'lunar-typescript';
import { day, phone, text } from '../validate';
import { beijingDate, dayjs } from '../time';
import { idNumberInfo, idNumberProblem, normalizeIdNumber } from './idcard';
import type { Child, ContactCard, DifficultyCategory, ExamRecord, GuardianContact, VulnerableCategory } from '../../../typings/domain';

export type Issue = { path: string; message: string };

/** Optional text: '' or spaces mean "not filled" (null). */
export const optText = (what: string, max: number) =>
  z
    .string({ error: `${what}必须是文字` })
    .trim()
    .max(max, `${what}不能超过 ${max} 个字`)
    .nullable()
    .transform((s) => (s ? s : null));

export const optPhone = (what: string) => z.union([z.literal(''), z.null(), phone(what)]).transform((s) => (s ? s : null));

export const idNumberSchema = z
  .string({ error: '身份证号必须是文字' })
  .transform(normalizeIdNumber)
  .superRefine((s, ctx) => {
    if (!s) return;
    const problem = idNumberProblem(s);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .nullable()
  .transform((s) => (s ? s : null));

/** A child's birth date: a real day, not in the future, and of school age (at most 25 years ago). */
export const birthDateSchema = day('出生日期').refine((s) => {
  const today = beijingDate();
  return s <= today && dayjs(s).isAfter(dayjs(today).subtract(25, 'year'));
}, '出生日期不合理（不能晚于今天，也不能早于 25 年前）');

export const genderSchema = z.enum(['male', 'female'], { error: '请选择性别' });
export const leftBehindSchema = z.enum(['both_away', 'one_away_other_unable', 'not_left_behind'], { error: '请选择留守类型' });
const difficultySchema = z.enum(['economic', 'health', 'study', 'psychological', 'behavior'], { error: '困难/问题类别不正确' });
const vulnerableSchema = z.enum(['orphan', 'unsupported', 'prisoner_child', 'disabled', 'serious_illness'], {
  error: '困境儿童类别不正确',
});

const examSchema = z
  .object({
    exam: text('考试名称', 30),
    date: day('考试日期'),
    scores: z
      .array(
        z
          .object({
            subject: text('科目', 10),
            score: z.number({ error: '分数必须是数字' }).min(0, '分数不能为负'),
            full: z.number({ error: '满分必须是数字' }).int('满分必须是整数').min(1, '满分至少 1 分').max(200, '满分最多 200 分').default(100),
          })
          .strict()
          .refine((s) => s.score <= s.full, { message: '分数不能超过满分', path: ['score'] }),
      )
      .min(1, '请至少填写一门科目的分数')
      .max(15, '科目最多 15 门'),
    rank: z.number({ error: '名次必须是数字' }).int('名次必须是整数').min(1, '名次至少为 1').max(2000, '名次不合理').nullable().default(null),
    note: optText('备注', 200).default(null),
  })
  .strict();

export const enrolmentSchema = z
  .object({
    status: z.enum(['enrolled', 'transferred_in', 'transferred_out', 'suspended', 'dropped_out'], { error: '请选择学籍状态' }),
    date: day('学籍变动日期'),
    note: optText('学籍备注', 200).default(null),
  })
  .strict();

export const vaccinationSchema = z.enum(['complete', 'incomplete', 'unknown'], { error: '请选择计划免疫接种情况' });

/** The basic roster fields (花名册): what the school knows of every pupil, needed before consent can even be asked. */
export const rosterFields = {
  name: text('姓名', 20),
  gender: genderSchema,
  birthDate: birthDateSchema,
  leftBehindType: leftBehindSchema,
};

/** Archive fields an edit may change; each optional, null clears it. */
export const archiveChangesSchema = z
  .object({
    name: rosterFields.name.optional(),
    gender: rosterFields.gender.optional(),
    birthDate: rosterFields.birthDate.optional(),
    leftBehindType: rosterFields.leftBehindType.optional(),
    keepsLunarBirthday: z.boolean({ error: '请选择是否过农历生日' }).optional(),
    idNumber: idNumberSchema.optional(),
    address: optText('家庭住址', 100).optional(),
    health: optText('健康状况', 200).optional(),
    hobbies: optText('兴趣爱好', 100).optional(),
    studySituation: optText('学习情况', 500).optional(),
    studyRecords: z.array(examSchema).max(60, '进步档案最多 60 次考试').optional(),
    familySituation: optText('家庭情况', 500).optional(),
    otherParentUnableReason: optText('另一方无监护能力的原因', 100).optional(),
    difficulties: z.array(difficultySchema).max(5).optional(),
    difficultyNote: optText('困难/问题说明', 300).optional(),
    vulnerableCategories: z.array(vulnerableSchema).max(5).optional(),
    disability: optText('残疾类别与等级', 100).optional(),
    focusSupport: z
      .object({ flag: z.boolean({ error: '请选择是否重点帮扶' }), reason: optText('重点帮扶原因', 200).default(null) })
      .strict()
      .nullable()
      .optional(),
    enrolment: enrolmentSchema.nullable().optional(),
    vaccination: vaccinationSchema.nullable().optional(),
  })
  .strict();

export type ArchiveChanges = z.infer<typeof archiveChangesSchema>;

/** The lunar month/day of a solar birth date (for families who keep the lunar birthday, 过农历生日). */
export function lunarOf(birthDate: string): { month: number; day: number; leap: boolean } {
  const [y, m, d] = birthDate.split('-').map(Number);
  const lunar = Solar.fromYmd(y, m, d).getLunar();
  const month = lunar.getMonth();
  return { month: Math.abs(month), day: lunar.getDay(), leap: month < 0 };
}

/** The stored form of an edit: keepsLunarBirthday becomes lunarBirthday (computed from the birth date). */
export function storedChanges(changes: ArchiveChanges, current: Partial<Child>): Record<string, unknown> {
  const { keepsLunarBirthday, ...rest } = changes;
  const out: Record<string, unknown> = { ...rest };
  const birthDate = (changes.birthDate as string | undefined) ?? current.birthDate;
  const keeps = keepsLunarBirthday ?? !!current.lunarBirthday;
  if (keepsLunarBirthday !== undefined || (changes.birthDate !== undefined && keeps)) out.lunarBirthday = keeps && birthDate ? lunarOf(birthDate) : null;
  for (const key of ['difficulties', 'vulnerableCategories'] as const) if (Array.isArray(out[key])) out[key] = [...new Set(out[key] as string[])];
  return out;
}

/** Rules across fields, on the archive as it would be after the change. */
export function archiveIssues(child: Partial<Child>): Issue[] {
  const issues: Issue[] = [];
  if (child.idNumber) {
    const problem = idNumberProblem(child.idNumber);
    if (!problem) {
      const info = idNumberInfo(child.idNumber);
      if (child.birthDate && info.birthDate !== child.birthDate)
        issues.push({ path: 'idNumber', message: `身份证号中的出生日期（${info.birthDate}）与填写的出生日期（${child.birthDate}）不一致` });
      if (child.gender && info.gender !== child.gender)
        issues.push({ path: 'idNumber', message: `身份证号显示性别为${info.gender === 'male' ? '男' : '女'}，与填写的性别不一致` });
    }
  }
  if (child.leftBehindType === 'one_away_other_unable' && !child.otherParentUnableReason) {
    issues.push({ path: 'otherParentUnableReason', message: '留守类型为“一方外出、另一方无监护能力”时，请填写另一方无监护能力的原因' });
  }
  if ((child.difficulties as DifficultyCategory[] | undefined)?.length && !child.difficultyNote) {
    issues.push({ path: 'difficultyNote', message: '选择了困难/问题类别，请填写具体情况' });
  }
  const vulnerable = (child.vulnerableCategories as VulnerableCategory[] | undefined) ?? [];
  if (vulnerable.includes('disabled') && !child.disability) issues.push({ path: 'disability', message: '残疾儿童请填写残疾类别与等级' });
  if (vulnerable.includes('serious_illness') && !child.health) issues.push({ path: 'health', message: '重病儿童请填写健康状况（所患疾病）' });
  if (vulnerable.includes('orphan') && child.leftBehindType === 'both_away')
    issues.push({ path: 'vulnerableCategories', message: '孤儿不属于“父母均外出务工”，请核对留守类型' });
  if (child.focusSupport?.flag && !child.focusSupport.reason) issues.push({ path: 'focusSupport.reason', message: '列为重点帮扶对象时，请填写原因' });
  const exams = (child.studyRecords as ExamRecord[] | undefined) ?? [];
  const seen = new Set<string>();
  exams.forEach((e, i) => {
    const key = `${e.date}|${e.exam}`;
    if (seen.has(key)) issues.push({ path: `studyRecords.${i}`, message: `${e.date} 的“${e.exam}”重复了` });
    seen.add(key);
  });
  return issues;
}

// ───────────── contact card (联系卡) ─────────────

const parentSchema = z
  .object({
    name: text('父母姓名', 20),
    relation: text('与孩子的关系', 10),
    phone: optPhone('父母电话'),
    workCity: optText('务工城市', 30),
    workUnit: optText('务工单位', 50),
    workAddress: optText('单位地址', 100),
    workPhone: optPhone('单位电话'),
  })
  .strict();

const guardianSchema = z
  .object({
    name: text('监护人姓名', 20),
    relation: text('监护人与孩子的关系', 10),
    occupation: optText('监护人职业', 30),
    address: optText('监护人地址', 100),
    phone: phone('监护人电话'),
    health: optText('监护人身体状况', 100),
    age: z.number({ error: '监护人年龄必须是数字' }).int('年龄必须是整数').min(10, '监护人年龄不合理').max(110, '监护人年龄不合理').nullable(),
    capable: z.boolean({ error: '请选择监护人是否有照护能力' }),
  })
  .strict();

const emergencySchema = z.object({ name: text('紧急联系人姓名', 20), relation: text('紧急联系人关系', 10), phone: phone('紧急联系人电话') }).strict();

/** 无法联系到任何监护人: a state the card records (and that raises the alert), with why. */
const unreachableSchema = z.object({ reason: text('无法联系到监护人的原因', 200) }).strict();

export const cardSchema = z
  .object({
    parents: z.array(parentSchema).max(4, '父母最多填写 4 人'),
    guardian: guardianSchema.nullable(),
    emergency: emergencySchema.nullable(),
    unreachable: unreachableSchema.nullable().optional(),
  })
  .strict();

export type CardInput = z.infer<typeof cardSchema>;

/** Rules across the card's fields. */
export function cardIssues(card: CardInput): Issue[] {
  const issues: Issue[] = [];
  const phones = [...card.parents.map((p) => p.phone), card.guardian?.phone].filter(Boolean);
  // Nobody reachable is a state to record (it raises the alert), not a card to refuse: it needs its reason instead.
  if (!card.unreachable && card.parents.length + (card.guardian ? 1 : 0) > 0 && phones.length === 0)
    issues.push({ path: 'parents', message: '父母和监护人至少要有一个联系电话；确实谁也联系不上的，请选择“无法联系到任何监护人”并写明原因' });
  card.parents.forEach((p, i) => {
    if ((p.workUnit || p.workAddress || p.workPhone) && !p.workCity) issues.push({ path: `parents.${i}.workCity`, message: `请填写${p.name}的务工城市` });
  });
  return issues;
}

/** Full years of age on the Beijing calendar day of `now`. */
export function ageOn(birthDate: string, now: Date): number {
  const [y, m, d] = beijingDate(now).split('-').map(Number);
  const [by, bm, bd] = birthDate.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** 有照护能力的监护人: an adult marked capable on the card. */
export function guardianCapable(guardian: GuardianContact | null | undefined): boolean {
  return !!guardian && guardian.capable && (guardian.age === null || guardian.age >= 18);
}

/**
 * A left-behind child under 16 must not live without a capable guardian (国发〔2016〕13号: 不满十六周岁的儿童不得脱离监护单独居住生活).
 * Known once the contact card exists; a child without a card shows as missing data instead. A card that records
 * nobody reachable raises it for any minor, left behind or not: that child is exactly the one who needs help.
 */
export function needsGuardianAlert(
  child: Pick<Child, 'birthDate' | 'leftBehindType'>,
  card: Pick<ContactCard, 'guardian' | 'unreachable'> | null,
  now: Date,
): boolean {
  if (!card) return false;
  if (card.unreachable) return ageOn(child.birthDate, now) < 18;
  if (child.leftBehindType === 'not_left_behind') return false;
  return ageOn(child.birthDate, now) < 16 && !guardianCapable(card.guardian);
}
