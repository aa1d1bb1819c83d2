// Why: the package ships compiled JavaScript with type declarations, so integrators need no
// tsx and no TypeScript setup of ours, and CommonJS projects can `require()` it:
//   dist/esm/  ES modules: the whole SDK, the economics alone, and the CLI (bin/jetpack.js);
//   dist/cjs/  CommonJS (dist/cjs/package.json says so): the SDK and the economics.
// Each has .d.ts (+ maps into offchain/, which ships too). See docs/package.md.
//
// How: the TypeScript compiler, twice, in parallel (2 cores): `tsc -p tsconfig.esm.json` as a
// child process, and the CommonJS build (tsconfig.cjs.json) through the compiler API with one
// transform: `import.meta.url` (a syntax error in CommonJS; offchain/blueprint.ts uses it to
// find plutus.json) becomes `require("node:url").pathToFileURL(__filename).href`, what tsup's
// "shims" do. Any other `import.meta` in the CommonJS build fails the build. Writes nothing to
// stdout (`npm pack --json` runs it as `prepack`); exit code 1 on any compiler error.
//
//   npm run build:pkg        (also run by `npm pack` / `npm publish` through prepack)
import { spawn } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import ts from "typescript";

const ROOT = resolve(import.meta.dirname, "..");
const DIST = join(ROOT, "dist");

/** `import.meta.url` → `require("node:url").pathToFileURL(__filename).href`; any other import.meta throws. */
function importMetaUrlToCommonJs(ctx: ts.TransformationContext): ts.Transformer<ts.SourceFile> {
  const f = ctx.factory;
  return (file) => {
    const visit = (node: ts.Node): ts.Node => {
      if (ts.isPropertyAccessExpression(node) && ts.isMetaProperty(node.expression) && node.expression.keywordToken === ts.SyntaxKind.ImportKeyword && node.name.text === "url") {
        const pathToFileURL = f.createPropertyAccessExpression(f.createCallExpression(f.createIdentifier("require"), undefined, [f.createStringLiteral("node:url")]), "pathToFileURL");
        return f.createPropertyAccessExpression(f.createCallExpression(pathToFileURL, undefined, [f.createIdentifier("__filename")]), "href");
      }
      if (ts.isMetaProperty(node) && node.keywordToken === ts.SyntaxKind.ImportKeyword) {
        const { line } = file.getLineAndCharacterOfPosition(node.getStart(file));
        throw new Error(`${file.fileName}:${line + 1}: only import.meta.url has a CommonJS equivalent in this build`);
      }
      return ts.visitEachChild(node, visit, ctx);
    };
    return ts.visitNode(file, visit) as ts.SourceFile;
  };
}

const host: ts.FormatDiagnosticsHost = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => ROOT, getNewLine: () => "\n" };

/** The CommonJS build, in this process. Returns the number of errors (printed on stderr). */
function buildCommonJs(): number {
  const parsed = ts.getParsedCommandLineOfConfigFile(join(ROOT, "tsconfig.cjs.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n")); } });
  if (!parsed) throw new Error("tsconfig.cjs.json: cannot be read");
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, projectReferences: parsed.projectReferences });
  const emitted = program.emit(undefined, undefined, undefined, false, { before: [importMetaUrlToCommonJs] });
  // TS1343 ("import.meta is only allowed when --module is es2020…"): rewritten above
  const diagnostics = [...parsed.errors, ...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics].filter((d) => d.code !== 1343);
  if (diagnostics.length) process.stderr.write(ts.formatDiagnosticsWithColorAndContext(diagnostics, host));
  writeFileSync(join(DIST, "cjs/package.json"), JSON.stringify({ type: "commonjs" }) + "\n");
  return diagnostics.length;
}

/** `tsc -p tsconfig.esm.json` as a child process (its output → stderr); resolves its exit code. */
function buildEsm(): Promise<number> {
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  return new Promise((done) => {
    const child = spawn(process.execPath, [tsc, "-p", join(ROOT, "tsconfig.esm.json"), "--pretty"], { cwd: ROOT, stdio: ["ignore", process.stderr, process.stderr] });
    child.on("exit", (code) => done(code ?? 1));
  });
}

const t0 = Date.now();
rmSync(DIST, { recursive: true, force: true });
mkdirSync(join(DIST, "cjs"), { recursive: true });
const esm = buildEsm();
const cjsErrors = buildCommonJs();
const esmCode = await esm;
if (cjsErrors || esmCode) {
  process.stderr.write(`build:pkg: failed (${cjsErrors ? `CommonJS build: ${cjsErrors} error(s)` : ""}${cjsErrors && esmCode ? "; " : ""}${esmCode ? `ESM build: tsc exited ${esmCode}` : ""})\n`);
  process.exitCode = 1;
} else {
  process.stderr.write(`build:pkg: dist/esm and dist/cjs written in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
}
