/**
 * <hand-out>: materials handed out at the activity (书包、文具…): what, how many each, from whom, and to which of the
 * children present. Emits `submit` { item, quantity, source, childIds } once it is filled in, and `ledger` { childId }
 * to open a child's 帮扶台账, where each hand-out is recorded as material aid.
 */
import { AID_SOURCE_LABELS } from '../../../../generated/community-labels';
import props from './props';

type FieldEvent = WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { field: string }>;

const ITEMS = ['书包', '文具', '图书', '衣物', '体育用品'];

Component({
  properties: props,

  data: {
    items: ITEMS,
    sources: Object.entries(AID_SOURCE_LABELS).map(([value, label]) => ({ value, label })),
    form: { item: '', quantity: '1', source: 'school', childIds: [] as string[] },
    problem: '',
  },

  observers: {
    // once saved, the next hand-out starts with no child picked
    done(done: unknown) {
      if (done) this.setData({ 'form.childIds': [] });
    },
  },

  methods: {
    onField(e: FieldEvent) {
      this.setData({ [`form.${e.currentTarget.dataset.field}`]: e.detail.value, problem: '' });
    },

    onItem(e: WechatMiniprogram.BaseEvent<Record<string, never>, { item: string }>) {
      this.setData({ 'form.item': e.currentTarget.dataset.item, problem: '' });
    },

    onSource(e: WechatMiniprogram.BaseEvent<Record<string, never>, { source: string }>) {
      this.setData({ 'form.source': e.currentTarget.dataset.source, problem: '' });
    },

    onPick(e: WechatMiniprogram.CustomEvent<{ value: string[] }>) {
      this.setData({ 'form.childIds': e.detail.value, problem: '' });
    },

    onSubmit() {
      const f = this.data.form;
      const quantity = Number(f.quantity);
      const problem = !f.item.trim()
        ? '请填写发放的物资，如书包、文具'
        : !Number.isInteger(quantity) || quantity < 1 || quantity > 1000
          ? '每人数量请填 1 到 1000 的整数'
          : !f.childIds.length
            ? '请选择领到物资的孩子'
            : '';
      if (problem) return this.setData({ problem });
      this.triggerEvent('submit', { item: f.item.trim(), quantity, source: f.source, childIds: f.childIds });
    },

    onLedger(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
      this.triggerEvent('ledger', { childId: e.currentTarget.dataset.id });
    },
  },
});
