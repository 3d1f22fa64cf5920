/**
 * 一项比率背后的孩子（管理员看全校、班主任看本班）：dashboard.children 一次调用，未计入的在前，各写明原因
 * （缺：家庭住址 / 辍学 / 本周未联系 …）；点一个孩子打开他的档案去补上。每个孩子的查看都记入审计日志。
 */
import type { RateChild, RateKey } from '../../../../../typings/actions/dashboard';
import { call } from '../../../../services/api';
import { privacyReady } from '../../../../services/privacy';
import { loadScreen } from '../../../../services/screen';
import { pageUrl } from '../../../../services/routes';

type State = 'loading' | 'error' | 'forbidden' | 'ready';
type TapEvent = WechatMiniprogram.BaseEvent<WechatMiniprogram.IAnyObject, { id?: string }>;

Component({
  data: {
    state: 'loading' as State,
    errorMessage: '',
    schoolId: '',
    classId: '',
    rateKey: '' as RateKey | '',
    term: '',
    title: '',
    rateText: '',
    basis: '',
    missing: [] as RateChild[],
    counted: [] as RateChild[],
  },

  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      this.setData({ schoolId: query.schoolId ?? '', classId: query.classId ?? '', rateKey: (query.rate || 'archive') as RateKey, term: query.term ?? '' });
      this.load();
    },

    load() {
      return loadScreen(this, async (screen) => {
        await privacyReady();
        const scope = this.data.classId ? { classId: this.data.classId } : { schoolId: this.data.schoolId };
        const res = await call('dashboard.children', { ...scope, rate: this.data.rateKey as RateKey, ...(this.data.term ? { term: this.data.term } : {}) });
        if (!screen.current()) return;
        wx.setNavigationBarTitle({ title: res.rate.label });
        this.setData({
          state: 'ready',
          title: `${res.scopeName} · ${res.rate.label}`,
          rateText: `${res.rate.rate === null ? '—' : `${res.rate.rate}%`}（${res.rate.numerator}/${res.rate.denominator} 人）· 目标 ${res.rate.target}%`,
          basis: `${res.term.name}：${res.rate.basis}`,
          missing: res.children.filter((c) => !c.counted),
          counted: res.children.filter((c) => c.counted),
        });
      });
    },

    onRetry() {
      this.load();
    },

    onOpenChild(e: TapEvent) {
      const id = e.currentTarget.dataset.id;
      if (id) wx.navigateTo({ url: pageUrl('child', { childId: id }) });
    },
  },
});
