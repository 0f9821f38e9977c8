// Gigi's jobs over HTTP, for the machine Gigi runs on (a cron job, the suite):
// POST /jobs/clock-in-watch runs the watch once; GET /jobs/data-quality
// answers the report. Loopback callers only: the answers hold staff and
// client names, and a run sends texts, so nothing off this machine may ask.
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Database } from '../cache/database.ts';
import type { ClockInWatchOptions, ClockInWatchResult } from '../operations/clock-in-watch.ts';
import type { DataQualityReport } from '../operations/data-quality.ts';

export const JOBS_PATH = '/jobs';

export interface JobsOptions {
  db: Database;
  clockInWatch: (options?: ClockInWatchOptions) => Promise<ClockInWatchResult>;
  dataQuality: () => Promise<DataQualityReport>;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

export function createJobsRouter(options: JobsOptions): express.Router {
  const router = express.Router();
  router.use(JOBS_PATH, (req: Request, res: Response, next: NextFunction) => {
    if (!LOOPBACK.test(req.socket.remoteAddress ?? '')) {
      res.status(403).json({ error: 'jobs answer this machine only: run them here (gigi-harness clock-in-watch, data-quality) or from a cron job on this host' });
      return;
    }
    next();
  });
  router.post(`${JOBS_PATH}/clock-in-watch`, async (_req: Request, res: Response, next: NextFunction) => {
    try {
      res.json(await options.clockInWatch());
    } catch (error) {
      next(error);
    }
  });
  router.get(`${JOBS_PATH}/data-quality`, async (_req: Request, res: Response, next: NextFunction) => {
    try {
      res.json(await options.dataQuality());
    } catch (error) {
      next(error);
    }
  });
  return router;
}
