/**
 * 亲情视频 · 本周安排 (teacher): the week's calls of the class day by day, the family-phone log, this week's contact
 * coverage, and the left-behind children with a 预约 (book) and a 登记电话 (log a phone call) each; for a whole school
 * (admin), each class's calls and coverage, a tap opening the class's week.
 * First screen: one familyCalls.week call (the caller's own class unless the query names one).
 */
import type { AgendaCall, WeekView } from '../../../../../typings/actions/familyCalls';
import { call, errorMessage } from '../../../../services/api';
import { instanceState } from '../../../../services/instance';
import { loadScreen } from '../../../../services/screen';
import { orNull, placeLabel, statusTheme } from '../../services/calls';
import { pageUrl } from '../../../../services/routes';
import { addDays, beijingClock, beijingToday, dayRangeLabel } from '../../../../services/time';

type State = 'loading' | 'error' | 'ready';

interface Row extends AgendaCall {
  theme: string;
  /** where: the device, with its room when its name does not say it */
  place: string;
}

interface ClassRow {
  classId: string;
  name: string;
  callsLabel: string;
  contactLabel: string;
}

interface ChildRow {
  childId: string;
  name: string;
  contactLabel: string;
  theme: string;
}

const emptyPhone = () => ({
  open: false,
  childId: '',
  childName: '',
  date: beijingToday(),
  /** a call logged happened today or before */
  today: beijingToday(),
  time: beijingClock(),
  minutes: '',
  who: '',
  note: '',
  error: '',
});

/** The class or school the page shows (from its url). */
const own = instanceState(() => ({ scope: {} as { classId?: string; schoolId?: string } }));

Component({
  data: {
    state: 'loading' as State,
    errorMessage: '',
    week: null as WeekView | null,
    weekLabel: '',
    days: [] as { date: string; label: string; calls: Row[] }[],
    empty: false,
    children: [] as ChildRow[],
    classes: [] as ClassRow[],
    phonesNote: '',
    coverageText: '',
    phone: emptyPhone(),
    saving: false,
  },

  methods: {
    onLoad(query: Record<string, string> = {}) {
      own(this).scope = query.classId ? { classId: query.classId } : query.schoolId ? { schoolId: query.schoolId } : {};
      this.load(query.date);
    },

    onPullDownRefresh() {
      this.load(this.data.week?.from).then(() => wx.stopPullDownRefresh());
    },

    load(date?: string) {
      const { scope } = own(this);
      return loadScreen(this, async () => {
        const week = await call('familyCalls.week', { ...scope, ...(date ? { date } : {}) });
        const c = week.coverage;
        this.setData({
          state: 'ready',
          week,
          weekLabel: dayRangeLabel(week.from, week.to),
          days: week.days
            .filter((d) => d.calls.length)
            .map((d) => ({ ...d, calls: d.calls.map((x) => ({ ...x, theme: statusTheme(x.status), place: placeLabel(x.device) })) })),
          empty: week.days.every((d) => !d.calls.length),
          coverageText: c.leftBehind ? `本周已联系 ${c.contacted}/${c.leftBehind} 名留守儿童（${c.rate}%）` : '没有留守儿童',
          classes: week.classes.map((k) => ({
            classId: k.classId,
            name: k.name,
            callsLabel: k.calls ? `亲情视频 ${k.calls} 次，已完成 ${k.done} 次` : '本周没有安排亲情视频',
            contactLabel: k.leftBehind ? `已联系 ${k.contacted}/${k.leftBehind}` : '没有留守儿童',
          })),
          phonesNote: week.phoneTotal > week.phoneCalls.length ? `共 ${week.phoneTotal} 次，显示最近 ${week.phoneCalls.length} 次` : '',
          children: week.children.map((k) => ({
            childId: k.childId,
            name: k.name,
            contactLabel: k.contactedThisWeek
              ? '本周已联系'
              : k.weeksWithout >= 2
                ? `已 ${k.weeksWithout >= 8 ? '8 周以上' : `${k.weeksWithout} 周`}未联系`
                : '本周未联系',
            theme: k.contactedThisWeek ? 'success' : k.weeksWithout >= 2 ? 'danger' : 'warning',
          })),
        });
      });
    },

    onRetry() {
      this.load(this.data.week?.from);
    },

    onPrevWeek() {
      if (this.data.week) this.load(addDays(this.data.week.from, -7));
    },

    onNextWeek() {
      if (this.data.week) this.load(addDays(this.data.week.from, 7));
    },

    onOpenClass(e: WechatMiniprogram.TouchEvent) {
      wx.navigateTo({ url: pageUrl('week', { classId: e.currentTarget.dataset.id, ...(this.data.week ? { date: this.data.week.from } : {}) }) });
    },

    onOpenCall(e: WechatMiniprogram.TouchEvent) {
      wx.navigateTo({ url: pageUrl('record', { id: e.currentTarget.dataset.id }) });
    },

    onBook(e: WechatMiniprogram.TouchEvent) {
      wx.navigateTo({ url: pageUrl('book', { childId: e.currentTarget.dataset.id }) });
    },

    onLogPhone(e: WechatMiniprogram.TouchEvent) {
      const child = this.data.children.find((k) => k.childId === e.currentTarget.dataset.id);
      if (child) this.setData({ phone: { ...emptyPhone(), open: true, childId: child.childId, childName: child.name } });
    },

    onClosePhone() {
      this.setData({ phone: emptyPhone() });
    },

    onPhoneField(e: WechatMiniprogram.CustomEvent<{ value: string }, WechatMiniprogram.IAnyObject, { field: string }>) {
      this.setData({ [`phone.${e.currentTarget.dataset.field}`]: e.detail.value, 'phone.error': '' });
    },

    async onSavePhone() {
      const p = this.data.phone;
      const minutes = Number(p.minutes);
      if (!p.who.trim() || !Number.isInteger(minutes) || minutes < 1) {
        this.setData({ 'phone.error': '请填写通话对象和通话时长（分钟）' });
        return;
      }
      this.setData({ saving: true });
      try {
        await call('phoneCalls.log', {
          childId: p.childId,
          date: p.date.trim(),
          time: p.time.trim(),
          minutes,
          who: p.who.trim(),
          note: orNull(p.note),
        });
        this.setData({ phone: emptyPhone() });
        wx.showToast({ title: '已登记', icon: 'success' });
        await this.load(this.data.week?.from);
      } catch (err) {
        this.setData({ 'phone.error': errorMessage(err) });
      } finally {
        this.setData({ saving: false });
      }
    },
  },
});
