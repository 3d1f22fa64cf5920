/**
 * <pending-visits>: the visits saved on the phone and not sent yet (no signal, or refused), each with why; emits
 * `resend` and `discard` { id }.
 *
 *   <pending-visits items="{{pending}}" sending="{{sending}}" bind:resend="onResend" bind:discard="onDiscard" />
 */
import props from './props';

type Tap = WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>;

Component({
  properties: props,

  methods: {
    onResend() {
      this.triggerEvent('resend');
    },

    onDiscard(e: Tap) {
      this.triggerEvent('discard', { id: e.currentTarget.dataset.id });
    },
  },
});
