import type { DeviceForm } from '../../services/rooms';

// a type, not an interface: Component() wants properties it can index
export type DeviceFormProps = {
  /** the device as the form holds it */
  device: { type: ObjectConstructor; value: DeviceForm | null };
  /** its place in the room's list (0 for the first): the title says 设备 1, and events carry it as `index` */
  position: { type: NumberConstructor; value: number };
};
