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
import { openRuntime, type Runtime } from '../runtime.ts';
import { parseCommandArgs, print } from './args.ts';
import { cliContext, ownerPrincipal } from './context.ts';

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

export interface DemoSeed {
  accounts: SeededAccount[];
  members: SeededMember[];
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
  return { accounts, members: seededMembers };
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
    if (values.json) print(JSON.stringify({ accounts: seed.accounts }));
    else printDemoLogins(seed);
    return 0;
  } finally {
    await runtime.close();
  }
}
