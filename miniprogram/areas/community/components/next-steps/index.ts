/**
 * <next-steps>: what to do after the visit, each with the day it should be done by; emits `change` { steps } with
 * the whole list after every edit (the form saves it on the phone at once).
 *
 *   <next-steps steps="{{form.steps}}" start="{{form.date}}" bind:change="onSteps" />
 */
import { dayLabel } from '../../../../services/time';
import props from './props';
import type { StepForm } from './type';

type Field = WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { index: number }>;

Component({
  properties: props,

  methods: {
    emit(steps: StepForm[]) {
      this.triggerEvent('change', { steps });
    },

    onText(e: Field) {
      const steps = (this.data.steps as StepForm[]).map((s, i) => (i === e.currentTarget.dataset.index ? { ...s, text: String(e.detail.value ?? '') } : s));
      this.emit(steps);
    },

    onDue(e: Field) {
      const due = String(e.detail.value ?? '');
      const steps = (this.data.steps as StepForm[]).map((s, i) => (i === e.currentTarget.dataset.index ? { ...s, due, dueText: `${dayLabel(due)}前` } : s));
      this.emit(steps);
    },

    onAdd() {
      this.emit([...(this.data.steps as StepForm[]), { text: '', due: '', dueText: '选择日期（可不填）' }]);
    },

    onRemove(e: WechatMiniprogram.BaseEvent<Record<string, never>, { index: number }>) {
      this.emit((this.data.steps as StepForm[]).filter((_, i) => i !== e.currentTarget.dataset.index));
    },
  },
});
