import { openRuntime } from '../runtime.ts';
import { parseCommandArgs, print } from './args.ts';

/** `huoban migrate [--data-dir D]`: applies pending migrations, installs the job queues and exits. */
export async function migrateCommand(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, { 'data-dir': { type: 'string' } });
  const runtime = await openRuntime({ dataDir: values['data-dir'] });
  await runtime.close();
  print('Migrations and job queues applied.');
  return 0;
}
