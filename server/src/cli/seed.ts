import { createAccessKeyFor } from '../platform/auth/index.ts';
import { hashPassword } from '../platform/auth/passwords.ts';
import {
  createOperatorAccount,
  createPartner,
  createProgram,
  isInstallationEmpty,
  type PartnerType,
} from '../modules/partners/index.ts';
import {
  changeMemberPassword,
  createMember,
  listRoles,
  PresetRoleCodes,
} from '../modules/org/index.ts';
import {
  applyForDisassociation,
  assignAccountManager,
  createSubCustomer,
  customerDirectory,
  createPreregistration,
  generateOfflineLink,
  sendEmailInvitations,
  updateCustomerProfile,
} from '../modules/customers/index.ts';
import { DAY_MS, HOUR_MS } from '../platform/clock/index.ts';
import { createMailer } from '../platform/mail/index.ts';
import {
  requirePrincipal,
  type AuthenticatedContext,
  type ServiceContext,
} from '../platform/http/context.ts';
import { openRuntime, type Runtime } from '../runtime.ts';
import { parseCommandArgs, print } from './args.ts';
import { cliContext, ownerPrincipal } from './context.ts';
import { seedDemoBudgets } from './seed-budgets.ts';
import { seedDemoCoupons } from './seed-coupons.ts';
import { seedDemoFunds } from './seed-funds.ts';

/** One password for every demo login, so the README and the browser tests can name it. */
export const DEMO_PASSWORD = 'Huoban@2026';

export interface SeededAccount {
  type: 'operator' | Exclude<PartnerType, 'operator'>;
  account_name: string;
  domain_id: string;
  password: string;
  access_key: string;
  secret_key: string;
  xaccount_type: string;
}

export interface SeededMember {
  account_name: string;
  user_name: string;
  role: string;
  password: string;
}

/** A demo customer the browser tests and the README can name. */
export interface SeededCustomer {
  account_name: string;
  customer_id: string;
  /** The account name of the partner the customer is associated with. */
  partner: string;
}

/** How many customers each partner got, for the printed summary. */
export interface SeededCustomerCounts {
  partner: string;
  total: number;
  resale: number;
  referral: number;
  assigned: number;
}

/** The demo customer that can sign in to the customer portal (`/portal/login`). */
export interface SeededCustomerLogin {
  account_name: string;
  password: string;
}

export interface DemoSeed {
  accounts: SeededAccount[];
  members: SeededMember[];
  customers: SeededCustomer[];
  customerCounts: SeededCustomerCounts[];
  customerLogin: SeededCustomerLogin;
}

/** A公司's resale customer (by position) that signs in to the portal and holds demo funds. */
const FUNDED_PORTAL_CUSTOMER = 2;

/** A公司's customers: [account name, company name]; labels and managers follow from the position. */
const companyCustomers: readonly (readonly [string, string])[] = [
  ['hz_tea_tech', '杭州茶语科技有限公司'],
  ['sz_smart_fab', '深圳智造电子有限公司'],
  ['bj_edu_cloud', '北京育才教育科技有限公司'],
  ['sh_fin_data', '上海汇金数据服务有限公司'],
  ['gz_fresh_mart', '广州鲜达零售连锁有限公司'],
  ['cd_game_studio', '成都熊猫互娱网络科技有限公司'],
  ['wh_optics', '武汉光谷光电有限公司'],
  ['nj_med_health', '南京康宁医疗信息有限公司'],
  ['xa_aero_parts', '西安航翼精密部件有限公司'],
  ['cq_auto_link', '重庆车联智行科技有限公司'],
  ['tj_port_logi', '天津港通物流有限公司'],
  ['qd_beer_trade', '青岛海风酒业贸易有限公司'],
  ['xm_travel_go', '厦门鹭岛旅游服务有限公司'],
  ['sz_pay_wallet', '深圳速付支付科技有限公司'],
  ['hz_live_shop', '杭州直播优选电子商务有限公司'],
  ['bj_ai_vision', '北京视界人工智能有限公司'],
  ['sh_fashion_co', '上海锦绣服饰有限公司'],
  ['gz_food_chain', '广州味道餐饮管理有限公司'],
  ['cs_media_lab', '长沙芒果传媒实验室有限公司'],
  ['zz_grain_agri', '郑州中原粮农科技有限公司'],
  ['hf_new_energy', '合肥新能动力电池有限公司'],
  ['fz_tea_export', '福州闽茶出口贸易有限公司'],
  ['km_flower_net', '昆明花城网络科技有限公司'],
  ['sy_heavy_mach', '沈阳重工机械制造有限公司'],
  ['dl_sea_food', '大连海鲜冷链物流有限公司'],
  ['nb_port_trade', '宁波港城国际贸易有限公司'],
  ['wx_iot_sensor', '无锡物联传感技术有限公司'],
  ['su_silk_home', '苏州丝绸家居用品有限公司'],
  ['jn_law_office', '济南明德律师事务所'],
  ['hrb_ice_sport', '哈尔滨冰雪运动文化有限公司'],
  ['ty_coal_it', '太原晋能信息技术有限公司'],
  ['nn_fruit_farm', '南宁绿野水果种植合作社'],
  ['gy_big_data', '贵阳云上大数据有限公司'],
  ['lz_noodle_co', '兰州一清拉面连锁有限公司'],
  ['hk_cross_pay', '海口跨境支付服务有限公司'],
  ['nc_pharma_lab', '南昌赣药生物医药有限公司'],
  ['sjz_build_mat', '石家庄冀建建材有限公司'],
  ['yc_wine_estate', '银川贺兰山葡萄酒庄有限公司'],
  ['xn_plateau_eco', '西宁高原生态旅游有限公司'],
  ['ls_travel_inn', '拉萨圣城客栈管理有限公司'],
];

const resellerCustomers: Record<string, readonly (readonly [string, string])[]> = {
  reseller_one: [
    ['r1_bakery_chain', '苏州麦香烘焙连锁有限公司'],
    ['r1_dental_care', '无锡皓齿口腔门诊部'],
    ['r1_print_shop', '常州彩印广告有限公司'],
  ],
  reseller_two: [
    ['r2_pet_clinic', '佛山宠爱动物医院'],
    ['r2_hotel_group', '珠海海湾酒店管理有限公司'],
    ['r2_tutor_online', '东莞学霸在线教育有限公司'],
  ],
};

const customerLabels = ['重点客户', '制造业', '零售', '教育', '金融', 'SMB', '上云迁移', ''];

/** Where `npm run demo` serves the console; the seeded invitation mails link there. */
const DEMO_CONSOLE_ORIGIN = 'http://127.0.0.1:8080';

/** Customers at these positions stay without an account manager (positions 8 and 9 of every ten). */
const UNASSIGNED_SLOTS = 8;

/** The installation's mailer: the demo's notifications land where a running server's would. */
function demoMailer(runtime: Runtime) {
  return createMailer({ dataDir: runtime.config.dataDir, smtpUrl: runtime.config.smtpUrl });
}

/** A context whose clock stands at `at`, so a customer's association date spreads over past months. */
function contextAt(ctx: ServiceContext, at: Date): ServiceContext {
  return { ...ctx, clock: { now: () => at } };
}

/** A公司's organisation from the seed document (§1.6): CEO (owner), finance, SA, 2 supervisors × 4 managers. */
const demoMembers: { userName: string; displayName: string; role: string; supervisor?: string }[] =
  [
    { userName: 'finance01', displayName: '财务专员 Fiona', role: PresetRoleCodes.FINANCE },
    { userName: 'sa01', displayName: 'SA专人 Sam', role: PresetRoleCodes.SA },
    {
      userName: 'supervisor_a',
      displayName: '客户经理主管 甲',
      role: PresetRoleCodes.AM_SUPERVISOR,
    },
    {
      userName: 'supervisor_b',
      displayName: '客户经理主管 乙',
      role: PresetRoleCodes.AM_SUPERVISOR,
    },
    ...['a1', 'a2', 'a3', 'a4', 'b1', 'b2', 'b3', 'b4'].map((suffix) => ({
      userName: `am_${suffix}`,
      displayName: `客户经理 ${suffix.toUpperCase()}`,
      role: PresetRoleCodes.ACCOUNT_MANAGER,
      supervisor: `supervisor_${suffix[0] ?? 'a'}`,
    })),
  ];

async function issueKey(runtime: Runtime, partnerId: string, ownerId: string) {
  return createAccessKeyFor(
    runtime.database.db,
    runtime.keyring,
    { type: 'member', id: ownerId, partnerId },
    'demo key',
    runtime.clock.now(),
  );
}

/**
 * Creates the demo world: the operator, the programmes, the solution provider "A公司" with its
 * organisation, a tier-1 distributor with two resellers, and an AK/SK for every account owner.
 */
export async function seedDemo(runtime: Runtime): Promise<DemoSeed> {
  const { db } = runtime.database;
  const operatorAccount = await createOperatorAccount(db, runtime.clock, {
    name: 'huoban_operator',
    companyName: 'Huoban Cloud 运营',
    email: 'operator@huoban.example',
    password: DEMO_PASSWORD,
  });
  const operatorCtx = cliContext(
    runtime,
    await ownerPrincipal(runtime, operatorAccount.partner.id, operatorAccount.owner.id),
  );
  const csp = await createProgram(operatorCtx, {
    code: 'csp',
    name: '解决方案提供商计划 (Cloud Solution Provider)',
    partnerType: 'solution_provider',
    isOpenForSignUp: true,
  });
  const distribution = await createProgram(operatorCtx, {
    code: 'distribution',
    name: '总经销商计划 (Distributor, invitation only)',
    partnerType: 'tier1_distributor',
    isOpenForSignUp: false,
  });
  const resale = await createProgram(operatorCtx, {
    code: 'reseller',
    name: '云经销商计划 (Reseller)',
    partnerType: 'reseller',
    isOpenForSignUp: true,
  });

  const company = await createPartner(operatorCtx, {
    name: 'a_company',
    companyName: 'A公司 (A Company Ltd.)',
    partnerType: 'solution_provider',
    email: 'ceo@a-company.example',
    phone: '13800000001',
    programId: csp.id,
    password: DEMO_PASSWORD,
  });
  const distributor = await createPartner(operatorCtx, {
    name: 't1_distributor',
    companyName: '一级经销商 (Tier-1 Distribution Co.)',
    partnerType: 'tier1_distributor',
    email: 'owner@t1-distributor.example',
    programId: distribution.id,
    password: DEMO_PASSWORD,
  });
  const resellers = [];
  for (const [name, companyName] of [
    ['reseller_one', '云经销商一 (Reseller One)'],
    ['reseller_two', '云经销商二 (Reseller Two)'],
  ] as const) {
    resellers.push(
      await createPartner(operatorCtx, {
        name,
        companyName,
        partnerType: 'reseller',
        email: `owner@${name.replace('_', '-')}.example`,
        programId: resale.id,
        parentPartnerId: distributor.partner.id,
        password: DEMO_PASSWORD,
      }),
    );
  }

  const companyCtx = cliContext(
    runtime,
    await ownerPrincipal(runtime, company.partner.id, company.owner.id),
  );
  const roles = await listRoles(companyCtx);
  const roleIdOf = (code: string) => {
    const role = roles.find((candidate) => candidate.code === code);
    if (!role) throw new Error(`preset role ${code} missing`);
    return role.id;
  };
  const demoPasswordHash = await hashPassword(DEMO_PASSWORD);
  const seededMembers: SeededMember[] = [];
  const idsByUserName = new Map<string, string>();
  for (const member of demoMembers) {
    const supervisorId = member.supervisor ? idsByUserName.get(member.supervisor) : undefined;
    const created = await createMember(companyCtx, {
      userName: member.userName,
      displayName: member.displayName,
      email: `${member.userName}@a-company.example`,
      password: DEMO_PASSWORD,
      roleIds: [roleIdOf(member.role)],
      supervisorId,
    });
    idsByUserName.set(member.userName, created.id);
    // Demo logins should open the console at once; real members still change the first password.
    await changeMemberPassword(
      db,
      company.partner.id,
      created.id,
      demoPasswordHash,
      runtime.clock.now(),
    );
    seededMembers.push({
      account_name: company.partner.name,
      user_name: member.userName,
      role: member.role,
      password: DEMO_PASSWORD,
    });
  }

  const accounts: SeededAccount[] = [];
  const owners = [
    { type: 'operator' as const, account: operatorAccount },
    { type: 'solution_provider' as const, account: company },
    { type: 'tier1_distributor' as const, account: distributor },
    ...resellers.map((account) => ({ type: 'reseller' as const, account })),
  ];
  for (const { type, account } of owners) {
    const key = await issueKey(runtime, account.partner.id, account.owner.id);
    accounts.push({
      type,
      account_name: account.partner.name,
      domain_id: account.partner.id,
      password: DEMO_PASSWORD,
      access_key: key.accessKey,
      secret_key: key.secretKey,
      xaccount_type: account.partner.xaccountType,
    });
  }
  const now = runtime.clock.now().getTime();
  const customerCounts: SeededCustomerCounts[] = [];
  const seededCustomers: SeededCustomer[] = [];
  // A公司: every fifth customer is a referral; positions 0–7 of every ten go to am_a1…am_b4.
  const managerNames = demoMembers
    .filter((member) => member.role === PresetRoleCodes.ACCOUNT_MANAGER)
    .map((member) => member.userName);
  const batches = new Map<string, string[]>();
  const companyCustomerIds: string[] = [];
  for (const [index, [accountName, customerName]] of companyCustomers.entries()) {
    const created = await createSubCustomer(
      contextAt(companyCtx, new Date(now - (index * 4 + 1) * DAY_MS - (index % 7) * HOUR_MS)),
      {
        domainName: accountName,
        xaccountId: `demo-${accountName}`,
        xaccountType: company.partner.xaccountType,
        cooperationType: index % 5 === 0 ? '1' : '2',
        // The first customer signs in to the customer portal with the demo password; so does
        // the third, the first resale one, which A公司 funds (its balance shows on 余额).
        password: index === 0 || index === FUNDED_PORTAL_CUSTOMER ? DEMO_PASSWORD : undefined,
      },
    );
    await updateCustomerProfile(companyCtx, {
      customerId: created.domainId,
      customerName,
      label: customerLabels[index % customerLabels.length],
    });
    companyCustomerIds.push(created.domainId);
    const manager = managerNames[index % 10];
    if (manager && index % 10 < UNASSIGNED_SLOTS) {
      batches.set(manager, [...(batches.get(manager) ?? []), created.domainId]);
    }
    if (index < 3 || index === UNASSIGNED_SLOTS) {
      seededCustomers.push({
        account_name: created.domainName,
        customer_id: created.domainId,
        partner: company.partner.name,
      });
    }
  }
  for (const [userName, customerIds] of batches) {
    const memberId = idsByUserName.get(userName);
    if (memberId) await assignAccountManager(companyCtx, { customerIds, memberId });
  }
  // The second customer has applied to leave A公司: its request waits in 管理关联记录 (SM-4).
  const leavingId = companyCustomerIds[1] ?? '';
  const leaving = await customerDirectory.loadPrincipal(
    db,
    { type: 'customer', id: leavingId, partnerId: company.partner.id },
    'session',
  );
  if (!leaving) throw new Error('the demo customer who applies for disassociation is missing');
  await applyForDisassociation(cliContext(runtime, leaving), demoMailer(runtime), {
    reason: '公司业务调整，改为直接向华为云采购',
    acknowledged: true,
  });
  // 客户拓展 (P-10): two pre-registered prospects, e-mail invitations waiting for an answer and
  // am_a1's offline link, so the page shows each tab with data. The seed runs without a server,
  // so the mailed links name the demo's default address.
  await createPreregistration(companyCtx, {
    customerName: '星河智造科技有限公司',
    contactName: '周敏',
    email: 'zhoumin@xinghe.example.com',
    associationType: '2',
  });
  await createPreregistration(companyCtx, {
    customerName: '青禾农业发展有限公司',
    contactName: '陈立',
    mobile: '13900001234',
    associationType: '2',
  });
  await sendEmailInvitations(
    companyCtx,
    {
      emails: ['it@xinghe.example.com', 'admin@qinghe.example.com'],
      associationType: '2',
      origin: DEMO_CONSOLE_ORIGIN,
    },
    demoMailer(runtime),
  );
  const amA1 = idsByUserName.get('am_a1');
  if (amA1) {
    await generateOfflineLink(
      cliContext(runtime, await ownerPrincipal(runtime, company.partner.id, amA1)),
      '2',
    );
  }
  const referrals = companyCustomers.filter((_, index) => index % 5 === 0).length;
  customerCounts.push({
    partner: company.partner.name,
    total: companyCustomers.length,
    resale: companyCustomers.length - referrals,
    referral: referrals,
    assigned: [...batches.values()].reduce((sum, ids) => sum + ids.length, 0),
  });

  // The distributor creates its resellers' customers (the open API's indirect_partner_id).
  const distributorCtx = cliContext(
    runtime,
    await ownerPrincipal(runtime, distributor.partner.id, distributor.owner.id),
  );
  for (const reseller of resellers) {
    const resellerCtx = cliContext(
      runtime,
      await ownerPrincipal(runtime, reseller.partner.id, reseller.owner.id),
    );
    const list = resellerCustomers[reseller.partner.name] ?? [];
    for (const [index, [accountName, customerName]] of list.entries()) {
      const created = await createSubCustomer(
        contextAt(distributorCtx, new Date(now - (index * 9 + 2) * DAY_MS)),
        {
          domainName: accountName,
          xaccountId: `demo-${accountName}`,
          xaccountType: reseller.partner.xaccountType,
          cooperationType: '2',
          indirectPartnerId: reseller.partner.id,
        },
      );
      await updateCustomerProfile(resellerCtx, {
        customerId: created.domainId,
        customerName,
        label: 'SMB',
      });
      if (index === 0) {
        seededCustomers.push({
          account_name: created.domainName,
          customer_id: created.domainId,
          partner: reseller.partner.name,
        });
      }
    }
    customerCounts.push({
      partner: reseller.partner.name,
      total: list.length,
      resale: list.length,
      referral: 0,
      assigned: 0,
    });
  }
  const authenticated = (ctx: ServiceContext): AuthenticatedContext => ({
    ...ctx,
    principal: requirePrincipal(ctx),
  });
  const money = {
    operator: authenticated(operatorCtx),
    company: { partnerId: company.partner.id, ctx: authenticated(companyCtx) },
    distributor: { partnerId: distributor.partner.id, ctx: authenticated(distributorCtx) },
    // Resale customers still associated: not referrals (every fifth) nor the one leaving.
    companyResaleCustomerIds: companyCustomerIds.filter(
      (id, index) => index % 5 !== 0 && id !== leavingId,
    ),
    resellerIds: resellers.map((reseller) => reseller.partner.id),
  };
  await seedDemoFunds(money);
  await seedDemoCoupons(money);
  await seedDemoBudgets(money);
  const [firstCustomer] = companyCustomers;
  return {
    accounts,
    members: seededMembers,
    customers: seededCustomers,
    customerCounts,
    customerLogin: { account_name: firstCustomer?.[0] ?? '', password: DEMO_PASSWORD },
  };
}

export function printDemoLogins(seed: DemoSeed): void {
  print('Demo accounts (console: account name + password; API: AK/SK):');
  for (const account of seed.accounts) {
    print(
      `  ${account.type.padEnd(18)} ${account.account_name.padEnd(16)} password ${account.password}  AK ${account.access_key}  SK ${account.secret_key}`,
    );
  }
  print('Members of a_company (IAM user login: account a_company + user name + password):');
  for (const member of seed.members) {
    print(`  ${member.user_name.padEnd(14)} ${member.role.padEnd(16)} password ${member.password}`);
  }
  print('Customers (resale / referral; with an account manager):');
  for (const counts of seed.customerCounts) {
    print(
      `  ${counts.partner.padEnd(16)} ${String(counts.total).padStart(3)} customers (${counts.resale} / ${counts.referral}; ${counts.assigned} assigned)`,
    );
  }
  print(
    `Customer portal (/portal/login): ${seed.customerLogin.account_name} password ${seed.customerLogin.password}`,
  );
  print('Some of them:');
  for (const customer of seed.customers) {
    print(
      `  ${customer.account_name.padEnd(18)} of ${customer.partner.padEnd(14)} id ${customer.customer_id}`,
    );
  }
}

/** Seeds the demo world into an empty database (used by `start --demo`); prints its logins. */
export async function seedDemoIfEmpty(runtime: Runtime): Promise<void> {
  if (!(await isInstallationEmpty(runtime.database.db))) {
    print(`Demo data already present; logins as in README (password ${DEMO_PASSWORD}).`);
    return;
  }
  printDemoLogins(await seedDemo(runtime));
}

/** `huoban seed --demo [--json] [--data-dir D]` */
export async function seedCommand(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, {
    demo: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    'data-dir': { type: 'string' },
  });
  if (!values.demo) throw new Error('Only `huoban seed --demo` exists: pass --demo.');
  const runtime = await openRuntime({ dataDir: values['data-dir'] });
  try {
    if (!(await isInstallationEmpty(runtime.database.db))) {
      throw new Error('The database already has accounts; seed --demo needs an empty database.');
    }
    const seed = await seedDemo(runtime);
    if (values.json) {
      print(
        JSON.stringify({
          accounts: seed.accounts,
          customers: seed.customers,
          customer_login: seed.customerLogin,
        }),
      );
    } else printDemoLogins(seed);
    return 0;
  } finally {
    await runtime.close();
  }
}
