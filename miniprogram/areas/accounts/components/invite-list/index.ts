/** <invite-list>: the invites sent, with their state; an unused one can be taken back: emits `revoke` { inviteId }. */
import props from './props';

Component({
  properties: props,

  methods: {
    onRevoke(e: WechatMiniprogram.BaseEvent<WechatMiniprogram.IAnyObject, { id?: string }>) {
      const { id } = e.currentTarget.dataset;
      if (id) this.triggerEvent('revoke', { inviteId: id });
    },
  },
});
