/**
 * 个别教育管理方案: ?childId= a new plan for the child (the reasons a talk found come chosen), ?planId= one plan with
 * its reviews, the form to record a review (outcome, what was seen, the next review day) and closing it with a reason.
 * First screen: one call (talks.child, or plans.get).
 */
import type { PlanMeasureKind, PlanReason, PlanView, ReviewOutcome } from '../../../../../typings/actions/talks';
import { call } from '../../../../services/api';
import { instanceState } from '../../../../services/instance';
import { loadScreen } from '../../../../services/screen';
import { beijingToday, dayLabel } from '../../../../services/time';
import { compact, errorsInPlace, refusal } from '../../services/form';
import { MEASURES, orNull, PLAN_REASONS, REVIEWS } from '../../services/options';
import { emptyPlan, emptyReview, measureRows, planErrors, planFieldOf, planInput, reviewProblem, type PlanForm } from '../../services/plan-form';
import { planLines } from '../../services/plan-view';

type State = 'loading' | 'error' | 'forbidden' | 'ready';
type Field = WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { field: string }>;

const own = instanceState(() => ({ childId: '', planId: '' }));

Component({
  data: {
    state: 'loading' as State,
    errorMessage: '',
    mode: 'new' as 'new' | 'view',
    childName: '',
    today: '',
    form: emptyPlan('', [], ''),
    measures: [] as ReturnType<typeof measureRows>,
    dates: { start: '', reviews: [] as { date: string; text: string }[] },
    errors: {} as Record<string, string>,
    plan: null as PlanView | null,
    lines: null as ReturnType<typeof planLines> | null,
    review: emptyReview(''),
    reviewText: { date: '', next: '' },
    closeReason: '',
    message: '',
    formError: '',
    busy: false,
    options: { reasons: PLAN_REASONS, measures: MEASURES, reviews: REVIEWS },
  },

  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      Object.assign(own(this), { childId: query.childId ?? '', planId: query.planId ?? '' });
      this.load();
    },

    load() {
      const { childId, planId } = own(this);
      return loadScreen(this, async (screen) => {
        if (planId) {
          const plan = await call('plans.get', { planId });
          if (screen.current()) this.showPlan(plan);
          return;
        }
        const file = await call('talks.child', { childId });
        if (!screen.current()) return;
        const found = (file.planRequirement?.concernLabels ?? [])
          .map((l) => PLAN_REASONS.find((r) => r.label === l)?.value)
          .filter((r): r is PlanReason => !!r);
        const form = emptyPlan(file.today, found, file.responsible[0] ?? '');
        this.setData({ state: 'ready', mode: 'new', childName: file.child.name, today: file.today, form, errors: {} });
        this.refreshForm(form);
      });
    },

    showPlan(plan: PlanView) {
      const today = this.data.today || beijingToday();
      this.setData({
        state: 'ready',
        mode: 'view',
        plan,
        lines: planLines(plan),
        childName: plan.childName,
        today,
        review: emptyReview(today),
        reviewText: { date: dayLabel(today), next: '未定' },
      });
    },

    onRetry() {
      this.load();
    },

    refreshForm(form: PlanForm, changed?: string) {
      const all = planErrors(form, this.data.today);
      this.setData({
        form,
        measures: measureRows(form),
        dates: { start: dayLabel(form.startDate), reviews: form.reviewDates.map((d) => ({ date: d, text: dayLabel(d) })) },
        errors: changed ? errorsInPlace(all, this.data.errors, changed) : this.data.errors,
        formError: '',
      });
    },

    onChips(e: WechatMiniprogram.CustomEvent<{ value: string[] }, Record<string, never>, { field: 'reasons' | 'kinds' }>) {
      const field = e.currentTarget.dataset.field;
      this.refreshForm({ ...this.data.form, [field]: e.detail.value as PlanReason[] & PlanMeasureKind[] }, field === 'kinds' ? 'measures' : field);
    },

    onText(e: Field) {
      this.refreshForm({ ...this.data.form, [e.currentTarget.dataset.field]: e.detail.value }, e.currentTarget.dataset.field);
    },

    onMeasureText(e: Field) {
      this.refreshForm({ ...this.data.form, measureText: { ...this.data.form.measureText, [e.currentTarget.dataset.field]: e.detail.value } }, 'measures');
    },

    onStart(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.refreshForm({ ...this.data.form, startDate: e.detail.value }, 'startDate');
    },

    onAddReview(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const reviewDates = [...new Set([...this.data.form.reviewDates, e.detail.value])].sort();
      this.refreshForm({ ...this.data.form, reviewDates }, 'reviewDates');
    },

    onRemoveReview(e: WechatMiniprogram.BaseEvent<Record<string, never>, { date: string }>) {
      this.refreshForm({ ...this.data.form, reviewDates: this.data.form.reviewDates.filter((d) => d !== e.currentTarget.dataset.date) }, 'reviewDates');
    },

    async run(work: () => Promise<void>, fieldOf: (path: string) => string = () => 'form') {
      if (this.data.busy) return;
      this.setData({ busy: true, formError: '', message: '' });
      try {
        await work();
      } catch (err) {
        const { fields, form } = refusal(err, fieldOf);
        this.setData({ errors: { ...this.data.errors, ...fields }, formError: form || '请按提示修改后再保存' });
      } finally {
        this.setData({ busy: false });
      }
    },

    onCreate() {
      const all = compact(planErrors(this.data.form, this.data.today));
      if (Object.keys(all).length) return this.setData({ errors: all, formError: '还有内容没有填好，请看标红的地方' });
      return this.run(async () => {
        const plan = await call('plans.create', planInput(own(this).childId, this.data.form));
        own(this).planId = plan.id;
        this.showPlan(plan);
        this.setData({ message: '方案已保存，复查前会提醒您' });
      }, planFieldOf);
    },

    onReviewField(
      e: WechatMiniprogram.CustomEvent<{ value: string | ReviewOutcome[] }, Record<string, never>, { field: 'date' | 'outcome' | 'note' | 'next' }>,
    ) {
      const field = e.currentTarget.dataset.field;
      const text = field === 'date' || field === 'next' ? { [`reviewText.${field}`]: dayLabel(String(e.detail.value)) } : {};
      this.setData({ [`review.${field}`]: e.detail.value, ...text, formError: '' });
    },

    onReview() {
      const r = this.data.review;
      const problem = reviewProblem(r);
      if (problem) return this.setData({ formError: problem });
      return this.run(async () => {
        const plan = await call('plans.review', {
          planId: own(this).planId,
          date: r.date,
          outcome: r.outcome[0],
          note: r.note.trim(),
          nextReviewDate: r.next || null,
        });
        this.showPlan(plan);
        this.setData({ message: '复查已记录' });
      });
    },

    onCloseReason(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ closeReason: e.detail.value, formError: '' });
    },

    onClose() {
      const reason = orNull(this.data.closeReason);
      if (!reason) return this.setData({ formError: '结束方案需要写明原因' });
      return this.run(async () => {
        const plan = await call('plans.close', { planId: own(this).planId, reason });
        this.showPlan(plan);
        this.setData({ message: '方案已结束' });
      });
    },
  },
});
