/**
 * 联系卡月度核对（班主任、管理员）：本月（北京时间）还没有确认过联系卡的本班留守儿童（contactCards.round）。
 *   - 无变化，确认：先读出孩子的联系卡（children.get，读取记入审计），在 <confirm-dialog> 里对照家长核对，确认后
 *     contactCards.confirm（带读到的版本号），孩子离开名单。
 *   - 修改 / 填写联系卡：进入联系卡编辑页（保存即算本月已确认），回来时名单刷新。
 * 首屏：url 带 ?classId=（花名册进入）时一次 contactCards.round；不带时先用 whoami 找班级：班主任用自己的班级，
 * 管理员用 classes.list 的第一个班级；有几个班级时可切换。
 */
import { call, errorMessage } from '../../../../services/api';
import { privacyReady } from '../../../../services/privacy';
import { loadScreen } from '../../../../services/screen';
import { bindingFor } from '../../../../services/session';
import { pageUrl } from '../../../../services/routes';
import { monthLabel } from '../../../../services/time';
import { cardLines, CLOSED, decoded, percentOf, rows, type ClassChip, type Confirm, type Row } from '../../services/card-round';

type State = 'loading' | 'error' | 'forbidden' | 'ready';

type IdEvent = WechatMiniprogram.BaseEvent<WechatMiniprogram.IAnyObject, { id?: string }>;

Component({
  data: {
    state: 'loading' as State,
    errorMessage: '',
    classId: '',
    className: '',
    classes: [] as ClassChip[],
    month: '',
    monthText: '',
    total: 0,
    confirmed: 0,
    /** confirmed of total, for the progress bar */
    percent: 0,
    pending: [] as Row[],
    /** The child whose card is being read for the dialog. */
    checking: '',
    notice: '',
    noticeError: false,
    confirm: { ...CLOSED } as Confirm,
  },

  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      this.setData({ classId: query.classId ?? '', className: decoded(query.className) });
      this.load();
    },

    /** Back from the card editor: a saved card counts as confirmed, so the list is read again. */
    onShow() {
      if (this.data.state === 'ready') this.refresh();
    },

    onPullDownRefresh() {
      this.refresh().then(() => wx.stopPullDownRefresh());
    },

    load() {
      return loadScreen(this, async () => {
        await privacyReady();
        if (!this.data.classId) {
          const found = await this.findClass();
          if (!found) {
            this.setData({ state: 'forbidden' });
            return;
          }
        }
        await this.showRound();
      });
    },

    /** No class in the url: the teacher's own class(es), or for an admin the school's open classes. */
    async findClass(): Promise<boolean> {
      const me = await call('whoami', {});
      const binding = bindingFor(me.bindings, ['teacher', 'admin']);
      if (!binding) return false;
      let chips: ClassChip[];
      if (binding.role === 'teacher') {
        chips = [];
        for (const b of me.bindings) {
          if (b.role !== 'teacher' || !b.classId || chips.some((c) => c.id === b.classId)) continue;
          chips.push({ id: b.classId, name: b.label.replace(/\s*(班主任|任课教师|教师)$/, '') || b.label });
        }
        // the active binding's class first
        chips.sort((a, b) => (a.id === binding.classId ? -1 : b.id === binding.classId ? 1 : 0));
      } else {
        if (!binding.schoolId) return false;
        chips = (await call('classes.list', { schoolId: binding.schoolId })).classes.filter((c) => !c.archived).map((c) => ({ id: c.id, name: c.name }));
      }
      if (!chips.length) return false;
      this.setData({ classes: chips.length > 1 ? chips : [], classId: chips[0].id, className: chips[0].name });
      return true;
    },

    async showRound() {
      const round = await call('contactCards.round', { classId: this.data.classId });
      this.setData({
        state: 'ready',
        month: round.month,
        monthText: monthLabel(round.month),
        total: round.total,
        confirmed: round.confirmed,
        percent: percentOf(round.confirmed, round.total),
        pending: rows(round.pending),
      });
    },

    /** Read the round again without the loading screen; a failure keeps the list and says why. */
    async refresh() {
      try {
        await this.showRound();
      } catch (err) {
        this.say(errorMessage(err), true);
      }
    },

    onRetry() {
      this.load();
    },

    say(notice: string, error = false) {
      this.setData({ notice, noticeError: error });
    },

    onClassTap(e: IdEvent) {
      const id = e.currentTarget.dataset.id;
      const chip = this.data.classes.find((c) => c.id === id);
      if (!chip || chip.id === this.data.classId) return;
      this.setData({ classId: chip.id, className: chip.name, notice: '' });
      this.load();
    },

    /** 无变化，确认: read the card first, so the teacher checks it with the family, then confirm its version. */
    async onAskConfirm(e: IdEvent) {
      const childId = e.currentTarget.dataset.id;
      const row = this.data.pending.find((r) => r.childId === childId);
      if (!row || !childId || this.data.checking) return;
      this.setData({ checking: childId, notice: '' });
      try {
        const detail = await call('children.get', { childId });
        if (!detail.contactCard) {
          this.say(`${row.name}还没有联系卡，请先填写`, true);
          return;
        }
        this.setData({
          confirm: {
            visible: true,
            busy: false,
            childId,
            name: row.name,
            version: detail.contactCard.version,
            lines: cardLines(detail.contactCard),
          },
        });
      } catch (err) {
        this.say(errorMessage(err), true);
      } finally {
        this.setData({ checking: '' });
      }
    },

    onConfirmCancel() {
      if (this.data.confirm.busy) return;
      this.setData({ confirm: { ...CLOSED } });
    },

    async onConfirmOk() {
      const { childId, name, version, busy } = this.data.confirm;
      if (busy || !childId) return;
      this.setData({ 'confirm.busy': true });
      try {
        await call('contactCards.confirm', { childId, expectedVersion: version });
        const confirmed = this.data.confirmed + 1;
        this.setData({
          pending: this.data.pending.filter((r) => r.childId !== childId),
          confirmed,
          percent: percentOf(confirmed, this.data.total),
        });
        this.say(`已确认${name}的联系卡本月无变化`);
      } catch (err) {
        this.say(errorMessage(err), true);
      } finally {
        this.setData({ confirm: { ...CLOSED } });
      }
    },

    onEdit(e: IdEvent) {
      const childId = e.currentTarget.dataset.id;
      if (childId) wx.navigateTo({ url: pageUrl('cardEdit', { childId }) });
    },
  },
});
