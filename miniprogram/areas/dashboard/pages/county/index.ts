/**
 * 县教育局看板：county.dashboard 一次调用，全县合计与每所学校的各项比率并排，未达标的学校排在前面并标出哪几项；
 * 点一所学校看它的看板（只有计数，看不到任何孩子）。各校的数字是每天早晨统计的（学校打开自己的看板时也会更新），每所学校标出统计时间。
 */
import type { CountyDashboard, RateView } from '../../../../../typings/actions/dashboard';
import { call, errorMessage } from '../../../../services/api';
import { openExport } from '../../../../services/exports';
import { privacyReady } from '../../../../services/privacy';
import { loadScreen } from '../../../../services/screen';
import { pageUrl } from '../../../../services/routes';
import { beijingLabel, dayLabel } from '../../../../services/time';
import { rowRates } from '../../services/rates';

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
    .map((s) => {
      const rates = rowRates(view.totals, s.counts);
      return {
        schoolId: s.schoolId,
        name: s.name,
        sub: `留守儿童 ${s.leftBehind} 人 · ${s.countedAt ? `${beijingLabel(s.countedAt)}统计` : '刚刚统计'}`,
        behind: rates.filter((r) => r.met === false).map((r) => r.label),
        rates,
      };
    })
    .sort((a, b) => b.behind.length - a.behind.length);
}

function behindList(view: CountyDashboard) {
  return view.schools
    .map((s) => ({ schoolId: s.schoolId, name: s.name, behind: rowRates(view.totals, s.counts).filter((r) => r.met === false) }))
    .filter((s) => s.behind.length)
    .sort((a, b) => b.behind.length - a.behind.length || a.name.localeCompare(b.name, 'zh'))
    .map((s) => ({
      schoolId: s.schoolId,
      name: s.name,
      what: s.behind.map((r) => `${r.label} ${r.rate}%（目标 ${r.target}%）`).join('、'),
    }));
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
    /** the schools behind target, the most behind first, with what they are behind in and by how much */
    behindList: [] as { schoolId: string; name: string; what: string }[],
    exporting: false,
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
          asOfText: `${view.schools.length} 所学校 · ${dayLabel(view.asOf, { year: 'auto' })} · 各校数字每天早晨统计`,
          totals: view.totals,
          schools,
          behindSchools: schools.filter((s) => s.behind.length).length,
          behindList: behindList(view),
        });
      });
    },

    onRetry() {
      this.load();
    },

    async onDownload() {
      if (this.data.exporting) return;
      this.setData({ exporting: true });
      try {
        const file = await openExport(await call('county.statistics', {}));
        wx.showToast({ title: `已生成${file.fileName.replace(/\.xlsx$/, '')}`, icon: 'none' });
      } catch (err) {
        wx.showToast({ title: errorMessage(err), icon: 'none' });
      } finally {
        this.setData({ exporting: false });
      }
    },

    onOpenSchool(e: TapEvent) {
      const id = e.currentTarget.dataset.id;
      if (id) wx.navigateTo({ url: pageUrl('dashboard', { schoolId: id }) });
    },
  },
});
