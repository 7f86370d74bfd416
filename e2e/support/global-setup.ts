import { rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { ensureConsoleBuilt, seedDemoTemplate } from './huoban-server.ts';

/** Builds the console and seeds the demo data once for the whole browser run. */
export default async function setup(project: TestProject): Promise<() => void> {
  await ensureConsoleBuilt();
  const template = await seedDemoTemplate();
  project.provide('demoTemplate', template);
  return () => rmSync(template.dataDir, { recursive: true, force: true });
}
