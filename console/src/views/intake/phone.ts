// The phone numbers the service accepts, checked before sending so the resident fixes them at once.

const SEPARATORS = /[\s()（）-]/g;
const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^(0\d{2,3}[2-9]\d{6,7}|[2-9]\d{6,7})$/;

export const PHONE_HINT =
  '联系电话格式不对：请填写 11 位手机号（如 13812345678）或固定电话（如 0546-8123456）。';

/** Whether the service will take this number: a mainland mobile or a landline. */
export function phoneAccepted(value: string): boolean {
  const digits = value.replace(SEPARATORS, '');
  return MOBILE.test(digits) || LANDLINE.test(digits);
}
