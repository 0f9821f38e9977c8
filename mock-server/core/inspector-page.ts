// The inspector page at /__admin/ (placeholder until the scenario inspector lands).
export function inspectorPage(): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>WellSky mock</title></head>
<body><h1>WellSky mock</h1><p>See <a href="/__admin/status">/__admin/status</a> and <a href="/__admin/journal">/__admin/journal</a>.</p></body></html>`;
}
