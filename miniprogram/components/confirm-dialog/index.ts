/**
 * <confirm-dialog>: asks before something that cannot be taken back (移除身份, 撤销邀请, 撤销班级...). Two full-width
 * buttons, the confirming one red; emits `confirm` or `cancel` (also on a tap beside it, unless busy).
 *
 *   <confirm-dialog class="confirm" visible="{{confirm.visible}}" title="移除身份" content="确定移除…吗？" confirm-text="确认移除"
 *                   busy="{{confirm.busy}}" bind:confirm="onConfirmOk" bind:cancel="onConfirmCancel" />
 */
import props from './props';

Component({
  properties: props,

  methods: {
    onConfirm() {
      if (!this.data.busy) this.triggerEvent('confirm');
    },

    onCancel() {
      if (!this.data.busy) this.triggerEvent('cancel');
    },
  },
});
