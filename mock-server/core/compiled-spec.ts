// The spec, compiled once: its operations, the router and a validator per operation.
import { compileValidator, type OperationValidator } from './request-validator.ts';
import { createRouter, type Router } from './router.ts';
import { createSchemaRegistry } from './schema-registry.ts';
import { DEFAULT_SPEC_PATH, listOperations, loadSpec, type OpenApiDocument, type OperationEntry } from './spec-document.ts';

export interface CompiledSpec {
  doc: OpenApiDocument;
  router: Router;
  validators: Map<OperationEntry, OperationValidator>;
}

// Compiling the spec's validators is the slow part of start-up; simulators in one
// process (a test file makes many) share it.
const compiledSpecs = new Map<string, CompiledSpec>();
export function compileSpec(specPath = DEFAULT_SPEC_PATH): CompiledSpec {
  let compiled = compiledSpecs.get(specPath);
  if (!compiled) {
    const doc = loadSpec(specPath);
    const registry = createSchemaRegistry(doc);
    const operations = listOperations(doc);
    const validators = new Map(operations.map((op) => [op, compileValidator(doc, registry, op)]));
    compiled = { doc, router: createRouter(operations), validators };
    compiledSpecs.set(specPath, compiled);
  }
  return compiled;
}

