/**
 * 乡镇总览（儿童督导员）：每个村/社区的儿童主任、需走访的孩子有多少已按时走访（覆盖率）、逾期和从未走访的人数、
 * 本月走访次数和预警；全乡镇未处理的预警（紧急的在前，最多 20 条，其余只显示条数）；帮扶台账合计。首屏一次 community.township 调用
 * （townshipId 来自首页入口；没有时先问 whoami）。点村/社区进入它的登记册，点预警进入预警。
 */
import type { AlertView } from '../../../../../typings/actions/archive';
import type { TownshipCommunityRow } from '../../../../../typings/actions/community';
import { call } from '../../../../services/api';
import { loadScreen } from '../../../../services/screen';
import { bindingFor } from '../../../../services/session';
import { pageUrl } from '../../../../services/routes';
import { beijingDateTime } from '../../../../services/time';
import { totalCells } from '../../services/rows';

type State = 'loading' | 'error' | 'forbidden' | 'ready';

interface CommunityRowView extends TownshipCommunityRow {
  coverageText: string;
  directorText: string;
  late: boolean;
}

Component({
  data: {
    state: 'loading' as State,
    errorMessage: '',
    townshipId: '',
    name: '',
    communities: [] as CommunityRowView[],
    alerts: [] as (AlertView & { when: string })[],
    moreAlerts: 0,
    cells: [] as { label: string; value: string }[],
  },

  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      this.setData({ townshipId: query.townshipId ?? '' });
      this.load();
    },

    load() {
      return loadScreen(this, async (screen) => {
        let townshipId = this.data.townshipId;
        if (!townshipId) townshipId = bindingFor((await call('whoami', {})).bindings, ['township'])?.townshipId ?? '';
        if (!townshipId) {
          this.setData({ state: 'forbidden', errorMessage: '只有儿童督导员可以查看乡镇总览' });
          return;
        }
        const d = await call('community.township', { townshipId });
        if (!screen.current()) return;
        wx.setNavigationBarTitle?.({ title: `${d.township.name}总览` });
        this.setData({
          state: 'ready',
          townshipId,
          name: d.township.name,
          communities: d.communities.map((c) => ({
            ...c,
            coverageText: c.coverage === null ? '无需走访' : `${c.coverage}%`,
            directorText: c.directors.length ? c.directors.join('、') : '还没有儿童主任',
            late: c.overdue + c.never > 0,
          })),
          alerts: d.alerts.map((a) => ({ ...a, when: beijingDateTime(a.createdAt) })),
          moreAlerts: d.moreAlerts,
          cells: totalCells(d.totals, d.totalsYuan),
        });
      });
    },

    onRetry() {
      this.load();
    },

    onCommunity(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
      wx.navigateTo({ url: pageUrl('register', { communityId: e.currentTarget.dataset.id }) });
    },

    onAlert(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
      wx.navigateTo({ url: pageUrl('alert', { id: e.currentTarget.dataset.id }) });
    },
  },
});
