/**
 * 孩子的走访与帮扶：儿童主任工作需要的情况（姓名、年龄、班级、住址、留守类型、困难类别；没有学习、健康等内容），
 * 下次该走访的日子、未处理的预警、联系人（点一下就打电话）、走访记录和帮扶台账。首屏一次 community.child 调用；
 * 没有信号时显示手机上保存的上一次内容。记录一次走访（没有信号也能填）、记一笔帮扶。
 */
import type { CommunityChildView } from '../../../../../typings/actions/community';
import type { AlertView, ContactCardView } from '../../../../../typings/actions/archive';
import { instanceState } from '../../../../services/instance';
import { loadScreen } from '../../../../services/screen';
import { privacyReady } from '../../../../services/privacy';
import { pageUrl } from '../../../../services/routes';
import { beijingDateTime, dayLabel } from '../../../../services/time';
import { loadKept } from '../../services/cache';
import { DIFFICULTY_LABELS, LEFT_BEHIND_LABELS, VULNERABLE_LABELS } from '../../services/labels';
import { dueLine, entryRow, totalCells, visitRow, type EntryRowView, type Tag, type VisitRowView } from '../../services/rows';
import { sendQueued, whenOnline } from '../../services/visits';

type State = 'loading' | 'error' | 'forbidden' | 'ready';
type Tab = 'visits' | 'contacts' | 'ledger';

const own = instanceState(() => ({ loaded: false, stop: null as (() => void) | null }));

function tagsOf(d: CommunityChildView): Tag[] {
  const c = d.child;
  const tags: Tag[] = [{ text: LEFT_BEHIND_LABELS[c.leftBehindType as keyof typeof LEFT_BEHIND_LABELS] ?? '', theme: 'default' }];
  if (d.focus) tags.push({ text: '重点对象', theme: 'warning' });
  for (const v of (c.vulnerableCategories as (keyof typeof VULNERABLE_LABELS)[] | undefined) ?? []) tags.push({ text: VULNERABLE_LABELS[v], theme: 'danger' });
  for (const k of (c.difficulties as (keyof typeof DIFFICULTY_LABELS)[] | undefined) ?? []) tags.push({ text: DIFFICULTY_LABELS[k], theme: 'primary' });
  return tags.filter((t) => t.text);
}

Component({
  data: {
    state: 'loading' as State,
    errorMessage: '',
    childId: '',
    name: '',
    sub: '',
    address: '',
    tags: [] as Tag[],
    due: '',
    overdue: false,
    keptAt: '',
    alerts: [] as AlertView[],
    tab: 'visits' as Tab,
    visits: [] as VisitRowView[],
    card: null as ContactCardView | null,
    cells: [] as { label: string; value: string }[],
    allowance: [] as string[],
    entries: [] as EntryRowView[],
    canVisit: false,
    canRecord: false,
  },

  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      this.setData({ childId: query.childId ?? '', tab: (query.tab as Tab) || 'visits' });
      // a visit waiting for signal goes when the network is back; the child's record then shows it
      own(this).stop = whenOnline(async () => {
        if ((await sendQueued()).sent.length) await this.load({ refresh: true });
      });
      this.load();
    },

    onUnload() {
      own(this).stop?.();
    },

    /** Back from the visit form or the ledger entry: show what was added. */
    onShow() {
      if (own(this).loaded) this.load({ refresh: true });
    },

    load(options: { refresh?: boolean } = {}) {
      return loadScreen(
        this,
        async (screen) => {
          await privacyReady();
          const { data: d, keptAt } = await loadKept(`child.${this.data.childId}`, 'community.child', { childId: this.data.childId });
          if (!screen.current()) return;
          own(this).loaded = true;
          const name = String(d.child.name ?? '');
          wx.setNavigationBarTitle?.({ title: name });
          this.setData({
            state: 'ready',
            name,
            sub: [`${d.age}岁`, d.className, d.communityName].filter(Boolean).join(' · '),
            address: String(d.child.address ?? ''),
            tags: tagsOf(d),
            due: dueLine(d.due),
            overdue: d.due.due === 'overdue' || d.due.due === 'never',
            keptAt: keptAt ? beijingDateTime(keptAt) : '',
            alerts: d.alerts,
            visits: d.visits.map(visitRow),
            card: d.contactCard,
            cells: totalCells(d.ledger.totals, d.ledger.totalsYuan),
            allowance: d.ledger.allowanceHistory.map((h) => `${dayLabel(h.date, { year: 'always' })}起 每月 ${h.amountYuan} 元`),
            entries: d.ledger.entries.map((e) => entryRow(e)),
            canVisit: d.canVisit,
            canRecord: d.canRecordAssistance,
          });
        },
        options,
      );
    },

    onRetry() {
      this.load();
    },

    onTab(e: WechatMiniprogram.BaseEvent<Record<string, never>, { tab: Tab }>) {
      this.setData({ tab: e.currentTarget.dataset.tab });
    },

    onVisit() {
      wx.navigateTo({ url: pageUrl('visit', { childId: this.data.childId, name: this.data.name }) });
    },

    onAssist() {
      wx.navigateTo({ url: pageUrl('assist', { childId: this.data.childId, name: this.data.name }) });
    },

    onLedger() {
      wx.navigateTo({ url: pageUrl('ledger', { childId: this.data.childId }) });
    },

    onAlert(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
      wx.navigateTo({ url: pageUrl('alert', { id: e.currentTarget.dataset.id }) });
    },

    onEntry(e: WechatMiniprogram.CustomEvent<{ id: string }>) {
      const entry = this.data.entries.find((x) => x.id === e.detail.id);
      if (entry?.open && this.data.canRecord)
        wx.navigateTo({ url: pageUrl('assist', { childId: this.data.childId, name: this.data.name, entryId: entry.id }) });
    },
  },
});
