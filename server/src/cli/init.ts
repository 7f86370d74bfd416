import { createOperatorAccount } from '../modules/partners/index.ts';
import { openRuntime } from '../runtime.ts';
import { parseCommandArgs, print } from './args.ts';

/**
 * `huoban init --account-name N --password P [--email E] [--company-name C] [--data-dir D]`:
 * bootstraps the provider's operator account on a new installation.
 */
export async function initCommand(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, {
    'account-name': { type: 'string' },
    password: { type: 'string' },
    email: { type: 'string' },
    'company-name': { type: 'string' },
    'data-dir': { type: 'string' },
  });
  const name = values['account-name'];
  const password = values.password ?? process.env.HUOBAN_OPERATOR_PASSWORD;
  if (!name || !password) {
    throw new Error('init needs --account-name and --password (or HUOBAN_OPERATOR_PASSWORD).');
  }
  const runtime = await openRuntime({ dataDir: values['data-dir'] });
  try {
    const created = await createOperatorAccount(runtime.database.db, runtime.clock, {
      name,
      password,
      email: values.email ?? `${name}@localhost`,
      companyName: values['company-name'] ?? 'Cloud provider operations',
    });
    print(`Operator account '${created.partner.name}' created (domain id ${created.partner.id}).`);
    return 0;
  } finally {
    await runtime.close();
  }
}
