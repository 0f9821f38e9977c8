// The simulated WellSky in its own process, so the load generator does not share its core.
// `--no-cache` turns the search response cache off, to show what it buys.
import { startMockServer } from '../../mock-server/http.ts';

const responseCache = !process.argv.includes('--no-cache');
const running = await startMockServer({ seed: 1, size: 'small', today: '2026-11-26', port: 0, responseCache });
process.send?.({ url: running.url });
process.on('disconnect', () => void running.close().then(() => process.exit(0)));
