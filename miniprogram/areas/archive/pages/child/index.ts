/**
 * 儿童详情：首屏一次 children.get 调用（先过微信隐私授权：privacy-gate），分为 档案 / 联系卡 / 关爱网络 / 修改记录 四栏。
 * 看到的内容由服务端按身份裁剪（家长看不到困难类别与重点帮扶原因，学生看不到任何档案）。
 * 老师和管理员可编辑档案与联系卡、确认本月信息无变化、添加或结束结对（<care-network>，结束前在 <confirm-dialog> 里确认）；
 * 记录栏可加载更早的修改。
 */
import type { ChildDetail } from '../../../../../typings/actions/archive';
import { call, errorMessage } from '../../../../services/api';
import { instanceState } from '../../../../services/instance';
import { loadScreen } from '../../../../services/screen';
import { privacyReady } from '../../../../services/privacy';
import { CONSENT_LABELS } from '../../services/labels';
import { archiveLines, examLines, historyLines, monthOf, pairingRow, type Line, type PairingRow } from '../../services/child-view';
import { pageUrl } from '../../../../services/routes';
import { beijingDateTime } from '../../../../services/time';

type State = 'loading' | 'error' | 'ready';
type Tab = 'archive' | 'card' | 'care' | 'history';

const NO_ENDING = { visible: false, busy: false, id: '', content: '' };

/** Whether the first screen is in (then coming back refreshes it in place). */
const own = instanceState(() => ({ loaded: false }));

Component({
  data: {
    state: 'loading' as State,
    errorMessage: '',
    childId: '',
    tab: 'archive' as Tab,
    name: '',
    viewAs: '',
    canEdit: false,
    staff: false,
    consentText: '',
    consentGranted: false,
    completeness: null as ChildDetail['completeness'],
    alerts: [] as ChildDetail['alerts'],
    talks: null as ChildDetail['talks'] | null,
    lines: [] as Line[],
    exams: [] as ReturnType<typeof examLines>,
    card: null as ChildDetail['contactCard'],
    cardUpdated: '',
    cardConfirmed: '',
    cardConfirmedThisMonth: false,
    mentor: null as PairingRow | null,
    honoursNote: '',
    buddies: [] as PairingRow[],
    proxies: [] as PairingRow[],
    ended: [] as PairingRow[],
    history: [] as ReturnType<typeof historyLines>,
    historyMore: true,
    busy: false,
    /** the pairing being ended, asked about first */
    confirm: { ...NO_ENDING },
  },

  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      this.setData({ childId: query.childId ?? '', tab: (query.tab as Tab) || 'archive' });
      this.load();
    },

    onShow() {
      if (own(this).loaded) this.load({ refresh: true });
    },

    /** The first screen; back from editing (refresh) what changed shows in place. */
    load(options: { refresh?: boolean } = {}) {
      return loadScreen(
        this,
        async (screen) => {
          await privacyReady();
          const d = await call('children.get', { childId: this.data.childId });
          if (!screen.current()) return;
          own(this).loaded = true;
          this.show(d);
        },
        options,
      );
    },

    show(d: ChildDetail) {
      const name = String(d.child.name ?? '');
      wx.setNavigationBarTitle?.({ title: name });
      const card = d.contactCard;
      this.setData({
        state: 'ready',
        name,
        viewAs: d.viewAs,
        canEdit: d.canEdit,
        staff: d.history !== null,
        consentText: `监护人同意：${CONSENT_LABELS[d.consent.status]}${d.consent.at ? `（${beijingDateTime(d.consent.at)}）` : ''}`,
        consentGranted: d.consent.status === 'granted',
        completeness: d.completeness,
        alerts: d.alerts,
        talks: d.talks,
        lines: archiveLines(d.child, d.history !== null),
        exams: examLines(d.child),
        card,
        cardUpdated: card ? beijingDateTime(card.updatedAt) : '',
        cardConfirmed: card?.confirmedAt ? beijingDateTime(card.confirmedAt) : '',
        cardConfirmedThisMonth: !!card?.confirmedAt && monthOf(new Date(card.confirmedAt)) === monthOf(new Date()),
        mentor: d.care.mentor ? pairingRow(d.care.mentor) : null,
        honoursNote: d.activities.honours.length ? `${d.activities.honours.length} 项荣誉` : `本学年参加活动 ${d.activities.attended} 次`,
        buddies: d.care.buddies.map(pairingRow),
        proxies: d.care.proxies.map(pairingRow),
        ended: d.care.ended.map(pairingRow),
        history: historyLines(d.history ?? []),
        historyMore: (d.history ?? []).length >= 20,
      });
    },

    onRetry() {
      this.load();
    },

    onTab(e: WechatMiniprogram.BaseEvent<Record<string, never>, { tab: Tab }>) {
      this.setData({ tab: e.currentTarget.dataset.tab });
    },

    onEditArchive() {
      wx.navigateTo({ url: pageUrl('archiveEdit', { childId: this.data.childId }) });
    },

    onEditCard() {
      wx.navigateTo({ url: pageUrl('cardEdit', { childId: this.data.childId }) });
    },

    onAddPairing() {
      wx.navigateTo({ url: pageUrl('pairing', { childId: this.data.childId }) });
    },

    onHonours() {
      wx.navigateTo({ url: pageUrl('honours', { childId: this.data.childId }) });
    },

    onCall(e: WechatMiniprogram.BaseEvent<Record<string, never>, { phone: string }>) {
      const phoneNumber = e.currentTarget.dataset.phone;
      if (phoneNumber && !phoneNumber.includes('*')) wx.makePhoneCall({ phoneNumber });
    },

    async onConfirmCard() {
      const card = this.data.card;
      if (!card || this.data.busy) return;
      this.setData({ busy: true });
      try {
        await call('contactCards.confirm', { childId: this.data.childId, expectedVersion: card.version });
        wx.showToast({ title: '已确认本月信息', icon: 'success' });
        await this.load({ refresh: true });
      } catch (err) {
        wx.showToast({ title: errorMessage(err), icon: 'none' });
      } finally {
        this.setData({ busy: false });
      }
    },

    onAskEnd(e: WechatMiniprogram.CustomEvent<{ id: string; name: string }>) {
      const { id, name } = e.detail;
      this.setData({ confirm: { visible: true, busy: false, id, content: `确定结束与${name}的结对吗？结束后记录会保留。` } });
    },

    onEndCancel() {
      if (!this.data.confirm.busy) this.setData({ confirm: { ...NO_ENDING } });
    },

    async onEndOk() {
      const { id, busy } = this.data.confirm;
      if (busy || !id) return;
      this.setData({ 'confirm.busy': true });
      try {
        await call('care.end', { pairingId: id });
        wx.showToast({ title: '已结束结对', icon: 'success' });
        await this.load({ refresh: true });
      } catch (err) {
        wx.showToast({ title: errorMessage(err), icon: 'none' });
      } finally {
        this.setData({ confirm: { ...NO_ENDING } });
      }
    },

    async onMoreHistory() {
      const last = this.data.history[this.data.history.length - 1];
      if (!last || this.data.busy) return;
      this.setData({ busy: true });
      try {
        const page = await call('archive.history', { childId: this.data.childId, before: last.at, limit: 20 });
        this.setData({ history: [...this.data.history, ...historyLines(page.entries)], historyMore: !!page.next });
      } catch (err) {
        wx.showToast({ title: errorMessage(err), icon: 'none' });
      } finally {
        this.setData({ busy: false });
      }
    },
  },
});
