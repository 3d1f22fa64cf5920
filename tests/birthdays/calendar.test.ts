/**
 * The day a birthday is celebrated, and the rules for what classmates read: solar and lunar birthdays over several
 * years (a leap month, the 30th of a month that has 29 days), 2月29日, the scheduler's day query missing nobody, the
 * given name, and what a card's text may be.
 */
import { Lunar, LunarMonth, LunarYear, Solar } from 'lunar-typescript';
import { addDays, daysBetween } from '../../cloudfunctions/core/familyCalls/clock';
import {
  cardOccurrence,
  celebratesOn,
  celebrationsBetween,
  dayQuery,
  lunarBirthdayIn,
  lunarLabel,
  nextBirthday,
  solarBirthdayIn,
  type BirthdaySource,
} from '../../cloudfunctions/core/birthdays/calendar';
import { lunarOf } from '../../cloudfunctions/core/archive/rules';
import { givenName } from '../../cloudfunctions/core/birthdays/names';
import { textProblem } from '../../cloudfunctions/core/wishes/rules';

/** The lunar date of a solar day, as the library reads it. */
const lunarOfDay = (day: string) => {
  const [y, m, d] = day.split('-').map(Number);
  const l = Solar.fromYmd(y, m, d).getLunar();
  return { year: l.getYear(), month: l.getMonth(), day: l.getDay() };
};

describe('solar birthdays', () => {
  test('on the birth month and day every year', () => {
    expect(celebrationsBetween({ birthDate: '2017-09-12' }, '2026-01-01', '2029-12-31')).toEqual(['2026-09-12', '2027-09-12', '2028-09-12', '2029-09-12']);
  });

  test('2月29日 on 2月28日 in a common year, on the 29th in a leap year', () => {
    const leapling = { birthDate: '2016-02-29' };
    expect(celebrationsBetween(leapling, '2026-01-01', '2029-12-31')).toEqual(['2026-02-28', '2027-02-28', '2028-02-29', '2029-02-28']);
    expect(solarBirthdayIn('2016-02-29', 2100)).toBe('2100-02-28'); // not a leap year (divisible by 100)
    expect(solarBirthdayIn('2016-02-29', 2000)).toBe('2000-02-29');
    expect(celebratesOn(leapling, '2027-03-01')).toBe(false);
    expect(nextBirthday(leapling, '2027-03-01')).toBe('2028-02-29');
  });

  test('the next birthday across the new year', () => {
    expect(nextBirthday({ birthDate: '2017-01-03' }, '2026-12-30')).toBe('2027-01-03');
    expect(nextBirthday({ birthDate: '2017-12-30' }, '2026-12-30')).toBe('2026-12-30');
  });
});

describe('lunar birthdays', () => {
  // 林小禾 was born 2017-09-12, 农历七月廿二.
  const xiaohe = { birthDate: '2017-09-12', lunarBirthday: lunarOf('2017-09-12') };

  test('fall on a different solar day each year, always on 七月廿二', () => {
    const days = celebrationsBetween(xiaohe, '2024-01-01', '2030-12-31');
    expect(days).toEqual(['2024-08-25', '2025-09-13', '2026-09-03', '2027-08-23', '2028-09-10', '2029-08-31', '2030-08-20']);
    for (const d of days) expect(lunarOfDay(d)).toMatchObject({ month: 7, day: 22 });
    expect(lunarLabel(xiaohe.lunarBirthday)).toBe('农历七月廿二');
  });

  test('born in a leap month (闰六月十九, 2017): in 闰六月 in a year that has it (2025), in 六月 otherwise', () => {
    const leap = { birthDate: '2017-08-10', lunarBirthday: lunarOf('2017-08-10') };
    expect(leap.lunarBirthday).toEqual({ month: 6, day: 19, leap: true });
    expect(LunarYear.fromYear(2025).getLeapMonth()).toBe(6);
    const days = celebrationsBetween(leap, '2024-01-01', '2028-12-31');
    expect(days).toEqual(['2024-07-24', '2025-08-12', '2026-08-01', '2027-07-22', '2028-08-09']);
    expect(lunarOfDay('2025-08-12')).toEqual({ year: 2025, month: -6, day: 19 });
    for (const d of ['2024-07-24', '2026-08-01', '2027-07-22', '2028-08-09']) expect(lunarOfDay(d)).toMatchObject({ month: 6, day: 19 });
    expect(lunarLabel(leap.lunarBirthday)).toBe('农历闰六月十九');
    // Someone born in the ordinary 六月 keeps the ordinary month in 2025, a month before the leap one.
    expect(lunarBirthdayIn({ month: 6, day: 19 }, 2025)).toBe('2025-07-13');
  });

  test('the 30th of a month with 29 days that year is kept on the 29th', () => {
    const thirtieth = { birthDate: '2010-04-14', lunarBirthday: { month: 2, day: 30, leap: false } };
    expect(LunarMonth.fromYm(2024, 2)!.getDayCount()).toBe(30);
    expect(LunarMonth.fromYm(2025, 2)!.getDayCount()).toBe(29);
    expect(LunarMonth.fromYm(2026, 2)!.getDayCount()).toBe(29);
    expect(celebrationsBetween(thirtieth, '2024-01-01', '2026-12-31')).toEqual(['2024-04-08', '2025-03-28', '2026-04-16']);
    expect(lunarOfDay('2024-04-08')).toMatchObject({ month: 2, day: 30 });
    expect(lunarOfDay('2025-03-28')).toMatchObject({ month: 2, day: 29 });
    expect(addDays('2025-03-28', 1)).toBe('2025-03-29');
    expect(lunarOfDay('2025-03-29')).toMatchObject({ month: 3, day: 1 });
    expect(lunarLabel(thirtieth.lunarBirthday)).toBe('农历二月三十');
  });

  test('a 腊月 birthday falls in the next solar year, once a year', () => {
    const la = { birthDate: '2016-01-29', lunarBirthday: { month: 12, day: 20 } };
    expect(celebrationsBetween(la, '2027-01-01', '2028-12-31')).toEqual(['2027-01-27', '2028-01-16']);
    expect(nextBirthday(la, '2027-01-28')).toBe('2028-01-16');
  });

  test('a stored lunar birthday that names no real lunar day is not used (the solar birthday stands)', () => {
    expect(celebrationsBetween({ birthDate: '2017-05-01', lunarBirthday: { month: 13, day: 1 } }, '2027-01-01', '2027-12-31')).toEqual(['2027-05-01']);
    expect(lunarLabel({ month: 0, day: 5 })).toBeNull();
  });
});

describe("the scheduler's question for a day finds every child celebrating on it", () => {
  // Birthdays of every kind: solar days through the year and 2月29日; every day of 正月, 二月 (30 in 2024, 29 in 2025),
  // 六月 and 闰六月 (2025 has one), 冬月 and 腊月 (which reach into the next solar year).
  const children: BirthdaySource[] = [
    ...Array.from({ length: 53 }, (_, i) => ({ birthDate: addDays('2016-01-03', i * 7) })),
    { birthDate: '2016-02-29' },
    ...[1, 2, 6, 11, 12].flatMap((month) => Array.from({ length: 30 }, (_, i) => ({ birthDate: '2015-06-01', lunarBirthday: { month, day: 1 + i } }))),
    ...Array.from({ length: 30 }, (_, i) => ({ birthDate: '2017-08-10', lunarBirthday: { month: 6, day: 1 + i, leap: true } })),
  ];

  test('over three years (2025 has 闰六月), each child is matched by the query of each day it is celebrated, which is its lunar day', () => {
    const celebrations: { day: string; child: (typeof children)[number] }[] = [];
    for (const child of children) {
      const days = celebrationsBetween(child, '2025-01-01', '2027-12-31');
      // once a solar year, or once a lunar year (353 to 385 days apart: a 腊月 day may fall twice in one solar year)
      for (let i = 1; i < days.length; i++) expect(daysBetween(days[i - 1], days[i])).toBeGreaterThanOrEqual(353);
      expect(days.length).toBeGreaterThanOrEqual(2);
      expect(days.length).toBeLessThanOrEqual(4);
      celebrations.push(...days.map((day) => ({ day, child })));
    }
    const missed: unknown[] = [];
    // in date order: the library is quick on days of the year it read last
    for (const { day, child } of celebrations.sort((a, b) => a.day.localeCompare(b.day))) {
      const q = dayQuery(day)!;
      const lunar = child.lunarBirthday ?? null;
      const asked = lunar ? lunar.month === q.lunar.month && q.lunar.days.includes(lunar.day) : q.birthDates.includes(child.birthDate);
      // The library's own reading of the day: the birth month (the leap one in a year that has it) and day, or the
      // 29th for a 30th of a short month.
      const l = lunarOfDay(day);
      const leapYear = !!lunar?.leap && LunarYear.fromYear(l.year).getLeapMonth() === lunar.month;
      const lunarRight = !lunar || (l.month === (leapYear ? -lunar.month : lunar.month) && (l.day === lunar.day || (lunar.day === 30 && l.day === 29)));
      if (!asked || !celebratesOn(child, day) || !lunarRight) missed.push({ day, child, lunar: l });
    }
    expect(missed).toEqual([]);
    expect(celebrations.length).toBeGreaterThanOrEqual(children.length * 3 - 20);
  });

  test('asks for the birth years of school children only, and 2月29日 on 2月28日 of a common year', () => {
    const q = dayQuery('2027-02-28')!;
    expect(q.birthDates).toContain('2016-02-29');
    expect(q.birthDates).toContain('2002-02-28');
    expect(q.birthDates).not.toContain('2001-02-28');
    expect(dayQuery('2028-02-28')!.birthDates).not.toContain('2016-02-29');
    expect(Lunar.fromYmd(2025, 2, 29).getSolar().toYmd()).toBe('2025-03-28');
    expect(dayQuery('2025-03-28')!.lunar).toEqual({ month: 2, days: [29, 30] });
  });
});

describe('the card window', () => {
  const child = { birthDate: '2017-03-12' };
  test('from a week before the birthday to three days after it', () => {
    expect(cardOccurrence(child, '2027-03-04')).toBeNull();
    expect(cardOccurrence(child, '2027-03-05')).toBe('2027-03-12');
    expect(cardOccurrence(child, '2027-03-15')).toBe('2027-03-12');
    expect(cardOccurrence(child, '2027-03-16')).toBeNull();
  });
});

test('classmates read the given name (名), without the surname', () => {
  expect(givenName('林小禾')).toBe('小禾');
  expect(givenName('欧阳子涵')).toBe('子涵');
  expect(givenName('欧阳')).toBe('阳'); // a two-character name is surname and given name
  expect(givenName('王芳')).toBe('芳');
  expect(givenName('阿依古丽·买买提')).toBe('阿依古丽');
  expect(givenName(' 吴星辰 ')).toBe('星辰');
});

describe('what a card or work may say', () => {
  const problem = (text: string) => textProblem(text, '祝福的话', 100);
  test('kind words up to 100 characters, emoji counted as one each', () => {
    expect(problem('小禾，生日快乐！🎂')).toBeNull();
    expect(problem('祝'.repeat(99) + '🎂')).toBeNull();
    expect(problem('祝'.repeat(101))).toBe('祝福的话不能超过 100 个字（现在有 101 个字）');
    expect(problem('生'.repeat(10000))).toBe('祝福的话不能超过 100 个字（现在有 10000 个字）');
  });
  test('not only emoji or signs, no web code, no invisible characters, a few lines', () => {
    expect(problem('🎂🎉🎈')).toBe('祝福的话不能只有表情或符号，请写几个字');
    expect(problem('！！！～～')).toBe('祝福的话不能只有表情或符号，请写几个字');
    for (const code of ['<script>alert(1)</script>', '生日快乐<b>小禾</b>', '<img src=x onerror=alert(1)>', 'javascript:alert(1)', '生日快乐&#60;'])
      expect(problem(code)).toBe('祝福的话里不能有网页代码（如 <script>、尖括号标签），请只写文字');
    expect(problem('我们是好朋友 <3')).toBeNull();
    expect(problem('生日\u202e快乐')).toBe('祝福的话里有看不见的特殊字符，请删掉后重新输入');
    expect(problem('一\n二\n三\n四\n五\n六\n七')).toBe('祝福的话最多 6 行');
    expect(problem('')).toBe('请写上祝福的话');
  });
});
