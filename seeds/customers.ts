// Customers: mostly 个人, some 个体工商户 and 小微企业, with valid 身份证 numbers of 泉州 districts,
// a few planted data-quality faults (wrong check digit, 10-digit phone) that must only warn.

import { addDays, daysBetween, fromMs, toMs } from './dates.js';
import { pointInSquare } from './geo.js';
import { breakCheckDigit, makeIdNo, makeUscc } from './idcard.js';
import { groupBy } from './group.js';
import type { Bank, Customer, CustType } from './model.js';
import { address, COMPANY_SUFFIX, INDUSTRIES, personName, phone, shopName } from './names.js';
import { BRANCHES } from './orgs.js';
import type { Rng } from './rng.js';

const CUST_TYPES: readonly (readonly [CustType, number])[] = [['个人', 85], ['个体工商户', 10], ['小微企业', 5]];

/** the id number of a person born on `birth`, with a sequence whose parity gives the gender */
function personId(rng: Rng, region: string, birth: string, male: boolean): string {
  const seq = rng.int(0, 499) * 2 + (male ? 1 : 0);
  return makeIdNo(region, birth, seq);
}

function birthDate(rng: Rng, endDate: string): string {
  // Ages 18–85, most between 30 and 60 as in a rural customer base.
  const age = Math.min(85, Math.max(18, Math.round(45 + 13 * rng.normal())));
  const end = toMs(endDate);
  return fromMs(end - (age * 365.25 + rng.int(0, 364)) * 86_400_000);
}

export function buildCustomers(bank: Bank, rng: Rng): void {
  const regions = [...bank.districts.values()].filter((d) => d.name !== '金门县').map((d) => d.code);
  const gridsByBranch = groupBy(bank.grids, (g) => g.branchId);
  // Grids and managers differ in size: a few carry most customers.
  const gridWeights = new Map(bank.grids.map((g) => [g.id, 0.3 + rng.next() * 2]));
  const managerWeights = new Map(bank.staff.map((s) => [s.id, 0.4 + rng.next() * 1.6]));
  const branchWeights = BRANCHES.map((b) => b.weight);
  const n = bank.params.customers;
  for (let i = 0; i < n; i++) {
    const branch = BRANCHES[rng.weighted(branchWeights)];
    const district = bank.districts.get(branch.district)!;
    const managers = bank.managersByBranch.get(branch.id)!;
    const manager = managers[rng.weighted(managers.map((m) => managerWeights.get(m.id)!))];
    const grids = gridsByBranch.get(branch.id)!;
    const grid = rng.chance(0.95) ? grids[rng.weighted(grids.map((g) => gridWeights.get(g.id)!))] : undefined;
    const town = grid?.town ?? '';
    const type = rng.pickWeighted(CUST_TYPES);
    const region = rng.chance(0.88) ? district.code : rng.pick(regions);
    const male = rng.chance(0.52);
    let name: string;
    let idType: Customer['idType'] = '身份证';
    let idNo: string;
    let gender: Customer['gender'] = male ? '男' : '女';
    let birth = birthDate(rng, bank.endDate);
    const person = personName(rng, male);
    if (type === '小微企业') {
      name = `泉州${rng.pick(['鑫', '恒', '荣', '泰', '华', '联', '嘉', '源', '兴', '盛'])}${rng.pick(['达', '丰', '隆', '诚', '安', '发', '宇', '信'])}${rng.pick(COMPANY_SUFFIX)}`;
      idType = '统一社会信用代码';
      idNo = makeUscc('91', region, rng.digits(8) + rng.int(0, 9));
      gender = '';
      birth = '';
    } else if (type === '个体工商户') {
      const industry = rng.pickWeighted(INDUSTRIES.map(([k, w]) => [k, w] as const));
      name = `${branch.district}${shopName(rng, industry, person, town || branch.district).replace(/"/g, '')}`;
      if (rng.chance(0.3)) {
        idType = '统一社会信用代码';
        idNo = makeUscc('92', region, rng.digits(8) + rng.int(0, 9));
        gender = '';
        birth = '';
      } else {
        idNo = personId(rng, region, birth, male);
      }
    } else {
      name = person;
      idNo = personId(rng, region, birth, male);
    }
    const id = `62${String(10_000_000 + i * 7 + rng.int(0, 6))}`;
    let tel = phone(rng);
    if (idType === '身份证' && rng.chance(0.005)) {
      idNo = breakCheckDigit(idNo);
      bank.labels.push({ model: 'data_quality', kind: 'bad_id_check_digit', keys: { cust_id: id }, note: '身份证校验位错误：导入时应告警而非拒绝' });
    }
    if (rng.chance(0.003)) {
      tel = tel.slice(0, 10);
      bank.labels.push({ model: 'data_quality', kind: 'phone_not_11_digits', keys: { cust_id: id }, note: '手机号码只有10位：导入时应告警而非拒绝' });
    }
    const age = birth ? daysBetween(birth, bank.endDate) / 365.25 : 40;
    const openDate = rng.chance(0.01)
      ? addDays(bank.endDate, -rng.int(0, 25))
      : addDays(bank.endDate, -rng.int(30, Math.max(60, Math.floor(Math.min(age - 16, 24) * 365))));
    bank.customers.push({
      seq: i, id, name, type, idType, idNo, gender, birth, phone: tel,
      address: address(rng, branch.district, town || rng.pick(['城区', '新区'])),
      isFarmer: type !== '小微企业' && rng.chance(branch.farmerShare * 1.12),
      orgId: manager.orgId, branchId: branch.id, managerId: manager.id,
      gridId: grid?.id ?? '', point: grid ? pointInSquare(rng, grid.square) : null, openDate, town,
    });
    if (grid) grid.households++;
  }
  // 户数 is the households living in the grid, of which the bank serves a part.
  for (const g of bank.grids) g.households = Math.round(g.households * (1.5 + rng.next() * 2)) + rng.int(5, 40);
}
