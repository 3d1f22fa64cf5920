/**
 * 统计看板：管理员看全校（还有各班）、县教育局看一所学校、班主任看本班。首屏一次 dashboard.school：
 * 全校的数字是今天早上（或上次重新统计时）算好的，标明统计时间，点「重新统计」或下拉即重新计算。
 * 本学期每项比率对照目标（TDesign 进度条）、按月趋势（选一项比率看柱状图）、各班的比率；点一项比率看背后的孩子
 * （只有学校的老师和管理员能看，县教育局到学校为止）。从首页进入时 url 带 ?schoolId=，都不带时先用 whoami 找身份。
 */
import type { RateKey, RateView, SchoolDashboard } from '../../../../../typings/actions/dashboard';
import { call } from '../../../../services/api';
import { instanceState } from '../../../../services/instance';
import { privacyReady } from '../../../../services/privacy';
import { loadScreen } from '../../../../services/screen';
import { bindingFor } from '../../../../services/session';
import { pageUrl } from '../../../../services/routes';
import { beijingLabel, dayLabel } from '../../../../services/time';
import { rowRates } from '../../services/rates';

type State = 'loading' | 'error' | 'forbidden' | 'ready';

interface ClassRow {
  classId: string;
  name: string;
  /** the class's 建档率 and the rates behind target, in one line */
  rates: RateView[];
  behindText: string;
}

type TapEvent = WechatMiniprogram.BaseEvent<WechatMiniprogram.IAnyObject, { id?: string; key?: string; name?: string }>;
type OpenEvent = WechatMiniprogram.CustomEvent<{ key: RateKey }>;

/** The rates a class row shows (the rest are on the class's own dashboard). */
const CLASS_RATES: RateKey[] = ['archive', 'vaccination', 'talks'];

const own = instanceState(() => ({ view: null as SchoolDashboard | null }));

function classRows(view: SchoolDashboard): ClassRow[] {
  return view.classes.map((c) => {
    const rates = rowRates(view.rates, c.counts);
    const behind = rates.filter((r) => r.met === false).length;
    return {
      classId: c.classId,
      name: c.name,
      rates: rates.filter((r) => CLASS_RATES.includes(r.key)),
      behindText: behind ? `${behind} 项未达标` : '全部达标',
    };
  });
}

Component({
  data: {
    state: 'loading' as State,
    errorMessage: '',
    schoolId: '',
    classId: '',
    /** the term asked for; '' for today's */
    term: '',
    title: '',
    termName: '',
    asOfText: '',
    /** when kept counts were made ("今天 07:30统计"); '' = counted just now */
    countedText: '',
    recounting: false,
    terms: [] as { name: string; on: boolean }[],
    rates: [] as RateView[],
    behindCount: 0,
    classes: [] as ClassRow[],
    trendKey: 'archive' as RateKey,
    trendOptions: [] as { key: RateKey; label: string; on: boolean }[],
    trendMonths: [] as string[],
    trendValues: [] as (number | null)[],
    trendTarget: 100,
    notes: [] as string[],
    drillDown: false,
    /** the school's admin: its reports */
    reportsOpen: false,
  },

  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      this.setData({ schoolId: query.schoolId ?? '', classId: query.classId ?? '', term: query.term ?? '' });
      this.load();
    },

    /** Pulling down counts afresh, as 重新统计 does. */
    onPullDownRefresh() {
      this.load(true).then(() => wx.stopPullDownRefresh());
    },

    onRecount() {
      if (this.data.recounting) return;
      this.setData({ recounting: true });
      this.load(true).then(() => this.setData({ recounting: false }));
    },

    /** `recount`: count afresh, keeping what is shown until the new counts come. */
    load(recount = false) {
      return loadScreen(
        this,
        async (screen) => {
          await privacyReady();
          if (!this.data.schoolId && !this.data.classId && !(await this.findScope())) {
            this.setData({ state: 'forbidden' });
            return;
          }
          const scope = this.data.classId ? { classId: this.data.classId } : { schoolId: this.data.schoolId };
          const view = await call('dashboard.school', { ...scope, ...(this.data.term ? { term: this.data.term } : {}), ...(recount ? { recount } : {}) });
          if (!screen.current()) return;
          own(this).view = view;
          this.setData({
            state: 'ready',
            title: view.scope.name,
            termName: view.term.name,
            asOfText: `统计到${dayLabel(view.asOf, { year: 'auto' })}`,
            countedText: view.countedAt ? `${beijingLabel(view.countedAt)}统计` : '',
            terms: view.terms.map((t) => ({ name: t.name, on: t.name === view.term.name })),
            rates: view.rates,
            behindCount: view.rates.filter((r) => r.met === false).length,
            classes: classRows(view),
            notes: view.notes,
            drillDown: view.drillDown,
            reportsOpen: view.drillDown && view.scope.kind === 'school',
          });
          this.showTrend(this.data.trendKey);
        },
        { refresh: recount && this.data.state === 'ready' },
      );
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

    showTrend(key: RateKey) {
      const view = own(this).view;
      if (!view) return;
      const series = view.trend.series.find((s) => s.key === key);
      const rate = view.rates.find((r) => r.key === key);
      this.setData({
        trendKey: key,
        trendOptions: view.rates.map((r) => ({ key: r.key, label: r.label, on: r.key === key })),
        trendMonths: view.trend.months,
        trendValues: series?.values ?? [],
        trendTarget: rate?.target ?? 100,
      });
    },

    onRetry() {
      this.load();
    },

    onTerm(e: TapEvent) {
      const name = e.currentTarget.dataset.name;
      if (!name || name === this.data.termName) return;
      this.setData({ term: name });
      this.load();
    },

    onTrendKey(e: TapEvent) {
      const key = e.currentTarget.dataset.key as RateKey | undefined;
      if (key) this.showTrend(key);
    },

    onOpenRate(e: OpenEvent) {
      if (!this.data.drillDown) return;
      const scope = this.data.classId ? { classId: this.data.classId } : { schoolId: own(this).view?.scope.schoolId ?? this.data.schoolId };
      wx.navigateTo({ url: pageUrl('dashboardRate', { ...scope, rate: e.detail.key, term: this.data.term }) });
    },

    onOpenReports() {
      const view = own(this).view;
      if (view) wx.navigateTo({ url: pageUrl('reports', { schoolId: view.scope.schoolId, term: this.data.term }) });
    },
    onWorkPlan() {
      wx.navigateTo({ url: pageUrl('workPlan', { schoolId: own(this).view?.scope.schoolId ?? this.data.schoolId, term: this.data.termName }) });
    },

    onOpenClass(e: TapEvent) {
      const id = e.currentTarget.dataset.id;
      if (id && this.data.drillDown) wx.navigateTo({ url: pageUrl('dashboard', { classId: id, term: this.data.term }) });
    },
  },
});
