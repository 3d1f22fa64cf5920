/**
 * The journeys `npm run e2e` walks, each through taps and typing only, on the demo school of a fresh `npm start`.
 * Reading the emulator afterwards (its outbox, an action's answer) is only to check what the taps did.
 */
import assert from 'node:assert/strict';
import { apiAs, emulatorGet, type Phone } from './harness';

export interface Journey {
  name: string;
  run(phone: Phone): Promise<void>;
}

const TEMPLATE_ID = 'TPL_E2E_SCHEDULE';

const pad = (n: number) => String(n).padStart(2, '0');
/** "YYYY-MM-DDTHH:mm" of a moment in Beijing time (the frame's clock field). */
function beijingField(ms: number): string {
  const b = new Date(ms + 8 * 3600_000);
  return `${b.getUTCFullYear()}-${pad(b.getUTCMonth() + 1)}-${pad(b.getUTCDate())}T${pad(b.getUTCHours())}:${pad(b.getUTCMinutes())}`;
}

/** "YYYY-MM-DD" plus days. */
function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * A Monday in term at least a week ahead, 09:00 Beijing time: the journey books from there on the simulated clock,
 * so its first call is two days later whatever day the suite runs (the demo's own weekly call starts tomorrow).
 */
async function mondayInTerm(appUrl: string): Promise<number> {
  const calendar = await apiAs<{ terms: { start: string; end: string }[] }>(appUrl, 'demo-admin', 'calendar.get', {
    schoolId: 'demo-school',
  });
  let day = beijingField(Date.now() + 7 * 86400_000).slice(0, 10);
  const term = [...calendar.terms].sort((a, b) => a.start.localeCompare(b.start)).find((t) => t.end >= day);
  if (term && term.start > day) day = term.start;
  while (new Date(`${day}T00:00:00Z`).getUTCDay() !== 1) day = addDays(day, 1);
  return new Date(`${day}T09:00:00+08:00`).getTime();
}

interface MineView {
  children: {
    childId: string;
    next: { id: string; startsAt: string; when: string } | null;
    upcoming: { id: string; startsAt: string }[];
  }[];
}

const familyCall: Journey = {
  name: 'family-call',
  async run(phone) {
    // The school's admin sets up the subscribe-message template for schedule reminders.
    await phone.open('demo-admin');
    await phone.agreePrivacyIfAsked();
    await phone.shot();
    await phone.tap('提醒模板与记录', { exact: true });
    await phone.tap('提醒设置', { exact: true });
    await phone.type('f-template-id', TEMPLATE_ID);
    await phone.type('f-wxkey-title', 'thing1');
    await phone.type('f-wxkey-time', 'time2');
    await phone.shot();
    await phone.tap('保存模板', { exact: true });
    await phone.waitText('已保存');
    await phone.shot();

    // On a Monday morning in term, the teacher books a weekly call for 林小禾 with her mother: Wednesdays 17:00 on
    // the care room's computer.
    const monday = await mondayInTerm(phone.appUrl);
    await phone.typeFrame('.pv-clock-input', beijingField(monday));
    await phone.tapFrame('.pv-clock-set');
    const clockSetAt = Date.now();
    const simulatedNow = () => new Date(monday + (Date.now() - clockSetAt));
    await phone.switchTo('demo-teacher');
    await phone.shot();
    await phone.tap('亲情视频', { exact: true });
    await phone.shot();
    await phone.page.locator('.pv-screen').getByText('林小禾', { exact: true }).locator('..').getByText('预约', { exact: true }).click();
    await phone.settle();
    await phone.waitText('每周亲情视频');
    await phone.tap('关爱室电脑', { exact: true });
    await phone.tap('周三', { exact: true });
    await phone.type('time-input', '17:00');
    await phone.type('weeks-input', '2');
    await phone.shot();
    await phone.tap('预约', { exact: true });
    // booking asks once for the teacher's own work reminders (WeChat's subscribe sheet): she allows it
    await phone.page.locator('.pv-subscribe__allow').click();
    await phone.settle();
    if (
      await phone.screen
        .getByText('跳过这些日期')
        .isVisible()
        .catch(() => false)
    )
      await phone.tap('跳过这些日期，预约其余的');
    await phone.waitText('预约成功');
    await phone.shot();

    // The mother sees it from her home (a new message) and confirms on 下次视频, allowing the reminder.
    await phone.switchTo('demo-parent');
    await phone.shot();
    await phone.tap('消息中心', { exact: true });
    await phone.waitText('亲情视频');
    await phone.shot();
    await phone.backTo('pages/home/index');
    await phone.tap('下次视频', { exact: true });
    await phone.waitText('17:00');
    await phone.shot();
    const mine = await apiAs<MineView>(phone.appUrl, 'demo-parent', 'familyCalls.mine', {}, simulatedNow());
    const next = mine.children.find((c) => c.childId === 'demo-child-01')?.next;
    assert.ok(next, 'the mother has a next call');
    assert.match(next.when, /17:00/, `the next call is the one just booked: ${next.when}`);
    await phone.tap('确认能接听', { exact: true });
    await phone.page.locator('.pv-subscribe__allow').click();
    await phone.settle();
    await phone.waitText('已确认');
    await phone.shot();

    // The evening before: the clock moves to 24 hours before the call, and the scheduler's quarter-hour timer fires.
    const eveningBefore = new Date(next.startsAt).getTime() - 24 * 3600_000;
    await phone.typeFrame('.pv-clock-input', beijingField(eveningBefore));
    await phone.tapFrame('.pv-clock-set');
    await phone.tapFrame('.pv-timer-quarterHour');
    await phone.page.locator('.pv-timer-result').getByText('已触发').waitFor();

    // The mother's inbox has the reminder; the emulator's outbox has the subscribe message sent to her.
    await phone.backTo('pages/home/index');
    await phone.tap('消息中心', { exact: true });
    await phone.waitText('明天有亲情视频');
    await phone.shot();
    const { messages } = await emulatorGet<{ messages: { touser: string; templateId: string }[] }>(phone.appUrl, '/_emulator/wx/messages?touser=demo-parent');
    assert.ok(
      messages.some((m) => m.templateId === TEMPLATE_ID),
      `the outbox holds the schedule reminder to demo-parent (it has: ${JSON.stringify(messages)})`,
    );
    await phone.tapFrame('.pv-clock-real');
  },
};

const newChild: Journey = {
  name: 'new-child',
  async run(phone) {
    const name = '赵小满';
    // The teacher adds a child to the class roster.
    await phone.open('demo-teacher');
    await phone.agreePrivacyIfAsked();
    await phone.tap('班级花名册', { exact: true });
    await phone.shot();
    await phone.tap('添加学生', { exact: true });
    await phone.type('f-name', name);
    await phone.tap('女', { exact: true });
    await phone.pickDate('f-birth', '2017-05-20');
    await phone.tap('父母均外出务工', { exact: true });
    await phone.shot();
    await phone.tap('加入花名册', { exact: true });
    await phone.waitText(name);
    await phone.shot();
    const childId = (await phone.top()).query.childId;
    assert.ok(childId, 'the new child has a page of its own');

    // Her father signed the paper consent form: the teacher records it.
    await phone.backTo('pages/home/index');
    await phone.tap('隐私与同意', { exact: true });
    await phone.tap('登记家长签字的纸质同意书');
    await phone.tap(name, { exact: true });
    await phone.type('signer-name', '赵大山');
    await phone.type('signer-relation', '父亲');
    await phone.shot();
    await phone.tap('登记', { exact: true });
    await phone.waitText('已登记');
    await phone.shot();

    // Now the archive and the contact card.
    await phone.backTo('pages/home/index');
    await phone.tap('班级花名册', { exact: true });
    await phone.tap(name, { exact: true });
    await phone.shot();
    await phone.tap('编辑档案', { exact: true });
    await phone.type('f-address', '青山村三组 12 号');
    await phone.type('f-health', '良好');
    await phone.type('f-hobbies', '唱歌');
    await phone.shot();
    await phone.tap('保存', { exact: true });
    await phone.waitText('青山村三组');
    await phone.shot();
    await phone.tap('联系卡', { exact: true });
    await phone.tap('填写联系卡', { exact: true });
    await phone.type('f-father-name', '赵大山');
    await phone.type('f-father-relation', '父亲');
    await phone.type('f-father-phone', '13812345678');
    await phone.type('f-father-workCity', '浙江宁波');
    await phone.type('f-guardian-name', '李秀兰');
    await phone.type('f-guardian-relation', '外婆');
    await phone.type('f-guardian-age', '63');
    await phone.type('f-guardian-phone', '13987654321');
    await phone.type('f-emergency-name', '赵二山');
    await phone.type('f-emergency-relation', '叔叔');
    await phone.type('f-emergency-phone', '13711112222');
    await phone.shot();
    await phone.tap('保存联系卡', { exact: true });
    await phone.waitText('赵大山');
    await phone.shot();

    // Another child's parent opens a link to her page: the page refuses.
    await phone.switchTo('demo-parent');
    await phone.typeFrame('.pv-open-url', `/areas/archive/pages/child/index?childId=${childId}`);
    await phone.tapFrame('.pv-open');
    await phone.agreePrivacyIfAsked();
    const top = await phone.top();
    assert.equal(top.state, 'forbidden', `the parent's child page is in the forbidden state (it shows: ${await phone.text()})`);
    await phone.shot();
    assert.ok(!(await phone.text()).includes(name), 'the page does not show the other child');
  },
};

export const JOURNEYS: Journey[] = [familyCall, newChild];
