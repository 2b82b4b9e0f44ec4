import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { parseAllDocuments } from 'yaml';

/** One Kubernetes object of a YAML file. */
export interface Manifest {
  file: string;
  apiVersion: string;
  kind: string;
  object: Record<string, unknown>;
}

/** Every object of every .yaml file in `dir` except kustomize's own file; YAML errors throw. */
export function readManifests(dir: string): Manifest[] {
  const manifests: Manifest[] = [];
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
    if (name === 'kustomization.yaml') continue;
    const file = join(dir, name);
    for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) {
      if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors[0].message}`);
      const object = doc.toJS() as Record<string, unknown> | null;
      if (object === null) continue;
      manifests.push({ file, apiVersion: String(object.apiVersion), kind: String(object.kind), object });
    }
  }
  return manifests;
}

/** The kubernetes-models module of a kind: `kubernetes-models/apps/v1/StatefulSet`, `kubernetes-models/v1/Service`. */
const modelPath = (m: { apiVersion: string; kind: string }) => `kubernetes-models/${m.apiVersion}/${m.kind}`;

/**
 * Checks an object against the Kubernetes OpenAPI schema of its kind with
 * kubernetes-models' validator: types, required fields, enums and formats.
 * Its schemas allow unknown properties, so a misspelt field passes here:
 * unknownFields() catches those. Returns the error, or undefined when valid.
 */
export async function schemaError(m: Pick<Manifest, 'apiVersion' | 'kind' | 'object'>): Promise<string | undefined> {
  let model: { new (data: unknown): { validate(): void } };
  try {
    model = ((await import(modelPath(m))) as Record<string, typeof model>)[m.kind];
  } catch (err) {
    return `no schema for ${m.apiVersion} ${m.kind}: ${(err as Error).message}`;
  }
  try {
    new model(m.object).validate();
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

/**
 * Fields the Kubernetes API does not know (a misspelt `readinesProbe` is
 * silently dropped by a lenient apply): each object is type-checked as an
 * object literal of its kind's interface from kubernetes-models' type
 * declarations, generated from the same OpenAPI schemas, where TypeScript
 * refuses any property the interface lacks, at any depth. One program for
 * all objects; returns one message per problem, naming the file.
 */
export function unknownFields(manifests: readonly Pick<Manifest, 'file' | 'apiVersion' | 'kind' | 'object'>[]): string[] {
  const lines: string[] = [];
  const owner: string[] = []; // line number -> file
  const add = (text: string, file: string) => {
    for (const line of text.split('\n')) {
      lines.push(line);
      owner.push(file);
    }
  };
  manifests.forEach((m, i) => add(`import type { I${m.kind} as T${i} } from '${modelPath(m)}';`, m.file));
  manifests.forEach((m, i) => add(`export const m${i}: T${i} = ${JSON.stringify(m.object, null, 1)};`, m.file));

  const name = resolve('__manifests_check__.ts'); // in the project: node_modules resolve as for any source
  const options: ts.CompilerOptions = { strict: true, noEmit: true, skipLibCheck: true, types: [], target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext };
  const host = ts.createCompilerHost(options);
  const source = ts.createSourceFile(name, lines.join('\n'), ts.ScriptTarget.ES2022);
  const getSourceFile = host.getSourceFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.getSourceFile = (file, ...rest) => (file === name ? source : getSourceFile(file, ...rest));
  host.fileExists = (file) => file === name || fileExists(file);
  const diagnostics = ts.getPreEmitDiagnostics(ts.createProgram([name], options, host));
  return diagnostics.map((d) => {
    const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line : -1;
    return `${owner[line] ?? '?'}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
  });
}
