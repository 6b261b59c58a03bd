import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import { createTestApp, TestApp } from '../support/test-app';

const run = promisify(execFile);

const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

// The generator's own command line, as CI runs it.
function openapiTypescriptCli(): string {
  const manifest = JSON.parse(readFileSync(join(packageDir('openapi-typescript'), 'package.json'), 'utf8'));
  return join(packageDir('openapi-typescript'), manifest.bin['openapi-typescript'] as string);
}

/** Type errors in `file` and the files it imports from its own folder (the generated `api.d.ts`). */
function typeErrors(file: string): string[] {
  const program = ts.createProgram([file], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    types: [],
    // The temporary folder has no node_modules: the client library comes from the project's.
    paths: { 'openapi-fetch': [packageDir('openapi-fetch')] },
  });
  const own = program.getSourceFiles().filter((source) => dirname(source.fileName) === dirname(file));
  const diagnostics = [
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...own.flatMap((source) => [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)]),
  ];
  return diagnostics.map((diagnostic) => {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    if (!diagnostic.file || diagnostic.start === undefined) return message;
    const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    return `${diagnostic.file.fileName}:${line + 1}:${character + 1} ${message}`;
  });
}

describe('a client generated from the API document', () => {
  let t: TestApp;
  let dir: string;
  beforeAll(async () => {
    t = await createTestApp();
    dir = mkdtempSync(join(tmpdir(), 'loket-client-'));
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('compiles where it calls routes as documented and fails where it misuses them', async () => {
    const document = await t.http().get('/api/docs-json').expect(200);
    writeFileSync(join(dir, 'openapi.json'), JSON.stringify(document.body));
    await run(process.execPath, [openapiTypescriptCli(), join(dir, 'openapi.json'), '--output', join(dir, 'api.d.ts')]);
    expect(readFileSync(join(dir, 'api.d.ts'), 'utf8')).toContain('"/api/wallet/transfers"');

    copyFileSync(join(__dirname, 'client-usage.ts.fixture'), join(dir, 'client-usage.ts'));
    expect(typeErrors(join(dir, 'client-usage.ts'))).toEqual([]);
  });
});
