import { expect, it } from 'vitest';
import { maskAddress, maskBirthDate, maskCustomerName, maskIdNo, maskPhone } from '../../../../shared/masking.js';

// a name whose customer type is not known is masked by its look
const maskName = (name: string | null) => maskCustomerName(name, null);

it('masks person names: first and last character kept, one star per hidden character', () => {
  expect(maskName('张秀英')).toBe('张*英');
  expect(maskName('张三')).toBe('张*');
  expect(maskName('欧阳小明')).toBe('欧**明');
  expect(maskName('王')).toBe('*');
  expect(maskName('')).toBe('');
  // a character outside the BMP is one character, not two halves
  expect(maskName('𠈌小明')).toBe('𠈌*明');
});

it('masks company names keeping the first 2 and last 4 characters', () => {
  expect(maskName('泉州某某贸易有限公司')).toBe('泉州****有限公司');
  expect(maskName('泉州鑫达贸易有限公司')).toBe('泉州****有限公司');
  // a short business name still hides at least two characters
  expect(maskName('某某商店')).toBe('某**店');
  expect(maskCustomerName('张记小吃店', '个体工商户')).toBe('张**吃店');
  // a person whose name happens to end like a business is masked as a person
  expect(maskCustomerName('欧阳德行', '个人')).toBe('欧**行');
});

it('masks by the customer type before the look of the name', () => {
  // 5 characters, no business word: looks like a person (1 + 3 stars + 1) …
  expect(maskName('林国栋建材')).toBe('林***材');
  // … but a 个体工商户 keeps the last two as a business does: head 1, tail min(2, 5−1−2) = 2
  expect(maskCustomerName('林国栋建材', '个体工商户')).toBe('林**建材');
  // 8 characters look like a company (first 2, last 4) unless the customer is a person
  expect(maskName('阿依古丽·买买提')).toBe('阿依**·买买提');
  expect(maskCustomerName('阿依古丽·买买提', '个人')).toBe('阿******提');
});

it('masks phones, ID numbers, addresses and birth dates', () => {
  expect(maskPhone('13800000001')).toBe('138****0001');
  expect(maskPhone('+8613800000009')).toBe('+86*******0009');
  expect(maskIdNo('350502199001011234')).toBe('350502********1234');
  expect(maskIdNo('35050219850801223X')).toBe('350502********223X');
  expect(maskAddress('福建省泉州市鲤城区开元街道1号')).toBe('福建省泉州市****');
  expect(maskBirthDate('1990-01-01')).toBe('1990');
});

it('keeps null as null', () => {
  expect(maskName(null)).toBeNull();
  expect(maskPhone(null)).toBeNull();
  expect(maskIdNo(null)).toBeNull();
  expect(maskAddress(null)).toBeNull();
  expect(maskBirthDate(undefined)).toBeNull();
  expect(maskCustomerName(null, '个人')).toBeNull();
});
