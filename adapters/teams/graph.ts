import { z } from "zod";
import type { GraphConfig } from "../../src/config";
import type { SendResult } from "../../src/jobs/sender";

const tokenReply = z.object({ access_token: z.string(), expires_in: z.coerce.number() });

/**
 * Installs the Pulsen app for a user through Microsoft Graph
 * (POST /users/{id}/teamwork/installedApps, application permission
 * TeamsAppInstallation.ReadWriteSelfForUser.All), so that the bot can then
 * open the 1:1 chat. Teams answers with an installationUpdate as well.
 */
export class GraphInstaller {
  private token: { value: string; until: number } | null = null;

  constructor(
    private readonly config: GraphConfig,
    private readonly now: () => number = Date.now,
  ) {}

  private async accessToken(): Promise<string> {
    if (this.token && this.token.until > this.now()) return this.token.value;
    const res = await fetch(`${this.config.loginUrl}/${this.config.tenantId}/oauth2/v2.0/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: this.config.clientId,
        client_secret: this.config.clientSecret,
        scope: "https://graph.microsoft.com/.default",
      }),
    });
    if (!res.ok) throw Object.assign(new Error(`token request failed: HTTP ${res.status}`), { statusCode: res.status });
    const t = tokenReply.parse(await res.json());
    // Renew a minute early.
    this.token = { value: t.access_token, until: this.now() + Math.max(0, t.expires_in - 60) * 1000 };
    return t.access_token;
  }

  /** Null when the app is (now) installed for the user; otherwise what to do about it. */
  async install(aadObjectId: string): Promise<SendResult | null> {
    let res: Response;
    try {
      res = await fetch(`${this.config.graphUrl}/users/${encodeURIComponent(aadObjectId)}/teamwork/installedApps`, {
        method: "POST",
        headers: { authorization: `Bearer ${await this.accessToken()}`, "content-type": "application/json" },
        body: JSON.stringify({
          "teamsApp@odata.bind": `${this.config.graphUrl}/appCatalogs/teamsApps/${this.config.catalogAppId}`,
        }),
      });
    } catch (e) {
      const status = (e as { statusCode?: number }).statusCode;
      return { kind: "retry", reason: status ? `Graph token: HTTP ${status}` : `network: ${(e as Error).message}` };
    }
    if (res.status === 201 || res.status === 409) return null; // installed now, or already
    if (res.status === 429)
      return {
        kind: "rate_limited",
        retryAfterMs: Math.max(1, Number(res.headers.get("retry-after") ?? "10")) * 1000,
        scope: "platform",
      };
    if (res.status === 403 || res.status === 404)
      return { kind: "undeliverable", reason: `could not install Pulsen for this user (Graph ${res.status})` };
    return { kind: "retry", reason: `Graph HTTP ${res.status}` };
  }
}
