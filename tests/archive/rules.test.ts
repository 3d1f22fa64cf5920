/**
 * The archive's rules as pure functions: ID number (GB 11643), phones, dates, required fields per category,
 * the field-level diff, completeness, the guardian rule, and reading spreadsheet rows.
 */
import { idCheckChar, idNumberInfo, idNumberProblem } from '../../cloudfunctions/core/archive/idcard';
import {
  ageOn,
  archiveChangesSchema,
  archiveIssues,
  cardIssues,
  cardSchema,
  guardianCapable,
  lunarOf,
  needsGuardianAlert,
  storedChanges,
} from '../../cloudfunctions/core/archive/rules';
import { diffRecords } from '../../cloudfunctions/core/archive/diff';
import { archiveRate, completeness } from '../../cloudfunctions/core/archive/completeness';
import { judgeRows, parseDate, readRow, type RowContext } from '../../cloudfunctions/core/archive/excel';
import { fieldLabel } from '../../cloudfunctions/core/archive/labels';
import { archiveView, cardView, historyValue } from '../../cloudfunctions/core/privacy/views';
import { fromBeijing } from '../../cloudfunctions/core/time';
import type { Child, GuardianContact } from '../../typings/domain';
import { makeId } from './helpers';

describe('ID number (GB 11643)', () => {
  test('the published example 11010519491231002X is valid; changing any digit breaks the checksum', () => {
    expect(idNumberProblem('11010519491231002X')).toBeNull();
    expect(idNumberInfo('11010519491231002X')).toEqual({ birthDate: '1949-12-31', gender: 'female' });
    expect(idNumberProblem('11010519491231003X')).toMatch(/校验位/);
    expect(idNumberProblem('110105194912310021')).toMatch(/校验位/);
  });

  test('length, characters and the birth date inside are checked', () => {
    expect(idNumberProblem('1101051949123100')).toMatch(/18 位/);
    expect(idNumberProblem('11010519491231002Y')).toMatch(/18 位/);
    const feb30 = '41010220170230121';
    expect(idNumberProblem(feb30 + idCheckChar(feb30))).toMatch(/出生日期无效/);
  });

  test('the schema normalizes a lower-case x and spaces, and refuses a bad checksum in Chinese', () => {
    const parsed = archiveChangesSchema.safeParse({ idNumber: ' 110105 19491231002x ' });
    expect(parsed.success && parsed.data.idNumber).toBe('11010519491231002X');
    const bad = archiveChangesSchema.safeParse({ idNumber: '110105194912310021' });
    expect(bad.success).toBe(false);
    expect(!bad.success && bad.error.issues[0].message).toBe('身份证号校验位不正确，请核对');
    expect(archiveChangesSchema.safeParse({ idNumber: '' }).success && archiveChangesSchema.parse({ idNumber: '' }).idNumber).toBeNull();
  });

  test('the birth date and gender in the number must agree with the archive', () => {
    const id = makeId('2017-09-12', 'female');
    expect(archiveIssues({ idNumber: id, birthDate: '2017-09-12', gender: 'female' })).toEqual([]);
    expect(archiveIssues({ idNumber: id, birthDate: '2017-09-13', gender: 'female' })[0]).toMatchObject({
      path: 'idNumber',
      message: expect.stringContaining('2017-09-12'),
    });
    expect(archiveIssues({ idNumber: id, birthDate: '2017-09-12', gender: 'male' })[0].message).toMatch(/性别/);
  });
});

describe('phones, dates and texts', () => {
  const card = (guardianPhone: string) =>
    cardSchema.safeParse({
      parents: [],
      guardian: {
        name: '林奶奶',
        relation: '祖母',
        occupation: null,
        address: null,
        phone: guardianPhone,
        health: null,
        age: 66,
        capable: true,
      },
      emergency: null,
    });

  test.each(['13812345678', '0371-12345678', '037112345678', '010-1234567'])('%s is a phone number', (p) => expect(card(p).success).toBe(true));
  test.each(['12812345678', '1381234567', '138123456789', '138-1234-5678', 'abc', '', '+8613812345678'])('%s is not', (p) => {
    const res = card(p);
    expect(res.success).toBe(false);
    expect(!res.success && res.error.issues[0].message).toMatch(/电话格式不正确/);
  });

  test('birth dates must exist, be in YYYY-MM-DD, not in the future and of school age', () => {
    const ok = (d: string) => archiveChangesSchema.safeParse({ birthDate: d }).success;
    expect(ok('2017-09-12')).toBe(true);
    expect(ok('2017-02-29')).toBe(false);
    expect(ok('2017/09/12')).toBe(false);
    expect(ok('2099-01-01')).toBe(false);
    expect(ok('1980-01-01')).toBe(false);
  });

  test('texts are trimmed, limited, and empty means not filled', () => {
    expect(archiveChangesSchema.parse({ address: '  青山村五组  ' }).address).toBe('青山村五组');
    expect(archiveChangesSchema.parse({ address: '   ' }).address).toBeNull();
    expect(archiveChangesSchema.safeParse({ address: '村'.repeat(101) }).success).toBe(false);
    expect(archiveChangesSchema.safeParse({ nickname: 'x' }).success).toBe(false);
  });

  test('exam scores are numbers within the full mark', () => {
    const exam = (score: number, full = 100) =>
      archiveChangesSchema.safeParse({
        studyRecords: [{ exam: '期中考试', date: '2026-11-10', scores: [{ subject: '语文', score, full }] }],
      });
    expect(exam(92).success).toBe(true);
    expect(exam(101).success).toBe(false);
    expect(exam(118, 120).success).toBe(true);
    expect(exam(-1).success).toBe(false);
  });
});

describe('required fields per category', () => {
  const base: Partial<Child> = { name: '林小禾', gender: 'female', birthDate: '2017-09-12', leftBehindType: 'both_away' };
  const paths = (c: Partial<Child>) => archiveIssues({ ...base, ...c }).map((i) => i.path);

  test('one parent away and the other unable: the reason is required', () => {
    expect(paths({ leftBehindType: 'one_away_other_unable' })).toEqual(['otherParentUnableReason']);
    expect(paths({ leftBehindType: 'one_away_other_unable', otherParentUnableReason: '母亲重病卧床' })).toEqual([]);
  });
  test('a difficulty category needs a note; disabled needs the disability; serious illness needs health', () => {
    expect(paths({ difficulties: ['economic'] })).toEqual(['difficultyNote']);
    expect(paths({ vulnerableCategories: ['disabled'] })).toEqual(['disability']);
    expect(paths({ vulnerableCategories: ['serious_illness'], health: '白血病，治疗中' })).toEqual([]);
    expect(paths({ vulnerableCategories: ['serious_illness'] })).toEqual(['health']);
  });
  test('focus support needs a reason', () => {
    expect(paths({ focusSupport: { flag: true, reason: '' } })).toEqual(['focusSupport.reason']);
    expect(paths({ focusSupport: { flag: false, reason: '' } })).toEqual([]);
  });
  test('an orphan is not "both parents away"', () => {
    expect(paths({ vulnerableCategories: ['orphan'] })).toEqual(['vulnerableCategories']);
  });
  test('the contact card: a phone to reach someone, and the work city of a parent with a work unit', () => {
    const parent = {
      name: '林大山',
      relation: '父亲',
      phone: null,
      workCity: null,
      workUnit: '东莞某电子厂',
      workAddress: null,
      workPhone: null,
    };
    const issues = cardIssues({ parents: [parent], guardian: null, emergency: null }).map((i) => i.path);
    expect(issues).toEqual(['parents', 'parents.0.workCity']);
  });
});

describe('lunar birthday, age and the guardian rule', () => {
  test('the lunar birthday is computed from the solar birth date, leap months included', () => {
    expect(lunarOf('2017-09-12')).toEqual({ month: 7, day: 22, leap: false });
    expect(lunarOf('2017-08-10')).toEqual({ month: 6, day: 19, leap: true });
    expect(storedChanges({ keepsLunarBirthday: true }, { birthDate: '2017-09-12' }).lunarBirthday).toEqual({
      month: 7,
      day: 22,
      leap: false,
    });
    expect(storedChanges({ birthDate: '2017-08-10' }, { birthDate: '2017-09-12', lunarBirthday: { month: 7, day: 22 } }).lunarBirthday).toEqual({
      month: 6,
      day: 19,
      leap: true,
    });
    expect(storedChanges({ keepsLunarBirthday: false }, { birthDate: '2017-09-12' }).lunarBirthday).toBeNull();
  });

  test('age counts in Beijing days: the 16th birthday starts at Beijing midnight', () => {
    expect(ageOn('2010-03-01', fromBeijing('2026-02-28 23:59'))).toBe(15);
    expect(ageOn('2010-03-01', fromBeijing('2026-03-01 00:00'))).toBe(16);
    // 2026-02-28T16:30Z is already 03-01 00:30 in Beijing
    expect(ageOn('2010-03-01', new Date('2026-02-28T16:30:00Z'))).toBe(16);
  });

  test('a left-behind child under 16 needs a capable adult guardian', () => {
    const g = (over: Partial<GuardianContact> = {}): GuardianContact => ({
      name: '林奶奶',
      relation: '祖母',
      occupation: null,
      address: null,
      phone: '13812345678',
      health: null,
      age: 66,
      capable: true,
      ...over,
    });
    const now = fromBeijing('2026-11-20');
    const child = { birthDate: '2017-09-12', leftBehindType: 'both_away' as const };
    expect(needsGuardianAlert(child, { guardian: g() }, now)).toBe(false);
    expect(needsGuardianAlert(child, { guardian: null }, now)).toBe(true);
    expect(needsGuardianAlert(child, { guardian: g({ capable: false }) }, now)).toBe(true);
    expect(needsGuardianAlert(child, { guardian: g({ age: 15 }) }, now)).toBe(true);
    expect(guardianCapable(g({ age: null }))).toBe(true);
    expect(needsGuardianAlert({ ...child, birthDate: '2010-01-01' }, { guardian: null }, now)).toBe(false);
    expect(needsGuardianAlert({ ...child, leftBehindType: 'not_left_behind' }, { guardian: null }, now)).toBe(false);
    expect(needsGuardianAlert(child, null, now)).toBe(false);
  });
});

describe('field-level diff', () => {
  test('names the fields that changed, nested ones by path, lists of codes as a whole, bookkeeping ignored', () => {
    const before = {
      name: '林小禾',
      address: null,
      difficulties: ['economic'],
      archiveVersion: 3,
      updatedAt: new Date(1),
      parents: [{ name: '林大山', phone: '13800000001' }],
    };
    const after = {
      name: '林小禾',
      address: '青山村',
      difficulties: ['economic', 'study'],
      archiveVersion: 4,
      updatedAt: new Date(2),
      parents: [
        { name: '林大山', phone: '13800000002' },
        { name: '王芳', phone: null },
      ],
    };
    expect(diffRecords(before, after)).toEqual([
      { field: 'address', from: null, to: '青山村' },
      { field: 'difficulties', from: ['economic'], to: ['economic', 'study'] },
      { field: 'parents.0.phone', from: '13800000001', to: '13800000002' },
      { field: 'parents.1.name', from: null, to: '王芳' },
    ]);
    expect(diffRecords(before, { ...before }, ['name'])).toEqual([]);
    expect(fieldLabel('parents.1.phone')).toBe('父母2·电话');
  });
});

describe('completeness and the archive rate', () => {
  const card = {
    parents: [{ name: '林大山', relation: '父亲', phone: '13800000001', workCity: '东莞', workUnit: null, workAddress: null, workPhone: null }],
    guardian: null,
    emergency: null,
  };
  test('an archive is established with consent, address, a parent phone and (left-behind) a guardian', () => {
    const c1 = completeness({ leftBehindType: 'both_away', address: '青山村' }, card, true);
    expect(c1.archived).toBe(false);
    expect(c1.missing).toContain('监护人');
    const c2 = completeness({ leftBehindType: 'not_left_behind', address: '青山村' }, card, true);
    expect(c2.archived).toBe(true);
    expect(completeness({ leftBehindType: 'both_away', address: '青山村' }, card, false).missing[0]).toBe('监护人同意');
    expect(completeness({}, null, false).score).toBe(0);
    expect(archiveRate(2, 3)).toBe(66.7);
    expect(archiveRate(0, 0)).toBeNull();
  });
});

describe('per-role views', () => {
  const child = {
    _id: 'c1',
    name: '林小禾',
    birthDate: '2017-09-12',
    idNumber: makeId('2017-09-12', 'female'),
    difficulties: ['economic'],
    focusSupport: { flag: true, reason: '父母离异' },
    address: '青山村五组',
    hobbies: '画画',
  };
  test('families see no difficulty categories or focus-support; teachers see a masked ID; students nothing', () => {
    const parent = archiveView(child, 'parent').view;
    expect(parent).toMatchObject({ name: '林小禾', hobbies: '画画' });
    expect(parent).not.toHaveProperty('difficulties');
    expect(parent).not.toHaveProperty('focusSupport');
    expect(archiveView(child, 'teacher').view.idNumber).toMatch(/^410\*+\d|X$/);
    expect(archiveView(child, 'admin').view.idNumber).toBe(child.idNumber);
    expect(archiveView(child, 'student').view).toEqual({});
    expect(cardView({ parents: [{ name: 'x', phone: '13812345678' }] }, 'student').view).toBeNull();
    expect(cardView({ parents: [{ name: 'x', phone: '13812345678' }] }, 'teacher').view).toMatchObject({
      parents: [{ phone: '13812345678' }],
    });
  });
  test('history values follow the same views', () => {
    expect(historyValue('archive', 'idNumber', child.idNumber, 'teacher')).toMatch(/\*/);
    expect(historyValue('archive', 'focusSupport', child.focusSupport, 'parent')).toBeUndefined();
    expect(historyValue('contactCard', 'parents.0.phone', '13812345678', 'community')).toBe('13812345678');
    expect(historyValue('contactCard', 'parents.0.phone', '13812345678', 'student')).toBeUndefined();
  });
});

describe('spreadsheet rows', () => {
  const ctx: RowContext = { classes: new Map([['三年级(1)班', { id: 'k1', name: '三年级(1)班' }]]), fixedClass: null };
  const row = (cells: Record<string, unknown>, n = 2) => ({
    row: n,
    cells: {
      className: '三年级（1）班',
      name: '王小明',
      gender: '男',
      birthDate: new Date(Date.UTC(2017, 3, 3)),
      leftBehindType: '父母均外出',
      ...cells,
    } as never,
  });

  test('dates in the forms schools write them', () => {
    expect(parseDate('2017.4.3')).toBe('2017-04-03');
    expect(parseDate('2017年4月3日')).toBe('2017-04-03');
    expect(parseDate(20170403)).toBe('2017-04-03');
    expect(parseDate(42828)).toBe('2017-04-03');
    expect(parseDate(new Date(Date.UTC(2017, 3, 3)))).toBe('2017-04-03');
  });

  test('a roster row without consent keeps only the roster fields and says so', () => {
    const res = readRow(row({ address: '青山村', guardianName: '王奶奶', guardianPhone: '13812345678', guardianRelation: '祖母' }), ctx);
    expect(res.errors).toEqual([]);
    expect(res.record).toMatchObject({
      classId: 'k1',
      roster: { name: '王小明', gender: 'male', birthDate: '2017-04-03', leftBehindType: 'both_away' },
      archive: null,
      card: null,
      consent: null,
    });
    expect(res.warnings[0]).toMatch(/未签监护人同意书/);
  });

  test('with a signed consent the archive and card are read and judged', () => {
    const ok = readRow(
      row({
        consent: '已签',
        signerName: '王大力',
        signerRelation: '父亲',
        idNumber: makeId('2017-04-03', 'male'),
        guardianName: '王奶奶',
        guardianRelation: '祖母',
        guardianPhone: 13812345678,
        guardianAge: '66岁',
      }),
      ctx,
    );
    expect(ok.errors).toEqual([]);
    expect(ok.record?.card?.guardian).toMatchObject({ phone: '13812345678', age: 66, capable: true });
    const bad = readRow(
      row({
        consent: '已签',
        signerName: '王大力',
        signerRelation: '父亲',
        idNumber: makeId('2017-04-04', 'male'),
        fatherPhone: '123',
        guardianPhone: '13812345678',
      }),
      ctx,
    );
    expect(bad.record).toBeNull();
    expect(bad.errors.join('\n')).toMatch(/身份证号.*出生日期/);
    expect(bad.errors.join('\n')).toMatch(/父亲姓名/);
    expect(bad.errors.join('\n')).toMatch(/监护人姓名/);
  });

  test('missing and wrong cells are reported by column, in Chinese', () => {
    const res = readRow(row({ className: '九年级(9)班', name: null, gender: '未知', birthDate: '2017-02-30', leftBehindType: null }), ctx);
    const text = res.errors.join('\n');
    for (const expected of ['九年级(9)班', '姓名', '性别', '出生日期', '留守类型']) expect(text).toContain(expected);
    expect(readRow(row({ consent: '已签' }), ctx).errors.join()).toMatch(/签字人/);
    expect(readRow(row({ consent: '已签', signerName: 'a', signerRelation: 'b', idNumber: 4.10102201704031e17 }), ctx).errors.join()).toMatch(/文本/);
  });

  test('duplicates within the file and against the school are refused', () => {
    const existing = [{ name: '李四', birthDate: '2017-05-05', classId: 'k1', idNumber: null }];
    const judged = judgeRows([row({}, 2), row({}, 3), row({ name: '李四', birthDate: '2017-05-05' }, 4), row({ name: '赵六' }, 5)], ctx, existing);
    expect(judged.records.map((r) => r.row)).toEqual([2, 5]);
    expect(judged.problems).toEqual([
      { row: 3, name: '王小明', errors: ['与第 2 行重复（同班、同名、同出生日期）'] },
      { row: 4, name: '李四', errors: [expect.stringContaining('已在三年级(1)班花名册中')] },
    ]);
  });
});
