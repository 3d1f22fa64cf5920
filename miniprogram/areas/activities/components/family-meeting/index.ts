/**
 * <family-meeting>: a parent meeting as the invited family sees it — when, where, what about, and their own
 * sign-in: 签到 on the meeting's day (emits `checkin`), otherwise why not. Nothing about other families.
 */
import props from './props';

Component({
  properties: props,

  methods: {
    onCheckIn() {
      if (!this.data.busy) this.triggerEvent('checkin');
    },
  },
});
