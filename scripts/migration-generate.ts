import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { typeormOptions } from '../src/database/typeorm-options';
import { fail, withDatabase } from './with-database';

// Compares the entities with the migrated schema and writes the difference as a new migration.
const name = process.argv[2];
if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) fail('usage: npm run migration:generate -- CamelCaseName');

withDatabase(async (url) => {
  const entities = [join(__dirname, '..', 'src', '**', '*.entity.{ts,js}')];
  const dataSource = await new DataSource({ ...typeormOptions(url), entities }).initialize();
  try {
    const { upQueries, downQueries } = await dataSource.driver.createSchemaBuilder().log();
    if (upQueries.length === 0) return void process.stdout.write('The schema already matches the entities\n');
    const stamp = Date.now();
    const lines = (queries: typeof upQueries) =>
      queries.map((q) => `    await queryRunner.query(${JSON.stringify(q.query)});`).join('\n');
    const file = join(__dirname, '..', 'migrations', `${stamp}-${name}.ts`);
    writeFileSync(
      file,
      `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${name}${stamp} implements MigrationInterface {
  name = '${name}${stamp}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${lines(upQueries)}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${lines([...downQueries].reverse())}
  }
}
`,
    );
    process.stdout.write(`Wrote ${file}\n`);
  } finally {
    await dataSource.destroy();
  }
}).catch((error: unknown) => fail(String(error instanceof Error ? error.message : error)));
