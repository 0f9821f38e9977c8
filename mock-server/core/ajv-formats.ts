// ajv-formats ships CommonJS; under NodeNext its default import is the module
// object, so the function sits on `.default`. One place narrows that.
import type { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';

const candidate = addFormatsModule as unknown as { default?: unknown };
export const addFormats = (typeof candidate.default === 'function' ? candidate.default : addFormatsModule) as unknown as (ajv: Ajv) => Ajv;
