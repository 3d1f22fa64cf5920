/**
 * The rules of community work as plain functions: visit intervals on the Beijing calendar, money in integer fen,
 * the ledger's totals, the steps of each alert. The suite runs in New York time: none of this may lean on it.
 */
import { addMonths, DEFAULT_POLICY, isFocus, needsVisits, policyOf, visitDue } from '../../cloudfunctions/core/community/policy';
import { fen, MAX_ENTRY_FEN, yuan } from '../../cloudfunctions/core/community/assistance/money';
import { allowanceInForce, ledgerTotals } from '../../cloudfunctions/core/community/assistance/totals';
import { alertGuide, SITUATION_CHANGES } from '../../cloudfunctions/core/alerts/kinds';
import { beijingDate, fromBeijing } from '../../cloudfunctions/core/time';
import type { AssistanceEntry } from '../../typings/domain';

const leftBehind = { leftBehindType: 'both_away' as const, focusSupport: null, vulnerableCategories: [] };
const focus = { ...leftBehind, focusSupport: { flag: true, reason: '需多关注' } };

describe('visit intervals', () => {
  test('every quarter by default, a focus child every month, a community may set its own', () => {
    expect(DEFAULT_POLICY).toEqual({ everyMonths: 3, focusEveryMonths: 1 });
    expect(policyOf({ visitEveryMonths: 2, focusEveryMonths: null })).toEqual({ everyMonths: 2, focusEveryMonths: 1 });
    expect(visitDue(leftBehind, '2027-01-10', DEFAULT_POLICY, '2027-03-01')).toEqual({ nextDue: '2027-04-10', due: 'ok' });
    expect(visitDue(focus, '2027-01-10', DEFAULT_POLICY, '2027-03-01')).toEqual({ nextDue: '2027-02-10', due: 'overdue' });
  });

  test('due soon within a week, overdue the day after, never visited, and no round for a child who needs none', () => {
    expect(visitDue(leftBehind, '2027-01-10', DEFAULT_POLICY, '2027-04-03').due).toBe('soon');
    expect(visitDue(leftBehind, '2027-01-10', DEFAULT_POLICY, '2027-04-10').due).toBe('soon');
    expect(visitDue(leftBehind, '2027-01-10', DEFAULT_POLICY, '2027-04-11').due).toBe('overdue');
    expect(visitDue(leftBehind, null, DEFAULT_POLICY, '2027-04-11')).toEqual({ nextDue: null, due: 'never' });
    const settled = { leftBehindType: 'not_left_behind' as const, focusSupport: null, vulnerableCategories: [] };
    expect(needsVisits(settled)).toBe(false);
    expect(visitDue(settled, null, DEFAULT_POLICY, '2027-04-11').due).toBe('none');
    // a 困境儿童 category makes any child a focus child
    expect(isFocus({ ...settled, vulnerableCategories: ['prisoner_child'] })).toBe(true);
    expect(needsVisits({ ...settled, vulnerableCategories: ['prisoner_child'] })).toBe(true);
  });

  test('months are calendar months: 31 January + 1 month is the end of February, leap years included', () => {
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2027-11-30', 3)).toBe('2028-02-29');
  });

  test('“today” is the Beijing day: 23:30 on 9 April in New York is already 10 April in Beijing', () => {
    const lateInNewYork = new Date('2027-04-10T03:30:00Z');
    expect(beijingDate(lateInNewYork)).toBe('2027-04-10');
    expect(visitDue(leftBehind, '2027-01-10', DEFAULT_POLICY, beijingDate(lateInNewYork)).due).toBe('soon');
    expect(beijingDate(fromBeijing('2027-04-10 00:10'))).toBe('2027-04-10');
  });
});

describe('money', () => {
  test('fen are whole numbers above zero and within reason; shown as 元 with two decimals, by integer arithmetic', () => {
    const amount = fen('金额', MAX_ENTRY_FEN);
    expect(amount.safeParse(65000).success).toBe(true);
    expect(amount.safeParse(-100).error?.issues[0].message).toBe('金额必须大于 0（不能为负数或零）');
    expect(amount.safeParse(0).error?.issues[0].message).toBe('金额必须大于 0（不能为负数或零）');
    expect(amount.safeParse(650.5).error?.issues[0].message).toBe('金额必须是整数（以分计，不能有小数）');
    expect(amount.safeParse(MAX_ENTRY_FEN + 1).error?.issues[0].message).toBe('金额不合理：不能超过 100000.00 元');
    expect(amount.safeParse('650').error?.issues[0].message).toBe('金额必须是数字（以分计）');
    expect(fen('低保', 100, { zero: true }).safeParse(0).success).toBe(true);
    expect([yuan(24500), yuan(65000), yuan(5), yuan(400000), yuan(-150), yuan(0)]).toEqual(['245.00', '650.00', '0.05', '4000.00', '-1.50', '0.00']);
    // ten cents a hundred times is ten yuan, exactly (floats would drift)
    expect(yuan(Array.from({ length: 100 }, () => 10).reduce((a, b) => a + b, 0))).toBe('10.00');
  });
});

describe('the ledger’s totals', () => {
  const entry = (over: Partial<AssistanceEntry>): AssistanceEntry =>
    ({
      _id: Math.random().toString(36),
      childId: 'c1',
      kind: 'payment',
      date: '2027-07-01',
      amountFen: null,
      quantity: null,
      approvedFen: null,
      paidFen: null,
      recordedAt: new Date('2027-07-01T02:00:00Z'),
      ...over,
    }) as AssistanceEntry;

  test('the 低保 in force is each child’s latest change on or before today; a future change does not count yet', () => {
    const entries = [
      entry({ kind: 'allowance', date: '2026-01-01', amountFen: 24500 }),
      entry({ kind: 'allowance', date: '2027-08-01', amountFen: 65000 }),
      entry({ kind: 'allowance', childId: 'c2', date: '2027-01-01', amountFen: 30000 }),
      entry({ kind: 'allowance', childId: 'c2', date: '2027-06-01', amountFen: 0 }),
    ];
    expect(allowanceInForce(entries, '2027-07-31')).toEqual(
      new Map([
        ['c1', 24500],
        ['c2', 0],
      ]),
    );
    expect(allowanceInForce(entries, '2027-08-01').get('c1')).toBe(65000);
  });

  test('relief applied, approved and paid; payments; material pieces and value; referrals; children counted once', () => {
    const totals = ledgerTotals(
      [
        entry({ kind: 'relief', amountFen: 400000, approvedFen: 400000, paidFen: 400000 }),
        entry({ kind: 'relief', childId: 'c2', amountFen: 100000, approvedFen: null, paidFen: null }),
        entry({ kind: 'payment', amountFen: 300000 }),
        entry({ kind: 'payment', amountFen: 65000 }),
        entry({ kind: 'material', quantity: 2, amountFen: null }),
        entry({ kind: 'material', quantity: 1, amountFen: 8800 }),
        entry({ kind: 'referral' }),
        entry({ kind: 'allowance', date: '2027-06-01', amountFen: 65000 }),
      ],
      '2027-07-15',
    );
    expect(totals).toEqual({
      reliefAppliedFen: 500000,
      reliefApprovedFen: 400000,
      reliefPaidFen: 400000,
      allowanceMonthlyFen: 65000,
      paymentsFen: 365000,
      materialItems: 3,
      materialValueFen: 8800,
      referrals: 1,
      children: 2,
    });
    expect(Object.values(totals).every(Number.isInteger)).toBe(true);
  });
});

describe('what each alert asks people to do', () => {
  test('every situation change has a name and steps ending with closing it with the result; the urgent ones include the mandatory report', () => {
    for (const [kind, guide] of Object.entries(SITUATION_CHANGES)) {
      expect({ kind, label: /[\u4e00-\u9fa5]/.test(guide.label) }).toEqual({ kind, label: true });
      expect(guide.steps.at(-1)).toContain('关闭');
      if (guide.urgent) expect(guide.steps.join('')).toMatch(/向.*(公安|民政).*报告/);
    }
    expect(alertGuide({ kind: 'no_capable_guardian', change: null, urgent: true })).toMatchObject({ label: '没有有照护能力的监护人', urgent: true });
    expect(alertGuide({ kind: 'situation_change', change: { kind: 'moved_away', note: '', visitId: 'v' }, urgent: false })).toMatchObject({
      label: '迁出本村',
      urgent: false,
    });
  });
});
