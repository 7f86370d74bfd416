import { verifyLedger } from '../modules/accounts/index.ts';
import { openRuntime } from '../runtime.ts';
import { parseCommandArgs, print, printError } from './args.ts';

/**
 * `huoban ledger verify [--data-dir D]`: recomputes every balance from the ledger entries and
 * prints each difference; exit code 1 when there is any, so cron jobs and CI can alert on it.
 */
export async function ledgerCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { 'data-dir': { type: 'string' } });
  if (positionals[0] !== 'verify' || positionals.length !== 1) {
    printError('Usage: huoban ledger verify [--data-dir D]');
    return 1;
  }
  const runtime = await openRuntime({ dataDir: values['data-dir'] });
  try {
    const result = await verifyLedger(runtime.database.db);
    for (const difference of result.differences) {
      switch (difference.type) {
        case 'balance':
          print(
            `account ${difference.accountId}: balance ${difference.stored}, entries sum to ${difference.computed}`,
          );
          break;
        case 'unbalanced_transaction':
          print(`transaction ${difference.transactionId}: entries sum to ${difference.sum}`);
          break;
        case 'negative_balance':
          print(`account ${difference.accountId}: balance ${difference.balance} below zero`);
          break;
      }
    }
    print(
      `Ledger: ${result.accounts} accounts, ${result.transactions} transactions, ${result.differences.length} differences.`,
    );
    return result.differences.length === 0 ? 0 : 1;
  } finally {
    await runtime.close();
  }
}
