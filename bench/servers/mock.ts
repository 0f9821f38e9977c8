// The simulated WellSky in its own process, so the load generator does not share its core.
import { startMockServer } from '../../mock-server/http.ts';

const running = await startMockServer({ seed: 1, size: 'small', today: '2026-11-26', port: 0 });
process.send?.({ url: running.url });
process.on('disconnect', () => void running.close().then(() => process.exit(0)));
