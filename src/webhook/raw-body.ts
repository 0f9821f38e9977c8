// The raw bytes of a webhook request, as they came: Retell's signature is over
// them, not over re-serialised JSON. A small reader rather than body-parser (a
// third of the inbound route's CPU under load), bounded: past the limit, 413.
import type { NextFunction, Request, Response } from 'express';

/** Retell's webhooks are a few hundred bytes (a function call carries the transcript: a few KB). */
export function rawBodyReader(limitBytes: number, tooLarge: string) {
  return (req: Request, res: Response, next: NextFunction) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > limitBytes) {
        refused = true;
        res.status(413).json({ error: tooLarge });
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (refused) return;
      req.body = Buffer.concat(chunks, size);
      next();
    });
    req.on('error', next);
  };
}

/** Stamps when the request arrived, before its body is read: budgets count from here. */
export function arrivalStamp(now: () => number) {
  return (req: Request, _res: Response, next: NextFunction) => {
    (req as Request & { arrivedAt?: number }).arrivedAt = now();
    next();
  };
}

export const arrivedAt = (req: Request, fallback: number): number => (req as Request & { arrivedAt?: number }).arrivedAt ?? fallback;
