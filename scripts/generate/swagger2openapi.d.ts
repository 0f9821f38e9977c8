// swagger2openapi ships no types; this covers only the part scripts/generate uses.
declare module 'swagger2openapi' {
  interface ConvertOptions {
    patch?: boolean;
    warnOnly?: boolean;
    resolve?: boolean;
    direct?: boolean;
    targetVersion?: string;
    source?: string;
    [option: string]: unknown;
  }
  interface ConvertResult extends ConvertOptions {
    openapi: Record<string, unknown>;
    /** How many spec errors `patch: true` fixed up. */
    patches: number;
  }
  export function convertObj(swagger: object, options: ConvertOptions): Promise<ConvertResult>;
  const swagger2openapi: { convertObj: typeof convertObj };
  export default swagger2openapi;
}
