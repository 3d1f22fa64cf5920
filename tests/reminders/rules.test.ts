/**
 * The engine's pure rules: WeChat field limits, quiet hours, backoff, keys, settings precedence.
 */
import { fitValue, templateData } from '../../cloudfunctions/core/reminders/templates';
import { quietUntil, retryAt, isPermanent, MAX_ATTEMPTS } from '../../cloudfunctions/core/reminders/timing';
import { reminderId, reminderKey } from '../../cloudfunctions/core/reminders/outbox';
import { DEFAULT_QUIET_HOURS, resolveConfig } from '../../cloudfunctions/core/reminders/config';
import { fromBeijing } from '../../cloudfunctions/core/time';

const len = (s: string) => Array.from(s).length;
const defaults = { quietHours: DEFAULT_QUIET_HOURS };

describe('field values fit WeChat limits', () => {
  test('thing: at most 20 characters, cut with an ellipsis; emoji count as one character', () => {
    const long = '三年级(1)班亲情视频通话安排在关爱室二楼东侧房间请提前到达';
    const v = fitValue('thing', long);
    expect(len(v)).toBe(20);
    expect(v.endsWith('…')).toBe(true);
    expect(v.startsWith('三年级(1)班亲情视频')).toBe(true);
    expect(fitValue('thing', '短标题')).toBe('短标题');
    const emoji = fitValue('thing', '🎂'.repeat(25));
    expect(len(emoji)).toBe(20);
    expect(
      Array.from(emoji)
        .slice(0, 19)
        .every((c) => c === '🎂'),
    ).toBe(true);
    expect(fitValue('thing', '   ')).toBe('-');
    expect(fitValue('thing', '多个   空格\n换行')).toBe('多个 空格 换行');
  });

  test('name: only Chinese (<= 10) or only letters (<= 20)', () => {
    expect(fitValue('name', '林小禾')).toBe('林小禾');
    expect(fitValue('name', '阿依古丽·买买提江·艾尔肯')).toBe('阿依古丽买买提江艾尔');
    expect(len(fitValue('name', '阿依古丽·买买提江·艾尔肯'))).toBe(10);
    expect(fitValue('name', 'Lin2 小禾!')).toBe('小禾');
    expect(fitValue('name', 'Alexander Maximilian Longname')).toBe('Alexander Maximilian');
  });

  test('phrase: Chinese only, at most 5 characters', () => {
    expect(fitValue('phrase', '待确认')).toBe('待确认');
    expect(fitValue('phrase', '已经确认了的预约')).toBe('已经确认了');
    expect(fitValue('phrase', 'OK 123')).toBe('提醒');
  });

  test('character_string, number, letter, symbol, phone_number, car_number', () => {
    const cs = fitValue('character_string', 'CALL-2027-03-05-林小禾-ABCDEFGHIJKLMNOPQRSTUVWXYZ');
    expect(cs).toMatch(/^[\x21-\x7e]{1,32}$/);
    expect(len(cs)).toBe(32);
    expect(fitValue('number', '共 12 人')).toBe('12');
    expect(len(fitValue('number', '9'.repeat(40)))).toBe(32);
    expect(fitValue('letter', 'abc123def')).toBe('abcdef');
    expect(len(fitValue('symbol', '!!!!!!!!'))).toBe(5);
    expect(fitValue('phone_number', '电话：0371-1234 5678')).toBe('0371-12345678');
    expect(len(fitValue('car_number', '豫A·12345XYZ'))).toBe(8);
  });

  test('time and date are Beijing wall clock in WeChat format, across a year boundary', () => {
    const instant = new Date('2026-12-31T16:30:00Z'); // 2027-01-01 00:30 in Beijing
    expect(fitValue('time', instant)).toBe('2027年1月1日 00:30');
    expect(fitValue('date', instant)).toBe('2027年1月1日');
    expect(fitValue('time', '2027-03-05T11:00:00.000Z')).toBe('2027年3月5日 19:00');
    expect(fitValue('date', '2027-02-28')).toBe('2027年2月28日');
    expect(fitValue('time', '今晚七点')).toBe('今晚七点');
  });

  test('templateData maps WeChat keys to logical fields and fits each to its type', () => {
    const data = templateData(
      { thing1: 'title', time2: 'time', name3: 'child', phrase4: 'state', thing5: 'missing' },
      {
        title: '亲情视频通话：请家长提前五分钟进入视频并确认网络良好',
        time: fromBeijing('2027-03-05 19:00'),
        child: 'Lin 林小禾',
        state: '已确认的',
      },
    );
    expect(data).toEqual({
      thing1: { value: '亲情视频通话：请家长提前五分钟进入视频…' },
      time2: { value: '2027年3月5日 19:00' },
      name3: { value: '林小禾' },
      phrase4: { value: '已确认的' },
      thing5: { value: '-' },
    });
    expect(len(data.thing1.value)).toBe(20);
  });
});

describe('quiet hours (Beijing time)', () => {
  test('parents and guardians: 22:00-07:00, deferred to 07:00', () => {
    expect(quietUntil('parent', fromBeijing('2027-03-05 22:30'), defaults)).toEqual(fromBeijing('2027-03-06 07:00'));
    expect(quietUntil('guardian', fromBeijing('2027-03-05 22:00'), defaults)).toEqual(fromBeijing('2027-03-06 07:00'));
    expect(quietUntil('parent', fromBeijing('2027-03-06 06:59'), defaults)).toEqual(fromBeijing('2027-03-06 07:00'));
    expect(quietUntil('parent', fromBeijing('2027-03-06 07:00'), defaults)).toBeNull();
    expect(quietUntil('parent', fromBeijing('2027-03-05 21:59'), defaults)).toBeNull();
  });

  test('teachers have none by default; a configured daytime window works too', () => {
    expect(quietUntil('teacher', fromBeijing('2027-03-05 23:30'), defaults)).toBeNull();
    const config = { quietHours: { teacher: { start: '12:00', end: '14:00' } } };
    expect(quietUntil('teacher', fromBeijing('2027-03-05 12:30'), config)).toEqual(fromBeijing('2027-03-05 14:00'));
    expect(quietUntil('teacher', fromBeijing('2027-03-05 14:00'), config)).toBeNull();
    expect(quietUntil('teacher', fromBeijing('2027-03-05 23:30'), config)).toBeNull();
  });

  test('over month and year ends', () => {
    expect(quietUntil('parent', fromBeijing('2026-12-31 23:10'), defaults)).toEqual(fromBeijing('2027-01-01 07:00'));
    expect(quietUntil('parent', fromBeijing('2027-02-28 22:45'), defaults)).toEqual(fromBeijing('2027-03-01 07:00'));
    expect(quietUntil('parent', fromBeijing('2028-02-28 22:45'), defaults)).toEqual(fromBeijing('2028-02-29 07:00'));
  });
});

describe('retries', () => {
  test('backoff 15 min, 1 h, 4 h, then give up', () => {
    const now = fromBeijing('2027-03-05 10:00');
    expect(retryAt(1, now)).toEqual(fromBeijing('2027-03-05 10:15'));
    expect(retryAt(2, now)).toEqual(fromBeijing('2027-03-05 11:00'));
    expect(retryAt(3, now)).toEqual(fromBeijing('2027-03-05 14:00'));
    expect(retryAt(MAX_ATTEMPTS, now)).toBeNull();
  });

  test('permanent errcodes stop at once; busy and rate limits are retried', () => {
    for (const code of [43101, 40037, 47003, 40003, 41030]) expect(isPermanent(code)).toBe(true);
    for (const code of [-1, 45009, 40001, 42001, 99999]) expect(isPermanent(code)).toBe(false);
  });
});

describe('keys', () => {
  test('the id depends on kind, subject, occurrence and recipient only', () => {
    const base = { kind: 'familyCall.upcoming', subject: 'call-1', occurrence: '2027-03-05', to: 'p1' };
    expect(reminderKey(base)).toBe('familyCall.upcoming|call-1|2027-03-05|p1');
    expect(reminderId(reminderKey(base))).toBe(reminderId(reminderKey({ ...base })));
    expect(reminderId(reminderKey(base))).toMatch(/^rm[0-9a-f]{30}$/);
    const others = [
      { ...base, kind: 'x' },
      { ...base, subject: 'call-2' },
      { ...base, occurrence: '2027-03-12' },
      { ...base, to: 'p2' },
    ];
    const ids = new Set([base, ...others].map((k) => reminderId(reminderKey(k))));
    expect(ids.size).toBe(5);
  });
});

describe('settings precedence', () => {
  const env = (vars: Record<string, string>) => (name: string) => vars[name];
  const tpl = (id: string) => ({ id, fields: { thing1: 'title' } });

  test('defaults: no template, parents and guardians quiet at night, formal state', () => {
    const c = resolveConfig(null);
    expect(c.templates).toEqual({});
    expect(c.quietHours).toEqual({ parent: { start: '22:00', end: '07:00' }, guardian: { start: '22:00', end: '07:00' } });
    expect(c.miniprogramState).toBe('formal');
  });

  test('the settings document beats the environment, which beats the defaults; null switches off', () => {
    const vars = env({
      REMINDER_TEMPLATES: JSON.stringify({ schedule: tpl('ENV_S'), notice: tpl('ENV_N') }),
      REMINDER_QUIET_HOURS: JSON.stringify({ teacher: { start: '21:00', end: '06:30' } }),
      REMINDER_MINIPROGRAM_STATE: 'trial',
    });
    const c = resolveConfig({ templates: { schedule: tpl('DOC_S'), notice: null }, quietHours: { parent: null } }, vars);
    expect(c.templates.schedule?.id).toBe('DOC_S');
    expect(c.templates.notice).toBeUndefined();
    expect(c.quietHours.parent).toBeUndefined();
    expect(c.quietHours.guardian).toEqual({ start: '22:00', end: '07:00' });
    expect(c.quietHours.teacher).toEqual({ start: '21:00', end: '06:30' });
    expect(c.miniprogramState).toBe('trial');
  });

  test('a malformed environment variable is ignored, not fatal', () => {
    const error = jest.spyOn(console, 'error').mockImplementation(() => {});
    const c = resolveConfig(null, env({ REMINDER_TEMPLATES: '{not json', REMINDER_QUIET_HOURS: JSON.stringify({ parent: { start: '7am', end: 'x' } }) }));
    expect(c.templates).toEqual({});
    expect(c.quietHours.parent).toEqual({ start: '22:00', end: '07:00' });
    expect(error).toHaveBeenCalledTimes(2);
    error.mockRestore();
  });
});
