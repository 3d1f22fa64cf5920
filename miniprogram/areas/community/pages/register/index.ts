/**
 * 登记册（儿童主任）：本村/社区的每个孩子，上次走访、下次该走访的日子、预警和低保救助；要先去看的孩子在前。
 * 首屏一次 community.children 调用（communityId 来自首页入口；没有时先问 whoami）。没有信号时显示手机上保存的上一次
 * 登记册，并列出等待发送的走访记录；网络恢复时自动发送。
 */
import type { RegisterOutput } from '../../../../../typings/actions/community';
import { call } from '../../../../services/api';
import { instanceState } from '../../../../services/instance';
import { loadScreen } from '../../../../services/screen';
import { privacyReady } from '../../../../services/privacy';
import { bindingFor } from '../../../../services/session';
import { pageUrl } from '../../../../services/routes';
import { beijingDateTime } from '../../../../services/time';
import { loadKept } from '../../services/cache';
import { pendingRows, registerRow, type RegisterRowView } from '../../services/rows';
import { discard, queued, sendQueued, whenOnline } from '../../services/visits';

type State = 'loading' | 'error' | 'forbidden' | 'ready';
type Filter = 'all' | 'toVisit' | 'alert' | 'focus';

const own = instanceState(() => ({ rows: [] as RegisterRowView[], stop: null as (() => void) | null, loaded: false }));

const FILTERS: { key: Filter; label: string }[] = [
  { key: 'all', label: '全部' },
  { key: 'toVisit', label: '待走访' },
  { key: 'alert', label: '有预警' },
  { key: 'focus', label: '重点' },
];

Component({
  data: {
    state: 'loading' as State,
    errorMessage: '',
    communityId: '',
    title: '',
    sub: '',
    stats: null as RegisterOutput['stats'] | null,
    keptAt: '',
    filter: 'all' as Filter,
    filters: FILTERS.map((f) => ({ ...f, count: 0 })),
    shown: [] as RegisterRowView[],
    pending: pendingRows([]),
    sending: false,
  },

  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      this.setData({ communityId: query.communityId ?? '' });
      own(this).stop = whenOnline(() => this.flush());
      this.load();
    },

    onUnload() {
      own(this).stop?.();
    },

    /** Back from the visit form: a visit may be waiting, or just sent. */
    onShow() {
      if (own(this).loaded) this.flush();
    },

    load(options: { refresh?: boolean } = {}) {
      return loadScreen(
        this,
        async (screen) => {
          await privacyReady();
          let communityId = this.data.communityId;
          if (!communityId) communityId = bindingFor((await call('whoami', {})).bindings, ['community'])?.communityId ?? '';
          if (!communityId) {
            this.setData({ state: 'forbidden', errorMessage: '只有儿童主任可以查看登记册' });
            return;
          }
          const { data, keptAt } = await loadKept(`register.${communityId}`, 'community.children', { communityId });
          if (!screen.current()) return;
          own(this).loaded = true;
          own(this).rows = data.rows.map(registerRow);
          wx.setNavigationBarTitle?.({ title: `${data.community.name}登记册` });
          this.setData({
            state: 'ready',
            communityId,
            title: data.community.name,
            sub: `${data.community.townshipName ? `${data.community.townshipName} · ` : ''}${data.stats.children} 名儿童，${data.stats.needVisits} 名需定期走访（每 ${data.policy.everyMonths} 个月一次，重点对象每 ${data.policy.focusEveryMonths} 个月）`,
            stats: data.stats,
            keptAt: keptAt ? beijingDateTime(keptAt) : '',
            filters: FILTERS.map((f) => ({
              ...f,
              count: f.key === 'all' ? own(this).rows.length : own(this).rows.filter((r) => r[f.key as Exclude<Filter, 'all'>]).length,
            })),
          });
          this.show();
          if (!keptAt) this.flush();
        },
        options,
      );
    },

    show() {
      const f = this.data.filter;
      this.setData({ shown: own(this).rows.filter((r) => f === 'all' || r[f]), pending: pendingRows(queued()) });
    },

    /** Send the visits waiting on the phone; when any went, the register is loaded again (last visit, alerts). */
    async flush() {
      if (this.data.sending || !queued().length) {
        this.setData({ pending: pendingRows(queued()) });
        return;
      }
      this.setData({ sending: true });
      const res = await sendQueued();
      this.setData({ sending: false, pending: pendingRows(queued()) });
      if (!res.sent.length) return;
      wx.showToast({ title: `已发送 ${res.sent.length} 条走访记录`, icon: 'success' });
      await this.load({ refresh: true });
    },

    onRetry() {
      this.load();
    },

    onFilter(e: WechatMiniprogram.BaseEvent<Record<string, never>, { key: Filter }>) {
      this.setData({ filter: e.currentTarget.dataset.key });
      this.show();
    },

    onOpen(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
      wx.navigateTo({ url: pageUrl('communityChild', { childId: e.currentTarget.dataset.id }) });
    },

    onResend() {
      this.flush();
    },

    onDiscard(e: WechatMiniprogram.CustomEvent<{ id: string }>) {
      wx.showModal({
        title: '删除这条走访记录？',
        content: '它还没有发送到学校，删除后不能恢复。',
        confirmText: '删除',
        success: (r) => {
          if (!r.confirm) return;
          discard(e.detail.id);
          this.setData({ pending: pendingRows(queued()) });
        },
      });
    },

    onLedger() {
      wx.navigateTo({ url: pageUrl('ledger', { communityId: this.data.communityId }) });
    },
  },
});
