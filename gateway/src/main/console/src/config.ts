/** What the gateway tells the console before anyone signs in (GET /console/config.json, gateway README "Console"). */
export interface ConsoleConfig {
  oidc?: { issuer: string; clientId: string; scope: string };
  devSignIn: boolean;
  /** The incident map's tiles (Leaflet URL template); absent: the areas' polygons alone are the map. */
  map?: { tileUrl: string; attribution: string };
  languages: string[];
}

export async function loadConfig(): Promise<ConsoleConfig> {
  const response = await fetch('/console/config.json', { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`config.json: ${response.status}`);
  return (await response.json()) as ConsoleConfig;
}
