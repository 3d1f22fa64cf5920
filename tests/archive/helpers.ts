import { idCheckChar } from '../../cloudfunctions/core/archive/idcard';

/** A valid ID number for a birth date and gender (sequence 12x, check character computed). */
export function makeId(birthDate: string, gender: 'male' | 'female', area = '410102', seq = '12'): string {
  const first17 = `${area}${birthDate.replace(/-/g, '')}${seq}${gender === 'male' ? 1 : 2}`;
  return first17 + idCheckChar(first17);
}
