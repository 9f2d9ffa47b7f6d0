import {
  AppCredentials,
  type AuthenticatorResult,
  AuthenticationConstants,
  MicrosoftAppCredentials,
  PasswordServiceClientCredentialFactory,
  type ServiceClientCredentials,
} from "botframework-connector";
import { z } from "zod";

const tokenReply = z.object({ access_token: z.string().min(1), expires_in: z.coerce.number() });

/** Why the identity platform gave no token: the outbox's mapper (errors.ts) reads `statusCode`. */
class BotTokenError extends Error {
  constructor(readonly statusCode: number | undefined) {
    super(`the identity platform gave the bot no token${statusCode ? ` (HTTP ${statusCode})` : ""}`);
    this.name = "BotTokenError";
  }
}

/**
 * The bot's token for the Bot Connector by the OAuth client-credentials grant at `tokenUrl`, the same
 * request MSAL makes to Microsoft's endpoint. botbuilder caches it (AppCredentials.cache) and puts it on
 * every Connector call as "Authorization: Bearer …".
 */
class TokenEndpointCredentials extends AppCredentials {
  constructor(
    appId: string,
    private readonly secret: string,
    tenant: string,
    audience: string | undefined,
    private readonly tokenUrl: string,
  ) {
    super(appId, tenant, audience);
  }

  protected async refreshToken(): Promise<AuthenticatorResult> {
    const scope = this.oAuthScope.endsWith("/.default") ? this.oAuthScope : `${this.oAuthScope}/.default`;
    let res: Response;
    try {
      res = await fetch(this.tokenUrl, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          grant_type: "client_credentials",
          client_id: this.appId,
          client_secret: this.secret,
          scope,
        }),
      });
    } catch {
      throw new BotTokenError(undefined);
    }
    if (!res.ok) throw new BotTokenError(res.status);
    const t = tokenReply.safeParse(await res.json().catch(() => null));
    if (!t.success) throw new BotTokenError(res.status);
    return { accessToken: t.data.access_token, expiresOn: new Date(Date.now() + t.data.expires_in * 1000) };
  }
}

/**
 * With MICROSOFT_LOGIN_URL set (a proxy, or the tests' local identity platform), the bot's outbound
 * tokens come from `${loginUrl}/${tenant}/oauth2/v2.0/token`. botbuilder's own path (MSAL) accepts only
 * Microsoft's https authorities, which it checks with Microsoft's instance discovery, so it cannot be
 * pointed elsewhere. Without MICROSOFT_LOGIN_URL, botbuilder's own credentials are used, unchanged.
 */
export class TokenEndpointCredentialsFactory extends PasswordServiceClientCredentialFactory {
  constructor(
    appId: string,
    password: string,
    tenantId: string | undefined,
    private readonly loginUrl: string,
  ) {
    super(appId, password, tenantId ?? "");
  }

  override async createCredentials(appId: string, audience: string | undefined): Promise<ServiceClientCredentials> {
    if (await this.isAuthenticationDisabled()) return MicrosoftAppCredentials.Empty;
    if (!(await this.isValidAppId(appId))) throw new Error("Invalid appId.");
    // A multi-tenant bot gets its Connector token from the Bot Framework's own tenant.
    const tenant = this.tenantId || AuthenticationConstants.DefaultChannelAuthTenant;
    const url = `${this.loginUrl}/${encodeURIComponent(tenant)}/oauth2/v2.0/token`;
    return new TokenEndpointCredentials(appId, this.password ?? "", tenant, audience, url);
  }
}
