/**
 * 预约亲情视频 (teacher): a child's weekly call. Shows the parents with the times they can take calls, free weekly
 * times that suit both sides (tap one to fill the form), the devices with their hours; then weekday, time, length,
 * start and (optionally) the number of weeks: blank books to the end of the term. When some weeks cannot be held
 * the server lists them; the teacher can book the rest ("跳过这些日期").
 * First screen: one familyCalls.plan call. ?childId=…[&rebookOf=<missed call id>]
 */
import type { BookResult, PlanView, Suggestion } from '../../../../../typings/actions/familyCalls';
import type { Weekday } from '../../../../../typings/domain';
import type { DateConflict } from '../../../../../typings/errors';
import { call, CallError, errorMessage } from '../../../../services/api';
import { instanceState } from '../../../../services/instance';
import { loadScreen } from '../../../../services/screen';
import { askSubscribe, prefetchTemplates } from '../../../../services/subscribe';
import { CALL_MINUTES, placeLabel, WEEKDAYS } from '../../services/calls';
import { PAGES } from '../../../../services/routes';
import { beijingToday, dayLabel } from '../../../../services/time';

type State = 'loading' | 'error' | 'ready' | 'done';

interface Form {
  deviceId: string;
  weekday: number;
  time: string;
  minutes: number;
  startDate: string;
  weeks: string;
}

/** The child to book for and the call being booked again, from the url. */
const own = instanceState(() => ({ childId: '', rebookOf: null as string | null }));

Component({
  data: {
    state: 'loading' as State,
    errorMessage: '',
    plan: null as PlanView | null,
    /** TDesign checkbox options: a parent, with the times they can take calls */
    parentOptions: [] as { label: string; value: string; content: string }[],
    chosenParents: [] as string[],
    /** TDesign radios: a device, with its hours a line per day */
    deviceOptions: [] as { label: string; value: string; hours: string[] }[],
    weekdays: WEEKDAYS.map((w) => ({ ...w, chosen: false })),
    minutesOptions: CALL_MINUTES.map((m) => ({ value: m, chosen: m === 30 })),
    suggestions: [] as Suggestion[],
    form: { deviceId: '', weekday: 0, time: '', minutes: 30, startDate: '', weeks: '' } as Form,
    termHint: '',
    formError: '',
    conflict: null as null | { message: string; lines: string[]; dates: string[] },
    result: null as BookResult | null,
    submitting: false,
  },

  methods: {
    onLoad(query: Record<string, string> = {}) {
      own(this).childId = query.childId ?? '';
      own(this).rebookOf = query.rebookOf || null;
      prefetchTemplates();
      this.load();
    },

    load() {
      const { childId } = own(this);
      return loadScreen(this, async () => {
        const plan = await call('familyCalls.plan', { childId });
        const devices = plan.devices.filter((d) => d.active);
        this.setData({
          state: 'ready',
          plan,
          suggestions: plan.suggestions,
          parentOptions: plan.parents.map((p) => {
            const a = plan.availability.find((x) => x.bindingId === p.bindingId);
            return {
              value: p.bindingId,
              label: p.label,
              content: a && a.slotsText.length ? `方便接听：${a.slotsText.join('、')}` : '未填写方便接听的时间',
            };
          }),
          chosenParents: plan.parents.map((p) => p.bindingId),
          deviceOptions: devices.map((d) => ({
            value: d.id,
            label: placeLabel({ name: d.name, roomName: d.roomName }),
            hours: d.hoursText.length ? d.hoursText : ['未设置开放时间'],
          })),
          form: { ...this.data.form, deviceId: devices[0]?.id ?? '', startDate: plan.today },
          termHint: plan.currentTerm ? `不填周数则预约到学期结束（${dayLabel(plan.currentTerm.end)}）` : '未设置校历：请填写预约的周数',
        });
      });
    },

    onRetry() {
      this.load();
    },

    onParentsChange(e: WechatMiniprogram.CustomEvent<{ value: string[] }>) {
      this.setData({ chosenParents: e.detail.value ?? [], conflict: null });
    },

    setForm(patch: Partial<Form>) {
      const form = { ...this.data.form, ...patch };
      this.setData({
        form,
        conflict: null,
        formError: '',
        weekdays: this.data.weekdays.map((w) => ({ ...w, chosen: w.value === form.weekday })),
        minutesOptions: this.data.minutesOptions.map((m) => ({ ...m, chosen: m.value === form.minutes })),
      });
    },

    onPickSuggestion(e: WechatMiniprogram.TouchEvent) {
      const s = this.data.suggestions[Number(e.currentTarget.dataset.index)];
      if (s) this.setForm({ weekday: s.weekday, time: s.time, minutes: s.minutes, deviceId: s.deviceId });
    },

    onDeviceChange(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setForm({ deviceId: e.detail.value });
    },

    onPickWeekday(e: WechatMiniprogram.TouchEvent) {
      this.setForm({ weekday: Number(e.currentTarget.dataset.value) });
    },

    onPickMinutes(e: WechatMiniprogram.TouchEvent) {
      this.setForm({ minutes: Number(e.currentTarget.dataset.value) });
    },

    onField(e: WechatMiniprogram.CustomEvent<{ value: string }, WechatMiniprogram.IAnyObject, { field: keyof Form }>) {
      this.setForm({ [e.currentTarget.dataset.field]: String(e.detail.value ?? '').trim() } as Partial<Form>);
    },

    async onBook() {
      await this.submit([]);
    },

    /** Book again leaving out the dates the server said cannot be held. */
    async onSkipConflicts() {
      await this.submit(this.data.conflict?.dates ?? []);
    },

    async submit(skipDates: string[]) {
      const { childId, rebookOf } = own(this);
      const f = this.data.form;
      const parentBindingIds = this.data.chosenParents;
      if (!f.weekday || !f.time || !f.deviceId) return this.setData({ formError: '请选择星期、时间和设备（可点上面的推荐时间）' });
      if (!parentBindingIds.length) return this.setData({ formError: '请至少选择一位家长' });
      const weeks = f.weeks ? Number(f.weeks) : undefined;
      if (f.weeks && (!Number.isInteger(weeks) || weeks! < 1)) return this.setData({ formError: '周数请填正整数' });
      askSubscribe(['notice']).catch(() => undefined);
      this.setData({ submitting: true, formError: '' });
      try {
        const result = await call('familyCalls.book', {
          childId,
          deviceId: f.deviceId,
          weekday: f.weekday as Weekday,
          time: f.time,
          minutes: f.minutes,
          startDate: f.startDate || beijingToday(),
          ...(weeks ? { weeks } : {}),
          parentBindingIds,
          ...(skipDates.length ? { skipDates } : {}),
          ...(rebookOf ? { rebookOf } : {}),
        });
        this.setData({ state: 'done', result, conflict: null });
      } catch (err) {
        const conflicts = err instanceof CallError && err.code === 'CONFLICT' ? (err.details ?? []).filter((d): d is DateConflict => 'date' in d) : [];
        if (conflicts.length) {
          const lines = conflicts.map((c) => `${Number(c.date.slice(5, 7))}月${Number(c.date.slice(8, 10))}日：${c.reason}`);
          this.setData({
            conflict: { message: `有 ${conflicts.length} 次通话无法安排：`, lines, dates: [...skipDates, ...conflicts.map((c) => c.date)] },
          });
        } else {
          this.setData({ formError: errorMessage(err) });
        }
      } finally {
        this.setData({ submitting: false });
      }
    },

    onBackToWeek() {
      wx.navigateBack({ fail: () => wx.redirectTo({ url: PAGES.week }) });
    },
  },
});
