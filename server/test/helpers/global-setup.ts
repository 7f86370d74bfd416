import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import pg from 'pg';
import type { PGlite } from '@electric-sql/pglite';
import { migrationsFolder, openDatabase } from '../../src/platform/db/index.ts';
import { jobQueues } from '../../src/jobs.ts';
import { migrateTestDatabase, testDriver, withDatabase } from './database.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** File holding a migrated PGlite data directory dump (PGlite runs). */
    pgliteTemplateFile: string;
    /** Name of a migrated PostgreSQL database that test databases are copied from. */
    postgresTemplateDatabase: string;
  }
}

/**
 * A fingerprint of the migrations and the job queues, so a template is rebuilt whenever a
 * migration or a queue's policy changes.
 */
function migrationsFingerprint(): string {
  const hash = createHash('sha256');
  for (const file of readdirSync(migrationsFolder, { recursive: true }).map(String).sort()) {
    if (file.endsWith('.sql') || file.endsWith('.json')) {
      hash.update(file).update(readFileSync(path.join(migrationsFolder, file)));
    }
  }
  hash.update(JSON.stringify(jobQueues));
  return hash.digest('hex').slice(0, 16);
}

async function buildPgliteTemplate(fingerprint: string): Promise<string> {
  const file = path.join(tmpdir(), `huoban-pglite-template-${fingerprint}-${process.pid}.tar`);
  const handle = await openDatabase({});
  await migrateTestDatabase(handle);
  const client = (handle.db as unknown as { $client: PGlite }).$client;
  const dump = await client.dumpDataDir('none');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await handle.close();
  return file;
}

async function buildPostgresTemplate(adminUrl: string, fingerprint: string): Promise<string> {
  const name = `huoban_template_${fingerprint}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const existing = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (existing.rowCount === 0) {
      const building = `${name}_${process.pid}`;
      await admin.query(`create database ${building}`);
      const handle = await openDatabase({ url: withDatabase(adminUrl, building), poolSize: 1 });
      await migrateTestDatabase(handle);
      await handle.close();
      try {
        await admin.query(`alter database ${building} rename to ${name}`);
      } catch {
        await admin.query(`drop database if exists ${building}`);
      }
    }
  } finally {
    await admin.end();
  }
  return name;
}

/**
 * Migrates one template database per run; every test file then starts from a copy of it, which is
 * much faster than migrating a fresh cluster per file and still gives each file its own database.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const fingerprint = migrationsFingerprint();
  if (testDriver === 'postgres') {
    const adminUrl = process.env.HUOBAN_TEST_PG_URL;
    if (!adminUrl) throw new Error('HUOBAN_TEST_DB=postgres needs HUOBAN_TEST_PG_URL');
    project.provide('postgresTemplateDatabase', await buildPostgresTemplate(adminUrl, fingerprint));
    project.provide('pgliteTemplateFile', '');
    return () => undefined;
  }
  const file = await buildPgliteTemplate(fingerprint);
  project.provide('pgliteTemplateFile', file);
  project.provide('postgresTemplateDatabase', '');
  return () => rmSync(file, { force: true });
}
