/**
 * <confirm-dialog>: asks before something that cannot be taken back (移除身份, 撤销邀请, 撤销班级, 结束结对, 取消通话), or
 * before a confirmation that needs a look first (theme="primary": 联系卡无变化). Two full-width buttons, the confirming
 * one red unless `theme` says otherwise; what is put inside it shows under the content (e.g. the card read out).
 * Emits `confirm` or `cancel` (also on a tap beside it, unless busy).
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
