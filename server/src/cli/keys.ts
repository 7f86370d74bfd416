import { createAccessKeyFor } from '../platform/auth/index.ts';
import { accountDirectory } from '../modules/partners/index.ts';
import { openRuntime } from '../runtime.ts';
import { parseCommandArgs, print } from './args.ts';

/**
 * `huoban keys create --account-name N [--user-name U] [--description T] [--json] [--data-dir D]`:
 * creates an AK/SK for the account owner (or member U) and prints the secret key once.
 */
export async function keysCommand(args: string[]): Promise<number> {
  const [action, ...rest] = args;
  if (action !== 'create')
    throw new Error('Usage: huoban keys create --account-name N [--user-name U]');
  const { values } = parseCommandArgs(rest, {
    'account-name': { type: 'string' },
    'user-name': { type: 'string' },
    description: { type: 'string' },
    json: { type: 'boolean', default: false },
    'data-dir': { type: 'string' },
  });
  const accountName = values['account-name'];
  if (!accountName) throw new Error('keys create needs --account-name.');
  const runtime = await openRuntime({ dataDir: values['data-dir'] });
  try {
    const credential = await accountDirectory.findLoginCredential(
      runtime.database.db,
      accountName,
      values['user-name'],
    );
    if (!credential)
      throw new Error(
        `No user '${values['user-name'] ?? accountName}' in account '${accountName}'.`,
      );
    const key = await createAccessKeyFor(
      runtime.database.db,
      runtime.keyring,
      credential.ref,
      values.description ?? 'created with huoban keys create',
      runtime.clock.now(),
    );
    if (values.json) {
      print(
        JSON.stringify({
          access_key: key.accessKey,
          secret_key: key.secretKey,
          domain_id: credential.ref.partnerId,
        }),
      );
    } else {
      print(`AK ${key.accessKey}`);
      print(`SK ${key.secretKey}   (shown once; store it now)`);
    }
    return 0;
  } finally {
    await runtime.close();
  }
}
