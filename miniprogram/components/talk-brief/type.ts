import type { ChildTalkBrief } from '../../../typings/actions/talks';

// a type, not an interface: Component() wants properties it can index
export type TalkBriefProps = {
  /** what children.get answers of the care work (ChildDetail.talks) */
  brief: { type: ObjectConstructor; value: ChildTalkBrief | null };
  childId: { type: StringConstructor; value: string };
};
