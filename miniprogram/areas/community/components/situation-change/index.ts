/**
 * <situation-change>: did the visit find a change in the child's situation (a parent jailed, the guardian gone, out
 * of school…)? Which, and what happened. Emits `change` { changed, kind, note }; an urgent kind says who will be told.
 *
 *   <situation-change changed="{{form.changed}}" kind="{{form.changeKind}}" note="{{form.changeNote}}" errors="{{errors}}" bind:change="onChange" />
 */
import { CHANGE_LABELS, options, URGENT_CHANGES } from '../../services/labels';
import props from './props';

Component({
  properties: props,

  data: {
    kindOptions: options(CHANGE_LABELS),
    urgent: false,
  },

  observers: {
    kind(kind: string) {
      this.setData({ urgent: (URGENT_CHANGES as readonly string[]).includes(kind) });
    },
  },

  methods: {
    emit(patch: Record<string, unknown>) {
      this.triggerEvent('change', { changed: this.data.changed, kind: this.data.kind, note: this.data.note, ...patch });
    },

    onSwitch(e: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
      this.emit({ changed: !!e.detail.value });
    },

    onKind(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.emit({ kind: e.detail.value });
    },

    onNote(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.emit({ note: String(e.detail.value ?? '') });
    },
  },
});
