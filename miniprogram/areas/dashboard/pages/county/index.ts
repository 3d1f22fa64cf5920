/**
 * 县教育局看板：county.dashboard 一次调用，全县合计与每所学校的各项比率并排，未达标的学校排在前面并标出哪几项；
 * 点一所学校看它的看板（只有计数，看不到任何孩子）。
 */
import type { CountyDashboard, RateView } from '../../../../../typings/actions/dashboard';
import { call } from '../../../../services/api';
import { privacyReady } from '../../../../services/privacy';
import { loadScreen } from '../../../../services/screen';
import { pageUrl } from '../../../../services/routes';
import { dayLabel } from '../../../../services/time';

type State = 'loading' | 'error' | 'forbidden' | 'ready';
type TapEvent = WechatMiniprogram.BaseEvent<WechatMiniprogram.IAnyObject, { id?: string }>;

interface SchoolCard {
  schoolId: string;
  name: string;
  sub: string;
  behind: string[];
  rates: RateView[];
}

function schoolCards(view: CountyDashboard): SchoolCard[] {
  return view.schools
    .map((s) => ({
      schoolId: s.schoolId,
      name: s.name,
      sub: `留守儿童 ${s.leftBehind} 人`,
      behind: s.rates.filter((r) => s.behind.includes(r.key)).map((r) => r.label),
      rates: s.rates,
    }))
    .sort((a, b) => b.behind.length - a.behind.length);
}

Component({
  data: {
    state: 'loading' as State,
    errorMessage: '',
    title: '',
    asOfText: '',
    totals: [] as RateView[],
    schools: [] as SchoolCard[],
    behindSchools: 0,
  },

  methods: {
    onLoad() {
      this.load();
    },

    onPullDownRefresh() {
      this.load().then(() => wx.stopPullDownRefresh());
    },

    load() {
      return loadScreen(this, async (screen) => {
        await privacyReady();
        const view = await call('county.dashboard', {});
        if (!screen.current()) return;
        const schools = schoolCards(view);
        this.setData({
          state: 'ready',
          title: view.county.name,
          asOfText: `${view.schools.length} 所学校 · 统计到${dayLabel(view.asOf, { year: 'auto' })}`,
          totals: view.totals,
          schools,
          behindSchools: schools.filter((s) => s.behind.length).length,
        });
      });
    },

    onRetry() {
      this.load();
    },

    onOpenSchool(e: TapEvent) {
      const id = e.currentTarget.dataset.id;
      if (id) wx.navigateTo({ url: pageUrl('dashboard', { schoolId: id }) });
    },
  },
});
