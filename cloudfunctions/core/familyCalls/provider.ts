/**
 * The video call itself, behind one small interface. In-app VoIP (wx.join1v1Chat, 小程序音视频通话) needs an
 * account that qualifies for it and the plugin enabled; set FAMILY_CALL_VOIP=1 in the api function's environment
 * then. Otherwise ('manual') the teacher places an ordinary WeChat video call from the room's device, and the app
 * does the booking, the reminders, the check-in and the log around it. The log works the same either way.
 */
import type { BindingRecord, CallDevice, FamilyCallOccurrence } from '../../../typings/domain';
import type { JoinInfo } from '../../../typings/actions/familyCalls';

export interface CallProvider {
  kind: 'wechat-voip' | 'manual';
  joinInfo(call: FamilyCallOccurrence, ctx: JoinContext): JoinInfo;
}

export interface JoinContext {
  device: CallDevice | null;
  parents: Pick<BindingRecord, 'openid' | 'label'>[];
  childName: string;
  /** The caller's side: the teacher at the device, or a parent waiting for the call. */
  side: 'teacher' | 'parent';
}

export const voipProvider: CallProvider = {
  kind: 'wechat-voip',
  joinInfo(call, ctx) {
    return {
      kind: 'wechat-voip',
      roomType: 'video',
      // The page passes these to wx.join1v1Chat as the listener (one parent per call: the page lets the teacher pick).
      listener: ctx.side === 'teacher' ? ctx.parents.map((p) => ({ openid: p.openid, nickname: p.label })) : [],
      hint: ctx.side === 'teacher' ? `点「发起视频」在小程序内呼叫家长（${call.minutes}分钟）` : '到时间后老师会在小程序内呼叫您，请保持微信在线',
    };
  },
};

export const manualProvider: CallProvider = {
  kind: 'manual',
  joinInfo(call, ctx) {
    const device = ctx.device ? `${ctx.device.name}${ctx.device.wechatName ? `（微信：${ctx.device.wechatName}）` : ''}` : '关爱室的设备';
    const names = ctx.parents.map((p) => p.label).join('、') || '家长';
    if (ctx.side === 'parent') {
      return {
        kind: 'manual',
        steps: [`到时间后，老师会用${device}给您打微信视频，请保持微信在线并接听。`, `通话约 ${call.minutes} 分钟。`, '如果时间不方便，请提前申请改期。'],
      };
    }
    return {
      kind: 'manual',
      steps: [`带${ctx.childName}到关爱室，打开${device}。`, `用微信视频呼叫${names}。`, `通话约 ${call.minutes} 分钟，结束后回到这里登记结果。`],
    };
  },
};

export function providerFor(setting: (name: string) => string | undefined): CallProvider {
  return setting('FAMILY_CALL_VOIP') === '1' ? voipProvider : manualProvider;
}
