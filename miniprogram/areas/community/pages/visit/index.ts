/**
 * 走访记录（入户、电话、在校）：日期、方式、见到的人、孩子的生活/上学/身体/安全/情绪、监护人情况、发现的问题、
 * 下一步及完成日期；发现情况变化时选择类别并说明，提交后立即通知学校和儿童督导员。
 * 没有信号也能填：边填边存在手机上（wx.setStorage），提交后没有网络就在手机上排队，网络恢复时自动发送；
 * 这条记录的编号在打开表单时生成，重发不会记两次。打开表单不需要网络（孩子的姓名由上一页带来）。
 */
import { instanceState } from '../../../../services/instance';
import { beijingClock } from '../../../../services/time';
import { METHOD_LABELS, options } from '../../services/labels';
import { dateText, emptyForm, formErrors, visitInput, type VisitForm } from '../../services/visit-form';
import { enqueue, discard, loadDraft, newPhoneId, queued, saveDraft, sendQueued, whenOnline } from '../../services/visits';
import type { StepForm } from '../../components/next-steps/type';

/** editing; waiting: saved on the phone, for signal; sent */
type State = 'ready' | 'waiting' | 'sent';

const own = instanceState(() => ({ visitId: '', stop: null as (() => void) | null }));

Component({
  data: {
    state: 'ready' as State,
    childId: '',
    name: '',
    form: emptyForm(),
    dateText: '',
    today: '',
    methodOptions: options(METHOD_LABELS),
    errors: {} as Record<string, string>,
    savedText: '',
    submitError: '',
    sending: false,
    sentText: '',
  },

  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      const childId = query.childId ?? '';
      const draft = loadDraft<VisitForm>(childId);
      // a draft of a visit already in the queue was sent on (its late write may outlive the queue's)
      const resume = draft && !queued().some((q) => q.visitId === draft.visitId) ? draft : null;
      own(this).visitId = resume?.visitId ?? newPhoneId('v');
      const form = resume?.form ?? emptyForm();
      wx.setNavigationBarTitle?.({ title: `走访${query.name ?? ''}` });
      this.setData({
        childId,
        name: query.name ?? '',
        form,
        dateText: dateText(form.date),
        today: emptyForm().date,
        savedText: resume ? `已恢复手机上保存的草稿（${beijingClock(new Date(resume.savedAt))}）` : '',
      });
      own(this).stop = whenOnline(() => this.send());
    },

    onUnload() {
      own(this).stop?.();
    },

    /** Every edit is saved on the phone at once: a dropped call or a closed app loses nothing. */
    update(patch: Partial<VisitForm>, field: string) {
      const form = { ...this.data.form, ...patch };
      const errors = { ...this.data.errors };
      delete errors[field];
      const now = new Date();
      saveDraft({ visitId: own(this).visitId, childId: this.data.childId, form, savedAt: now.toISOString() });
      this.setData({ form, errors, dateText: dateText(form.date), savedText: `已保存在手机上 ${beijingClock(now)}`, submitError: '' });
    },

    onField(e: WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { field: keyof VisitForm }>) {
      const field = e.currentTarget.dataset.field;
      this.update({ [field]: String(e.detail.value ?? '') } as Partial<VisitForm>, field);
    },

    onSteps(e: WechatMiniprogram.CustomEvent<{ steps: StepForm[] }>) {
      this.update({ steps: e.detail.steps }, 'nextSteps');
    },

    onChange(e: WechatMiniprogram.CustomEvent<{ changed: boolean; kind: VisitForm['changeKind']; note: string }>) {
      this.update({ changed: e.detail.changed, changeKind: e.detail.kind, changeNote: e.detail.note }, 'change.kind');
    },

    onSubmit() {
      if (this.data.sending || this.data.state !== 'ready') return;
      const errors = formErrors(this.data.form);
      if (Object.keys(errors).length) {
        this.setData({ errors, submitError: '请先改正标红的内容' });
        return;
      }
      const savedAt = new Date().toISOString();
      const visitId = own(this).visitId;
      enqueue({
        visitId,
        childId: this.data.childId,
        childName: this.data.name,
        input: visitInput(visitId, this.data.childId, this.data.form, savedAt),
        savedAt,
        error: null,
      });
      this.setData({ state: 'waiting' });
      return this.send();
    },

    /** Send the queue; this visit is then sent, still waiting for signal, or refused (back to the form). */
    async send() {
      if (this.data.state !== 'waiting' || this.data.sending) return;
      this.setData({ sending: true });
      const res = await sendQueued();
      const visitId = own(this).visitId;
      const mine = queued().find((q) => q.visitId === visitId);
      this.setData({ sending: false });
      if (res.sent.includes(visitId)) {
        const told = this.data.form.changed ? '情况变化已通知学校管理员、班主任、帮扶教师和儿童督导员。' : '';
        this.setData({ state: 'sent', sentText: `走访记录已提交。${told}` });
        wx.showToast({ title: '已提交', icon: 'success' });
      } else if (mine?.error) {
        // refused: back to the form with the reason, kept as a draft
        discard(visitId);
        saveDraft({ visitId, childId: this.data.childId, form: this.data.form, savedAt: mine.savedAt });
        this.setData({ state: 'ready', submitError: mine.error });
      }
    },

    onSendNow() {
      return this.send();
    },

    onBack() {
      wx.navigateBack({ delta: 1 });
    },
  },
});
