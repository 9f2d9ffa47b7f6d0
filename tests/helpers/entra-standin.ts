import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { exportJWK, generateKeyPair, type JWK, SignJWT } from "jose";

type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>["privateKey"];

export const TENANT = "8c1f3e0a-1b2c-4d5e-8f90-123456789abc";

/**
 * A local stand-in for the Microsoft identity platform's signing keys
 * (`/common/discovery/v2.0/keys`), and the issuer of the tokens Teams hands
 * a tab through `authentication.getAuthToken()`: RS256, with a key id, the
 * tenant in `tid`, the user in `oid`. Also its token endpoint, for a bot's own
 * (app-only) tokens by the client-credentials grant.
 */
export class EntraStandIn {
  private server: Server | null = null;
  private key: PrivateKey | null = null;
  private jwk: JWK | null = null;
  keyRequests = 0;
  /** Apps that may get tokens by the client-credentials grant: app id → secret. */
  readonly clients = new Map<string, string>();
  /** Every token request: the tenant in its path, the app, the scope asked for, and whether it was given. */
  readonly tokenRequests: { tenant: string; clientId: string; scope: string; given: boolean }[] = [];
  url = "";

  async start(): Promise<void> {
    const { privateKey, publicKey } = await generateKeyPair("RS256");
    this.key = privateKey;
    this.jwk = { ...(await exportJWK(publicKey)), kid: "test-key-1", use: "sig", alg: "RS256" };
    const app = express();
    app.get("/common/discovery/v2.0/keys", (_req, res) => {
      this.keyRequests++;
      res.json({ keys: [this.jwk] });
    });
    // The client-credentials grant, as a bot asks it for the Bot Connector: an app-only token for the scope's
    // resource, with the app in appid/azp, signed with the same key.
    app.post("/:tenant/oauth2/v2.0/token", express.urlencoded({ extended: false }), async (req, res) => {
      const b = req.body as Record<string, string | undefined>;
      const clientId = b.client_id ?? "";
      const scope = b.scope ?? "";
      const given = b.grant_type === "client_credentials" && this.clients.get(clientId) === b.client_secret;
      this.tokenRequests.push({ tenant: req.params.tenant, clientId, scope, given });
      if (!given) return void res.status(401).json({ error: "invalid_client" });
      const iat = Math.floor(Date.now() / 1000);
      const token = await new SignJWT({ appid: clientId, azp: clientId, tid: req.params.tenant, idtyp: "app" })
        .setProtectedHeader({ alg: "RS256", kid: "test-key-1", typ: "JWT" })
        .setIssuer(`${this.url}/${req.params.tenant}/v2.0`)
        .setAudience(scope.replace(/\/\.default$/, ""))
        .setIssuedAt(iat)
        .setExpirationTime(iat + 3600)
        .sign(this.key!);
      res.json({ token_type: "Bearer", expires_in: 3599, access_token: token });
    });
    await new Promise<void>((resolve) => {
      this.server = app.listen(0, "127.0.0.1", () => resolve());
    });
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  /** A token as Teams' SSO would issue it for the app's resource; any claim may be overridden. */
  async token(o: {
    oid: string;
    audience: string;
    tid?: string;
    now: Date;
    expiresInS?: number;
    issuer?: string;
    key?: PrivateKey;
  }): Promise<string> {
    const tid = o.tid ?? TENANT;
    const iat = Math.floor(o.now.getTime() / 1000);
    return new SignJWT({ oid: o.oid, tid, scp: "access_as_user", name: "Test User" })
      .setProtectedHeader({ alg: "RS256", kid: "test-key-1", typ: "JWT" })
      .setIssuer(o.issuer ?? `${this.url}/${tid}/v2.0`)
      .setAudience(o.audience)
      .setIssuedAt(iat)
      .setNotBefore(iat - 60)
      .setExpirationTime(iat + (o.expiresInS ?? 3600))
      .sign(o.key ?? this.key!);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = null;
  }
}
