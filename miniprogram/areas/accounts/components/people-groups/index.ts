/**
 * <people-groups>: the people holding a role in the scope, one card per role. Each person has 记录 (their audit log,
 * for admins) and 移除 (take the role away) as buttons; the component only says which was tapped: `audit` { openid }
 * and `revoke` { bindingId }.
 */
import props from './props';

type Tap = WechatMiniprogram.BaseEvent<WechatMiniprogram.IAnyObject, { id?: string; openid?: string }>;

Component({
  properties: props,

  methods: {
    onAudit(e: Tap) {
      const { openid } = e.currentTarget.dataset;
      if (openid) this.triggerEvent('audit', { openid });
    },

    onRevoke(e: Tap) {
      const { id } = e.currentTarget.dataset;
      if (id) this.triggerEvent('revoke', { bindingId: id });
    },
  },
});
