/**
 * <contact-list>: whom to call about the child — parents (and where they work), the guardian, the emergency contact —
 * with a tap to call; or that nobody can be reached, and why.
 *
 *   <contact-list card="{{card}}" />
 */
import props from './props';

Component({
  properties: props,

  methods: {
    onCall(e: WechatMiniprogram.BaseEvent<Record<string, never>, { phone: string }>) {
      const phoneNumber = e.currentTarget.dataset.phone;
      if (phoneNumber) wx.makePhoneCall({ phoneNumber });
    },
  },
});
