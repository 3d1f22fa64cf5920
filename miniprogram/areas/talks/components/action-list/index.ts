/**
 * <action-list>: the actions agreed in a talk (商定的事项), each with who does it and by when, with 删除, and the fields
 * to add one. Checks what it can itself; every change emits `change` { actions } (the card saves them with the rest).
 */
import type { TalkActionInput } from '../../../../../typings/actions/talks';
import { addDays, dayLabel } from '../../../../services/time';
import props from './props';

const fresh = (from: string) => ({ text: '', owner: '', dueDate: from ? addDays(from, 30) : '', dueText: from ? dayLabel(addDays(from, 30)) : '请选择' });

Component({
  properties: props,

  data: {
    rows: [] as (TalkActionInput & { dueText: string })[],
    draft: fresh(''),
    draftError: '',
  },

  observers: {
    actions(actions: TalkActionInput[]) {
      this.setData({ rows: actions.map((a) => ({ ...a, dueText: `${dayLabel(a.dueDate)}前` })) });
    },
    from(from: string) {
      if (!this.data.draft.text) this.setData({ draft: fresh(from) });
    },
  },

  methods: {
    onField(e: WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { field: 'text' | 'owner' }>) {
      this.setData({ [`draft.${e.currentTarget.dataset.field}`]: e.detail.value, draftError: '' });
    },

    onDue(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ 'draft.dueDate': e.detail.value, 'draft.dueText': dayLabel(e.detail.value), draftError: '' });
    },

    onAdd() {
      const d = this.data.draft;
      const problem = !d.text.trim()
        ? '请写下商定的事项'
        : !d.owner.trim()
          ? '请写下由谁来做，如：孩子、奶奶、李老师'
          : !d.dueDate
            ? '请选择完成日期'
            : d.dueDate < this.data.from
              ? '完成日期不能早于谈心日期'
              : '';
      if (problem) return this.setData({ draftError: problem });
      const actions = [...(this.data.actions as TalkActionInput[]), { text: d.text.trim(), owner: d.owner.trim(), dueDate: d.dueDate }];
      if (actions.length > 10) return this.setData({ draftError: '商定的事项最多 10 项' });
      this.setData({ draft: fresh(this.data.from) });
      this.triggerEvent('change', { actions });
    },

    onRemove(e: WechatMiniprogram.BaseEvent<Record<string, never>, { index: number }>) {
      const actions = (this.data.actions as TalkActionInput[]).filter((_a, i) => i !== Number(e.currentTarget.dataset.index));
      this.triggerEvent('change', { actions });
    },
  },
});
