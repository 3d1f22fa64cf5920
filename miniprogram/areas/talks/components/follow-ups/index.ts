/**
 * <follow-ups>: the actions agreed in earlier talks and not yet followed up (上次商定的事项), each with how it went
 * (已完成 / 部分完成 / 未完成) and a note. One left unmarked stays open for the next talk. Emits `change` { followUps }.
 */
import type { FollowUpInput, FollowUpStatus, TalkAction } from '../../../../../typings/actions/talks';
import { dayLabel } from '../../../../services/time';
import { FOLLOW_UPS } from '../../services/options';
import props from './props';

const key = (a: { talkId: string; id?: string; actionId?: string }) => `${a.talkId}/${a.id ?? a.actionId}`;

Component({
  properties: props,

  data: {
    rows: [] as { key: string; text: string; meta: string; status: string[]; note: string }[],
    statuses: FOLLOW_UPS,
  },

  observers: {
    'open, value'(open: TalkAction[], value: FollowUpInput[]) {
      const chosen = new Map(value.map((f) => [key(f), f]));
      this.setData({
        rows: open.map((a) => {
          const f = chosen.get(key(a));
          return {
            key: key(a),
            text: a.text,
            meta: `${dayLabel(a.talkDate)}商定 · ${a.owner} · ${dayLabel(a.dueDate)}前`,
            status: f ? [f.status] : [],
            note: f?.note ?? '',
          };
        }),
      });
    },
  },

  methods: {
    emit(change: (f: FollowUpInput | undefined, a: TalkAction) => FollowUpInput | null, index: number) {
      const open = this.data.open as TalkAction[];
      const target = open[index];
      const current = (this.data.value as FollowUpInput[]).filter((f) => key(f) !== key(target));
      const next = change(
        (this.data.value as FollowUpInput[]).find((f) => key(f) === key(target)),
        target,
      );
      this.triggerEvent('change', { followUps: next ? [...current, next] : current });
    },

    onStatus(e: WechatMiniprogram.CustomEvent<{ value: FollowUpStatus[] }, Record<string, never>, { index: number }>) {
      const status = e.detail.value[0];
      this.emit((f, a) => (status ? { talkId: a.talkId, actionId: a.id, status, note: f?.note ?? null } : null), Number(e.currentTarget.dataset.index));
    },

    onNote(e: WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { index: number }>) {
      const note = e.detail.value.trim() || null;
      this.emit((f, a) => (f ? { ...f, note } : { talkId: a.talkId, actionId: a.id, status: 'not_done', note }), Number(e.currentTarget.dataset.index));
    },
  },
});
