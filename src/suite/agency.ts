// The agency's people the suite's Gigi is configured with: synthetic, in the
// fictional 555-01xx block, never anyone real.

/** Synthetic: the owner and the on-call manager the suite's Gigi knows without WellSky. */
export const SUITE_KNOWN_CONTACTS = [
  { e164: '+13035550100', name: 'Dana Reyes', role: 'owner' },
  { e164: '+13035550111', name: 'Sam Ortiz', role: 'on-call manager' },
];

/** Synthetic: the coordinator every complaint and lead goes to in the suite. */
export const SUITE_COORDINATORS = { default: { name: 'Lee Park', email: 'lee.park@example.org' }, byClient: {} };
