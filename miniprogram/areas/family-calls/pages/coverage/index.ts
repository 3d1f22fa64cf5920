/**
 * 每周联系率（管理员看全校、班主任看本班）：
 *   - familyCalls.coverage：本周（北京时间，周一起）有视频或电话联系的留守儿童占比，各班的联系率，
 *     以及两周都没有联系的孩子（可去预约亲情视频）；可看上一周、下一周。
 *   - care.coverage：还没有帮扶教师或结对同学的留守儿童（可去结对）。
 * 首屏：两个统计一起发出；从首页进入时 url 带 ?schoolId=（管理员）或 ?classId=（班主任），都不带时先用 whoami 找身份。
 */
import type { CoverageView } from '../../../../../typings/actions/familyCalls';
import type { ActionOutput } from '../../../../../typings/actions';
import { call } from '../../../../services/api';
import { privacyReady } from '../../../../services/privacy';
import { loadScreen } from '../../../../services/screen';
import { bindingFor } from '../../../../services/session';
import { pageUrl } from '../../../../services/routes';
import { addDays, beijingDateTime, beijingToday } from '../../../../services/time';

type State = 'loading' | 'error' | 'forbidden' | 'ready';
type CareCoverage = ActionOutput<'care.coverage'>;

/** The coverage looks back this many weeks (core/familyCalls/coverage.ts LOOKBACK_WEEKS). */
const LOOKBACK_WEEKS = 8;

interface ClassRow {
  classId: string;
  name: string;
  text: string;
  rateText: string;
  percent: number;
}

interface FlaggedRow {
  childId: string;
  name: string;
  sub: string;
  last: string;
  mentor: string;
}

interface CareRow {
  childId: string;
  name: string;
  className: string;
  noMentor: boolean;
  noBuddy: boolean;
  /** what 结对 opens first: the mentor when there is none, else the buddy */
  kind: 'mentor' | 'buddy';
}

const rateText = (rate: number | null) => (rate === null ? '—' : `${rate}%`);

/** 2027-03-01 → 3月1日 */
function dayText(day: string): string {
  const [, m, d] = day.split('-').map(Number);
  return m && d ? `${m}月${d}日` : day;
}

function classRows(view: CoverageView): ClassRow[] {
  return view.classes.map((c) => ({
    classId: c.classId,
    name: c.name,
    text: `${c.contacted}/${c.leftBehind} 人`,
    rateText: rateText(c.rate),
    percent: c.rate ?? 0,
  }));
}

function flaggedRows(view: CoverageView, showClass: boolean): FlaggedRow[] {
  return view.flagged.map((c) => ({
    childId: c.childId,
    name: c.name,
    sub: `${showClass && c.className ? `${c.className} · ` : ''}${c.weeksWithout >= LOOKBACK_WEEKS ? `${LOOKBACK_WEEKS} 周以上没有联系` : `已 ${c.weeksWithout} 周没有联系`}`,
    last: c.lastContactAt ? `上次联系：${beijingDateTime(c.lastContactAt)}` : `近 ${LOOKBACK_WEEKS} 周没有联系记录`,
    mentor: c.mentor ? `帮扶教师：${c.mentor}` : '还没有帮扶教师',
  }));
}

function careRows(care: CareCoverage): CareRow[] {
  return care.uncovered.map((c) => ({ ...c, kind: c.noMentor ? 'mentor' : 'buddy' }));
}

type IdEvent = WechatMiniprogram.BaseEvent<WechatMiniprogram.IAnyObject, { id?: string; kind?: string }>;

Component({
  data: {
    state: 'loading' as State,
    errorMessage: '',
    schoolId: '',
    classId: '',
    /** YYYY-MM-DD inside the week asked for; '' for this week. */
    date: '',
    scopeTitle: '',
    weekText: '',
    weekFrom: '',
    thisWeek: true,
    leftBehind: 0,
    contacted: 0,
    rateText: '—',
    percent: 0,
    classes: [] as ClassRow[],
    flagged: [] as FlaggedRow[],
    careTotal: 0,
    careCovered: 0,
    uncovered: [] as CareRow[],
    careMore: 0,
  },

  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      this.setData({ schoolId: query.schoolId ?? '', classId: query.classId ?? '' });
      this.load();
    },

    onPullDownRefresh() {
      this.load().then(() => wx.stopPullDownRefresh());
    },

    load() {
      return loadScreen(this, async () => {
        await privacyReady();
        if (!this.data.schoolId && !this.data.classId && !(await this.findScope())) {
          this.setData({ state: 'forbidden' });
          return;
        }
        const scope = this.data.classId ? { classId: this.data.classId } : { schoolId: this.data.schoolId };
        const date = this.data.date ? { date: this.data.date } : {};
        const [contact, care] = await Promise.all([call('familyCalls.coverage', { ...scope, ...date }), call('care.coverage', scope)]);
        const wholeSchool = !this.data.classId;
        this.setData({
          state: 'ready',
          scopeTitle: wholeSchool ? '全校' : (contact.classes[0]?.name ?? '本班'),
          weekText: `${dayText(contact.from)}–${dayText(contact.to)}`,
          weekFrom: contact.from,
          // this week or later: there is no next week to look at yet
          thisWeek: contact.to >= beijingToday(),
          leftBehind: contact.school.leftBehind,
          contacted: contact.school.contacted,
          rateText: rateText(contact.school.rate),
          percent: contact.school.rate ?? 0,
          classes: wholeSchool ? classRows(contact) : [],
          flagged: flaggedRows(contact, wholeSchool),
          careTotal: care.total,
          careCovered: care.covered,
          uncovered: careRows(care),
          careMore: care.more,
        });
      });
    },

    /** Nothing in the url: the school of an admin, or the class of a class teacher (the active identity first). */
    async findScope(): Promise<boolean> {
      const me = await call('whoami', {});
      const binding = bindingFor(me.bindings, ['admin', 'teacher']);
      if (binding?.role === 'admin' && binding.schoolId) this.setData({ schoolId: binding.schoolId });
      else if (binding?.role === 'teacher' && binding.classId) this.setData({ classId: binding.classId });
      else return false;
      return true;
    },

    onRetry() {
      this.load();
    },

    onPrevWeek() {
      this.setData({ date: addDays(this.data.weekFrom, -7) });
      this.load();
    },

    onNextWeek() {
      if (this.data.thisWeek) return;
      const next = addDays(this.data.weekFrom, 7);
      // the week of today is asked for as "this week" (no date), as the page opened
      this.setData({ date: addDays(next, 6) >= beijingToday() ? '' : next });
      this.load();
    },

    onThisWeek() {
      this.setData({ date: '' });
      this.load();
    },

    onBook(e: IdEvent) {
      const id = e.currentTarget.dataset.id;
      if (id) wx.navigateTo({ url: pageUrl('book', { childId: id }) });
    },

    onPair(e: IdEvent) {
      const { id, kind } = e.currentTarget.dataset;
      if (id) wx.navigateTo({ url: pageUrl('pairing', { childId: id, kind: kind === 'buddy' ? 'buddy' : 'mentor' }) });
    },
  },
});
