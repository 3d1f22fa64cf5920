/**
 * 记一笔帮扶：临时救助申请、低保调整、按月代付（如每月寄宿费）、代付、物资、转介。金额按元填写，以分发送。
 * 从台账点一笔临时救助进来时登记批准、发放或未批准；从“登记本月”进来时登记按月代付的这一笔。
 * 记录编号在打开表单时生成，重复提交只记一次。
 */
import type { AssistanceKind } from '../../../../../typings/domain';
import type { AssistanceView } from '../../../../../typings/actions/community';
import { call, errorMessage } from '../../../../services/api';
import { instanceState } from '../../../../services/instance';
import { loadScreen } from '../../../../services/screen';
import { beijingToday, dayLabel, monthLabel } from '../../../../services/time';
import { AID_SOURCE_LABELS, ASSISTANCE_KIND_LABELS, options } from '../../services/labels';
import { assistInput, emptyAssist, KIND_FIELDS, PLACEHOLDERS, type AssistForm } from '../../services/assist-form';
import { parseYuan, yuanText } from '../../services/money';
import { newPhoneId } from '../../services/visits';

type State = 'loading' | 'error' | 'forbidden' | 'ready';
/** new: a new entry; pay: this month of a recurring payment; progress: a relief application moves on */
type Mode = 'new' | 'pay' | 'progress';
type Stage = 'approved' | 'paid' | 'refused';

const own = instanceState(() => ({ entryId: '', recurringId: '', reliefId: '', relief: null as AssistanceView | null }));

const KINDS: AssistanceKind[] = ['payment', 'recurring', 'relief', 'allowance', 'material', 'referral'];

Component({
  data: {
    state: 'loading' as State,
    errorMessage: '',
    mode: 'new' as Mode,
    childId: '',
    name: '',
    form: emptyAssist(),
    labels: KIND_FIELDS.payment,
    placeholders: PLACEHOLDERS,
    dateText: '',
    today: '',
    kindOptions: KINDS.map((k) => ({ label: ASSISTANCE_KIND_LABELS[k], value: k })),
    sourceOptions: options(AID_SOURCE_LABELS),
    stage: 'approved' as Stage,
    stageOptions: [] as { label: string; value: Stage }[],
    reliefText: '',
    errors: {} as Record<string, string>,
    saveError: '',
    saving: false,
  },

  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      own(this).entryId = newPhoneId('a');
      own(this).recurringId = query.recurringId ?? '';
      own(this).reliefId = query.entryId ?? '';
      const mode: Mode = query.entryId ? 'progress' : query.recurringId ? 'pay' : 'new';
      const form = emptyAssist('payment');
      this.setData({ mode, childId: query.childId ?? '', name: query.name ?? '', form, today: beijingToday(), dateText: dayLabel(form.date) });
      wx.setNavigationBarTitle?.({ title: mode === 'progress' ? '临时救助进展' : `记一笔帮扶：${query.name ?? ''}` });
      if (mode === 'new') this.setData({ state: 'ready' });
      else this.load(query.entryId ?? '');
    },

    /** The relief application or the recurring payment this form continues, from the child's ledger. */
    load(entryId: string) {
      return loadScreen(this, async () => {
        const ledger = await call('assistance.ledger', { childId: this.data.childId });
        if (this.data.mode === 'progress') {
          const relief = ledger.entries.find((e) => e.id === entryId && e.kind === 'relief');
          if (!relief) return this.setData({ state: 'error', errorMessage: '台账里没有这笔临时救助' });
          own(this).relief = relief;
          const stages: Stage[] = relief.status === 'applied' ? ['approved', 'refused'] : ['paid', 'refused'];
          const labels: Record<Stage, string> = { approved: '已批准', paid: '已发放', refused: '未批准' };
          const amount = relief.status === 'applied' ? relief.amountYuan : relief.approvedFen !== null ? yuanText(relief.approvedFen) : '';
          this.setData({
            state: 'ready',
            stage: stages[0],
            stageOptions: stages.map((s) => ({ label: labels[s], value: s })),
            reliefText: `${dayLabel(relief.date)}向${relief.party}申请 ${relief.amountYuan} 元 · ${relief.statusLabel}`,
            'form.amount': amount ?? '',
          });
          return;
        }
        const r = ledger.recurring.find((x) => x.id === own(this).recurringId);
        if (!r) return this.setData({ state: 'error', errorMessage: '台账里没有这项按月代付' });
        this.setData({
          state: 'ready',
          form: { ...this.data.form, amount: r.amountYuan, item: r.item, party: r.party },
          reliefText: `${monthLabel(beijingToday().slice(0, 7), { year: 'auto' })}${r.item}`,
        });
      });
    },

    onRetry() {
      this.load(own(this).reliefId);
    },

    onField(e: WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { field: keyof AssistForm | 'stage' }>) {
      const field = e.currentTarget.dataset.field;
      const value = String(e.detail.value ?? '');
      if (field === 'stage') return this.setData({ stage: value as Stage, saveError: '' });
      const form = field === 'kind' ? { ...emptyAssist(value as AssistanceKind), date: this.data.form.date } : { ...this.data.form, [field]: value };
      this.setData({ form, labels: KIND_FIELDS[form.kind], dateText: dayLabel(form.date), errors: {}, saveError: '' });
    },

    async onSave() {
      if (this.data.saving) return;
      const f = this.data.form;
      this.setData({ saving: true, saveError: '', errors: {} });
      try {
        if (this.data.mode === 'progress') {
          const amount = this.data.stage === 'refused' ? null : parseYuan(this.data.form.amount);
          if (amount?.error) {
            this.setData({ errors: { amount: amount.error }, saveError: amount.error });
            return;
          }
          await this.saveProgress(amount?.fen ?? 0);
        } else {
          const built = assistInput(own(this).entryId, this.data.childId, f);
          if ('errors' in built) {
            this.setData({ errors: built.errors, saveError: '请先改正标红的内容' });
            return;
          }
          const input = this.data.mode === 'pay' && built.input.kind === 'payment' ? { ...built.input, recurringId: own(this).recurringId } : built.input;
          await call('assistance.add', input);
        }
        wx.showToast({ title: '已记入台账', icon: 'success' });
        wx.navigateBack({ delta: 1 });
      } catch (err) {
        this.setData({ saveError: errorMessage(err) });
      } finally {
        this.setData({ saving: false });
      }
    },

    async saveProgress(amountFen: number) {
      const relief = own(this).relief!;
      const stage = this.data.stage;
      if (stage === 'refused')
        await call('assistance.update', { entryId: relief.id, stage, on: this.data.form.date, note: this.data.form.note.trim() || null });
      else await call('assistance.update', { entryId: relief.id, stage, amountFen, on: this.data.form.date });
    },
  },
});
