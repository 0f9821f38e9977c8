// Validates XML against test/fixtures/junit.xsd with xmllint-wasm: libxml2's
// own xmllint compiled to WebAssembly, so no native build and no Java.
import { readFileSync } from 'node:fs';
import { validateXML, type XMLValidationResult } from 'xmllint-wasm';

const schema = readFileSync(new URL('../../fixtures/junit.xsd', import.meta.url), 'utf8');

export function validateJUnit(xml: string): Promise<XMLValidationResult> {
  return validateXML({ xml: { fileName: 'junit.xml', contents: xml }, schema: { fileName: 'junit.xsd', contents: schema } });
}
