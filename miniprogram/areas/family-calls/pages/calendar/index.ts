/**
 * 校历（管理员）：学期、放假日期、调休上班日（周末上课，按周几的课表与开放时间）。关爱室在放假日和学期外
 * 不开放亲情视频；没有校历的学校每天都按设备开放时间开放。
 * 每次添加或删除一项就保存整份校历（calendar.save，带读到的版本号）；保存的回答列出已预约、但落在新校历
 * 休息日上的亲情视频，页面把它们列出来，点一条去改期或取消。
 * 首屏一次 calendar.get 调用：从首页进入时 url 带 ?schoolId=；不带时先用 whoami 找到管理员身份的学校。
 */
import type { CalendarInput, CalendarView } from '../../../../../typings/actions/familyCalls';
import type { Weekday } from '../../../../../typings/domain';
import { call, errorMessage } from '../../../../services/api';
import { loadAdminScreen } from '../../../../services/screen';
import { WEEKDAYS } from '../../services/calls';
import { pageUrl } from '../../../../services/routes';
import { instanceState } from '../../../../services/instance';
import { beijingToday, dayLabel, dayRangeLabel } from '../../../../services/time';

type State = 'loading' | 'error' | 'forbidden' | 'ready';
type Kind = 'terms' | 'holidays' | 'makeUpDays';

const KIND_TITLE: Record<Kind, string> = { terms: '学期', holidays: '放假', makeUpDays: '调休上班日' };
const NAME_HINT: Record<Kind, string> = { terms: '例如：2025年秋季学期', holidays: '例如：国庆节', makeUpDays: '例如：国庆调休' };
/** A make-up workday follows the timetable (and opening hours) of one weekday, Monday to Friday. */
const SCHOOL_DAYS = WEEKDAYS.filter((w) => w.value <= 5).map((w) => ({ label: w.label, value: w.value }));
const WEEKDAY_LABEL: Record<number, string> = Object.fromEntries(WEEKDAYS.map((w) => [w.value, w.label]));

interface Row {
  key: string;
  index: number;
  name: string;
  when: string;
}

interface AddForm {
  kind: Kind;
  title: string;
  nameHint: string;
  name: string;
  start: string;
  end: string;
  /** start and end as people read them */
  startText: string;
  endText: string;
  weekday: Weekday;
}

interface AffectedRow {
  callId: string;
  text: string;
}

function lists(cal: CalendarInput): Record<Kind, Row[]> {
  return {
    terms: cal.terms.map((t, index) => ({ key: `t${index}`, index, name: t.name, when: dayRangeLabel(t.start, t.end) })),
    holidays: cal.holidays.map((h, index) => ({
      key: `h${index}`,
      index,
      name: h.name,
      when: h.start === h.end ? dayLabel(h.start) : dayRangeLabel(h.start, h.end),
    })),
    makeUpDays: cal.makeUpDays.map((m, index) => ({
      key: `m${index}`,
      index,
      name: m.name,
      when: `${dayLabel(m.date)}（按${WEEKDAY_LABEL[m.weekday] ?? ''}上课）`,
    })),
  };
}

function termText(cal: CalendarView): string {
  if (cal.currentTerm) return `当前学期：${cal.currentTerm.name}（${dayRangeLabel(cal.currentTerm.start, cal.currentTerm.end)}）`;
  if (!cal.terms.length) return '还没有设置学期：关爱室每天都按设备的开放时间开放。';
  return '今天不在任何学期内（假期），关爱室不开放亲情视频。';
}

const byDate = <T extends { start?: string; date?: string }>(a: T, b: T) => String(a.start ?? a.date).localeCompare(String(b.start ?? b.date));

type Tap = WechatMiniprogram.BaseEvent<WechatMiniprogram.IAnyObject, { kind?: Kind; index?: number; id?: string }>;
type FieldEvent = WechatMiniprogram.CustomEvent<{ value: unknown }, WechatMiniprogram.IAnyObject, { field: string }>;

/** Per page instance: the calendar last read or saved. */
const own = instanceState(() => ({ current: null as CalendarView | null }));

Component({
  data: {
    state: 'loading' as State,
    errorMessage: '',
    schoolId: '',
    termText: '',
    terms: [] as Row[],
    holidays: [] as Row[],
    makeUpDays: [] as Row[],
    schoolDays: SCHOOL_DAYS,
    add: null as AddForm | null,
    /** "holidays:2" while that row waits for a second tap to delete. */
    confirming: '',
    formError: '',
    notice: '',
    noticeError: false,
    affected: [] as AffectedRow[],
    saving: false,
  },

  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      this.setData({ schoolId: query.schoolId ?? '' });
      this.load();
    },

    onPullDownRefresh() {
      this.load().then(() => wx.stopPullDownRefresh());
    },

    load() {
      return loadAdminScreen(this, async (schoolId) => {
        this.show(await call('calendar.get', { schoolId }));
      });
    },

    show(cal: CalendarView) {
      own(this).current = cal;
      this.setData({ state: 'ready', termText: termText(cal), ...lists(cal), confirming: '' });
    },

    onRetry() {
      this.load();
    },

    onOpenAdd(e: Tap) {
      const kind = e.currentTarget.dataset.kind as Kind;
      if (!KIND_TITLE[kind]) return;
      const today = beijingToday();
      this.setData({
        add: {
          kind,
          title: `添加${KIND_TITLE[kind]}`,
          nameHint: NAME_HINT[kind],
          name: '',
          start: today,
          end: today,
          startText: dayLabel(today),
          endText: dayLabel(today),
          weekday: 1,
        },
        formError: '',
        confirming: '',
      });
    },

    onCloseAdd() {
      this.setData({ add: null, formError: '' });
    },

    onAddField(e: FieldEvent) {
      const field = e.currentTarget.dataset.field;
      if (!this.data.add) return;
      if (field === 'weekday') this.setData({ 'add.weekday': Number(e.detail.value) as Weekday });
      else if (field === 'name' || field === 'start' || field === 'end') {
        const value = String(e.detail.value ?? '');
        // one day off is the usual case: moving the start past the end moves the end along
        const end = field === 'start' && this.data.add.end < value ? { 'add.end': value, 'add.endText': dayLabel(value) } : {};
        const text = field === 'name' ? {} : { [`add.${field}Text`]: dayLabel(value) };
        this.setData({ [`add.${field}`]: value, ...text, ...end });
      }
    },

    async onSaveAdd() {
      const add = this.data.add;
      const cal = own(this).current;
      if (!add || !cal) return;
      const name = add.name.trim();
      const next: CalendarInput = { terms: [...cal.terms], holidays: [...cal.holidays], makeUpDays: [...cal.makeUpDays] };
      if (add.kind === 'makeUpDays') next.makeUpDays = [...next.makeUpDays, { date: add.start, weekday: add.weekday, name }].sort(byDate);
      else next[add.kind] = [...next[add.kind], { name, start: add.start, end: add.end }].sort(byDate);
      if (await this.save(next)) this.setData({ add: null });
    },

    /** First tap asks (确认删除), the second saves the calendar without that row. */
    async onDelete(e: Tap) {
      const { kind, index } = e.currentTarget.dataset;
      const cal = own(this).current;
      if (!kind || !KIND_TITLE[kind] || !cal) return;
      const key = `${kind}:${index}`;
      if (this.data.confirming !== key) {
        this.setData({ confirming: key });
        return;
      }
      const next: CalendarInput = { terms: cal.terms, holidays: cal.holidays, makeUpDays: cal.makeUpDays };
      if (kind === 'makeUpDays') next.makeUpDays = cal.makeUpDays.filter((_, i) => i !== Number(index));
      else next[kind] = cal[kind].filter((_, i) => i !== Number(index));
      await this.save(next);
    },

    async save(next: CalendarInput): Promise<boolean> {
      const cal = own(this).current;
      if (!cal || this.data.saving) return false;
      this.setData({ saving: true, formError: '', notice: '', noticeError: false, affected: [] });
      try {
        const saved = await call('calendar.save', { schoolId: this.data.schoolId, expectedVersion: cal.version, ...next });
        this.show(saved);
        const affected = saved.affected.map((a) => ({ callId: a.callId, text: `${dayLabel(a.date)} ${a.time} · ${a.reason}` }));
        this.setData({ affected, notice: affected.length ? '' : '校历已保存' });
        return true;
      } catch (err) {
        const message = errorMessage(err);
        if (this.data.add) this.setData({ formError: message });
        else this.setData({ notice: message, noticeError: true, confirming: '' });
        return false;
      } finally {
        this.setData({ saving: false });
      }
    },

    onOpenCall(e: Tap) {
      const id = e.currentTarget.dataset.id;
      if (id) wx.navigateTo({ url: pageUrl('record', { id }) });
    },
  },
});
