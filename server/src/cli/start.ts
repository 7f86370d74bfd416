import { existsSync } from 'node:fs';
import { buildRuntimeApp, openRuntime, startJobRunner } from '../runtime.ts';
import { parseCommandArgs, print } from './args.ts';

/** `huoban start [--port 8080] [--data-dir ./data] [--host 0.0.0.0] [--demo]` */
export async function startCommand(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, {
    port: { type: 'string' },
    host: { type: 'string' },
    'data-dir': { type: 'string' },
    demo: { type: 'boolean', default: false },
  });
  const runtime = await openRuntime({
    port: values.port ? Number.parseInt(values.port, 10) : undefined,
    host: values.host,
    dataDir: values['data-dir'],
  });
  if (values.demo) {
    const { seedDemoIfEmpty } = await import('./seed.ts');
    await seedDemoIfEmpty(runtime);
  }
  const app = await buildRuntimeApp(runtime);
  const address = await app.listen({ port: runtime.config.port, host: runtime.config.host });
  const jobs = await startJobRunner(runtime, app.log);
  const url = address.replace('0.0.0.0', '127.0.0.1').replace('[::]', '127.0.0.1');
  print(
    `Huoban is running on ${runtime.config.databaseUrl ? 'PostgreSQL' : `PGlite (${runtime.config.dataDir})`}`,
  );
  print(`  API:     ${url}/v2/…  (OpenAPI ${url}/openapi.json, docs ${url}/docs)`);
  print(
    existsSync(runtime.config.consoleDir)
      ? `  Console: ${url}/`
      : '  Console: not built (run `npm run build` to serve it here)',
  );
  print('  Jobs:    background workers running in this process');
  const shutdown = async () => {
    await jobs.stop();
    await app.close();
    await runtime.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
  await new Promise(() => undefined);
  return 0;
}
