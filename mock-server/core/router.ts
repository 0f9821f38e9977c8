// Matches a method and path against the spec's operations. Built once at start-up;
// a path the spec does not list is not a route, exactly as at the live gateway.
import type { OperationEntry } from './spec-document.ts';

export interface RouteMatch {
  operation: OperationEntry;
  pathParams: Record<string, string>;
}

interface CompiledRoute {
  operation: OperationEntry;
  segments: { literal?: string; param?: string }[];
  literalCount: number;
}

export interface Router {
  match(method: string, path: string): RouteMatch | undefined;
}

/** The longest `METHOD path` the router remembers; real WellSky paths are under 100 characters. */
const MAX_REMEMBERED_KEY = 256;

export function createRouter(operations: OperationEntry[]): Router {
  const byMethod = new Map<string, CompiledRoute[]>();
  for (const operation of operations) {
    const segments = splitPath(operation.path).map((part) => {
      const param = part.match(/^\{(.+)\}$/);
      return param ? { param: param[1]! } : { literal: part };
    });
    const route = { operation, segments, literalCount: segments.filter((s) => s.literal !== undefined).length };
    const method = operation.method.toUpperCase();
    if (!byMethod.has(method)) byMethod.set(method, []);
    byMethod.get(method)!.push(route);
  }
  // `/v1/practitioners/_search/` must win over `/v1/practitioners/{id}/`.
  for (const routes of byMethod.values()) routes.sort((a, b) => b.literalCount - a.literalCount);

  // Clients call the same few paths over and over; remember recent answers.
  // Only short ones: a key holds the whole path, and 2,000 paths of a megabyte
  // each (any client may send them) would be gigabytes kept for nothing.
  const recent = new Map<string, RouteMatch | null>();
  return {
    match(method, path) {
      const key = `${method} ${path}`;
      if (key.length > MAX_REMEMBERED_KEY) return lookup(method, path);
      const known = recent.get(key);
      if (known !== undefined) return known ?? undefined;
      const found = lookup(method, path);
      if (recent.size >= 2000) recent.clear();
      recent.set(key, found ?? null);
      return found;
    },
  };

  function lookup(method: string, path: string): RouteMatch | undefined {
    const routes = byMethod.get(method.toUpperCase());
    if (!routes) return undefined;
    const parts = splitPath(path);
    for (const route of routes) {
      const params = matchSegments(route, parts);
      if (params) return { operation: route.operation, pathParams: params };
    }
    return undefined;
  }
}

/** `/v1/a/b/` → ['v1','a','b','']: the trailing empty part keeps `/v1/a` and `/v1/a/` apart. */
function splitPath(path: string): string[] {
  return path.split('/').slice(1);
}

function matchSegments(route: CompiledRoute, parts: string[]): Record<string, string> | undefined {
  if (parts.length !== route.segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const segment = route.segments[i]!;
    const part = parts[i]!;
    if (segment.literal !== undefined) {
      if (segment.literal !== part) return undefined;
    } else {
      if (part === '') return undefined;
      // A segment that is not valid percent-encoding cannot name anything: not this route.
      const decoded = safeDecode(part);
      if (decoded === undefined) return undefined;
      params[segment.param!] = decoded;
    }
  }
  return params;
}

function safeDecode(part: string): string | undefined {
  try {
    return decodeURIComponent(part);
  } catch {
    return undefined;
  }
}
