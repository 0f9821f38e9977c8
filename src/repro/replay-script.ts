// replay.sh: the recorded requests as curl commands, in order, retries
// included. Credentials and tokens are `$WELLSKY_CLIENT_ID`-style variables
// the reader fills from their own environment; the token is taken from each
// replayed token answer. Each line printed is the status now beside the status
// recorded, and the script exits 1 when any differs. Built from exchanges
// already redacted, so nothing secret is in it to begin with.
import type { RecordedExchange } from './recorder.ts';

// Headers curl sets itself, or that would mislead a replay.
const DROPPED = new Set(['host', 'content-length', 'connection', 'accept-encoding', 'user-agent', 'x-request-id', 'transfer-encoding', 'keep-alive']);

/** A shell word that is the text as it is, except `$WELLSKY_…` placeholders, which expand. */
export function shellWord(text: string): string {
  return text
    .split(/(\$WELLSKY_[A-Z_]+)/)
    .map((part, i) => (i % 2 === 1 ? `"${part}"` : part === '' ? '' : `'${part.replace(/'/g, `'\\''`)}'`))
    .join('') || "''";
}

/** Text for a `#` comment: one line, whatever it held (a newline would end the comment and run the rest). */
function commentText(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ');
}

export function buildReplayScript(exchanges: RecordedExchange[], context: { generatedAt: string; recordedAgainst: string }): string {
  const lines = [
    '#!/usr/bin/env bash',
    '# Replays the requests recorded in this pack, in order, with curl.',
    `# Recorded ${commentText(context.generatedAt)} against ${commentText(context.recordedAgainst)}.`,
    '# Set WELLSKY_BASE_URL, WELLSKY_CLIENT_ID and WELLSKY_CLIENT_SECRET in the environment',
    '# (never in this file); the token comes from the replayed token call.',
    '# Prints each status beside the one recorded; exits 1 when any differs.',
    '# Faults that depend on time (a throttle that lifts) may answer differently.',
    'set -u',
    ': "${WELLSKY_BASE_URL:?set WELLSKY_BASE_URL, e.g. https://connect.clearcareonline.com}"',
    ': "${WELLSKY_CLIENT_ID:?set WELLSKY_CLIENT_ID}"',
    ': "${WELLSKY_CLIENT_SECRET:?set WELLSKY_CLIENT_SECRET}"',
    'WELLSKY_TOKEN="${WELLSKY_TOKEN:-}"',
    'body="$(mktemp)"',
    "trap 'rm -f \"$body\"' EXIT",
    'differ=0',
    '',
    '# The token from a token answer: access_token live, auth_token in the vendor\'s prose.',
    'token_from() {',
    '  local t',
    '  t="$(sed -n \'s/.*"access_token"[[:space:]]*:[[:space:]]*"\\([^"]*\\)".*/\\1/p\' "$1" | head -n 1)"',
    '  [ -n "$t" ] || t="$(sed -n \'s/.*"auth_token"[[:space:]]*:[[:space:]]*"\\([^"]*\\)".*/\\1/p\' "$1" | head -n 1)"',
    '  printf \'%s\' "$t"',
    '}',
    '',
    '# expect N RECORDED METHOD PATH STATUS',
    'expect() {',
    '  if [ "$5" = "$2" ]; then echo "$1 $3 $4 -> $5 (as recorded)"; else echo "$1 $3 $4 -> $5 (recorded $2)"; differ=$((differ + 1)); fi',
    '}',
    '',
  ];
  exchanges.forEach((x, i) => {
    const n = i + 1;
    const url = new URL(x.url);
    const pathAndQuery = `${url.pathname}${url.search}`;
    const args = ['curl', '-sS', '--max-time', '60', '-o', '"$body"', '-w', "'%{http_code}'", '-X', x.method];
    for (const [name, value] of Object.entries(x.requestHeaders)) {
      if (DROPPED.has(name.toLowerCase())) continue;
      if (name.toLowerCase() === 'authorization') {
        const scheme = /^([A-Za-z][A-Za-z-]*)\s/.exec(value)?.[1];
        args.push('-H', scheme ? `"authorization: ${scheme} $WELLSKY_TOKEN"` : '"authorization: $WELLSKY_TOKEN"');
      } else {
        args.push('-H', shellWord(`${name}: ${value}`));
      }
    }
    if (x.requestBody !== undefined) args.push('--data-binary', shellWord(x.requestBody));
    args.push(`"$WELLSKY_BASE_URL"${shellWord(pathAndQuery)}`);
    const recorded = x.status === undefined ? '000' : String(x.status);
    lines.push(commentText(`# ${n}. ${x.method} ${url.pathname}${x.requestId ? ` (request id ${x.requestId})` : ''}: recorded ${x.status ?? `no answer: ${x.error ?? ''}`}`));
    lines.push(`status="$(${args.join(' ')})"`);
    lines.push(`expect ${n} ${recorded} ${x.method} ${shellWord(url.pathname)} "\${status:-000}"`);
    if (x.tokenCall) lines.push('t="$(token_from "$body")"; [ -n "$t" ] && WELLSKY_TOKEN="$t"');
    lines.push('');
  });
  lines.push('if [ "$differ" -eq 0 ]; then echo "every status as recorded"; else echo "$differ status(es) differ from the recording"; exit 1; fi', '');
  return lines.join('\n');
}
