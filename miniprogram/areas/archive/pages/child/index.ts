/**
 * 儿童详情：首屏一次 children.get 调用（先过微信隐私授权：privacy-gate），分为 档案 / 联系卡 / 关爱网络 / 修改记录 四栏。
 * 看到的内容由服务端按身份裁剪（家长看不到困难类别与重点帮扶原因，学生看不到任何档案）。
 * 老师和管理员可编辑档案与联系卡、确认本月信息无变化、添加或结束结对；记录栏可加载更早的修改。
 */
import type { ChildDetail, HistoryEntryView, PairingView } from '../../../../../typings/actions/archive';
import type { ExamRecord } from '../../../../../typings/domain';
import { call, errorMessage } from '../../../../services/api';
import { instanceState } from '../../../../services/instance';
import { loadScreen } from '../../../../services/screen';
import { privacyReady } from '../../../../services/privacy';
import { CONSENT_LABELS, DIFFICULTY_LABELS, GENDER_LABELS, LEFT_BEHIND_LABELS, VULNERABLE_LABELS } from '../../services/labels';
import { pageUrl } from '../../../../services/routes';
import { beijingDateTime, dayLabel } from '../../../../services/time';

type State = 'loading' | 'error' | 'ready';
type Tab = 'archive' | 'card' | 'care' | 'history';

interface Line {
  label: string;
  value: string;
  /** a long value goes under its label instead of beside it (the label stays on one line) */
  long: boolean;
}

const BEIJING_OFFSET_MS = 8 * 3600 * 1000;
const monthOf = (d: Date) => new Date(d.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 7);

/** The archive as lines; staff see every field (未填写 when empty), families only what their view contains. */
function archiveLines(c: Record<string, unknown>, staff: boolean): Line[] {
  const lines: Line[] = [];
  const add = (label: string, value: unknown, always = staff) => {
    if (value !== undefined && value !== null && value !== '') lines.push({ label, value: String(value), long: String(value).length > 12 });
    else if (always) lines.push({ label, value: '未填写', long: false });
  };
  const lunar = c.lunarBirthday as { month: number; day: number; leap?: boolean } | null | undefined;
  add('性别', c.gender ? GENDER_LABELS[c.gender as 'male' | 'female'] : undefined, true);
  add(
    '出生日期',
    `${c.birthDate ? dayLabel(String(c.birthDate), { year: 'always' }) : ''}${lunar ? `（过农历生日：${lunar.leap ? '闰' : ''}${lunar.month}月${lunar.day}日）` : ''}`,
    true,
  );
  add('身份证号', c.idNumber);
  add('家庭住址', c.address);
  if (staff) {
    add('留守类型', c.leftBehindType ? LEFT_BEHIND_LABELS[c.leftBehindType as keyof typeof LEFT_BEHIND_LABELS] : undefined);
    if (c.leftBehindType === 'one_away_other_unable') add('另一方无监护能力原因', c.otherParentUnableReason);
  }
  add('健康状况', c.health);
  add('兴趣爱好', c.hobbies);
  add('学习情况', c.studySituation);
  if (staff) {
    add('家庭情况', c.familySituation);
    const d = (c.difficulties as (keyof typeof DIFFICULTY_LABELS)[] | undefined) ?? [];
    add('困难/问题', d.length ? `${d.map((x) => DIFFICULTY_LABELS[x]).join('、')}${c.difficultyNote ? `：${c.difficultyNote}` : ''}` : '无');
    const v = (c.vulnerableCategories as (keyof typeof VULNERABLE_LABELS)[] | undefined) ?? [];
    add('困境儿童类别', v.length ? v.map((x) => VULNERABLE_LABELS[x]).join('、') : '无');
    if (v.includes('disabled')) add('残疾类别与等级', c.disability);
    const f = c.focusSupport as { flag: boolean; reason: string | null } | null | undefined;
    add('重点帮扶', f?.flag ? `是：${f.reason ?? ''}` : '否');
  }
  return lines;
}

function examLines(c: Record<string, unknown>): { key: string; title: string; scores: string }[] {
  const exams = ((c.studyRecords as ExamRecord[] | undefined) ?? []).slice().sort((a, b) => b.date.localeCompare(a.date));
  return exams.map((e) => ({
    key: `${e.date}-${e.exam}`,
    title: `${dayLabel(e.date, { year: 'always' })} ${e.exam}${e.rank ? ` · 第 ${e.rank} 名` : ''}`,
    scores: e.scores.map((s) => `${s.subject} ${s.score}${s.full !== 100 ? `/${s.full}` : ''}`).join('　'),
  }));
}

function historyLines(entries: HistoryEntryView[]) {
  const target = { archive: '档案', contactCard: '联系卡', care: '关爱网络' };
  return entries.map((h) => ({ ...h, when: beijingDateTime(h.at), title: `${target[h.target]}${h.version ? ` 第 ${h.version} 版` : ''}` }));
}

/** A pairing with its days as people read them. */
type PairingRow = PairingView & { since: string; period: string };

const pairingRow = (p: PairingView): PairingRow => ({
  ...p,
  since: `${dayLabel(p.startDate, { year: 'always' })}起`,
  period: `${dayLabel(p.startDate, { year: 'always' })}–${p.endDate ? dayLabel(p.endDate, { year: 'always' }) : ''}`,
});

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
    buddies: [] as PairingRow[],
    proxies: [] as PairingRow[],
    ended: [] as PairingRow[],
    history: [] as ReturnType<typeof historyLines>,
    historyMore: true,
    busy: false,
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

    onEndPairing(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string; name: string }>) {
      const { id, name } = e.currentTarget.dataset;
      wx.showModal({
        title: '结束结对',
        content: `确定结束与${name}的结对吗？结束后记录会保留。`,
        confirmText: '结束',
        success: async (res) => {
          if (!res.confirm) return;
          try {
            await call('care.end', { pairingId: id });
            wx.showToast({ title: '已结束结对', icon: 'success' });
            await this.load({ refresh: true });
          } catch (err) {
            wx.showToast({ title: errorMessage(err), icon: 'none' });
          }
        },
      });
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
