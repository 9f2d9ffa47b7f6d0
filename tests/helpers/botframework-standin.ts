import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { exportJWK, generateKeyPair, type JWK, SignJWT } from "jose";

type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>["privateKey"];

/**
 * A local stand-in for the Bot Framework's token service, as botbuilder
 * reads it: OpenID metadata naming a key set, keys endorsed for the
 * "msteams" channel, and tokens signed the way the Bot Connector signs the
 * activities it posts to a bot (issuer api.botframework.com, audience the
 * app id, the serviceurl claim).
 */
export class BotFrameworkStandIn {
  private server: Server | null = null;
  private key: PrivateKey | null = null;
  private jwk: JWK | null = null;
  url = "";

  get metadataUrl(): string {
    return `${this.url}/v1/.well-known/openidconfiguration`;
  }

  async start(): Promise<void> {
    const { privateKey, publicKey } = await generateKeyPair("RS256");
    this.key = privateKey;
    this.jwk = { ...(await exportJWK(publicKey)), kid: "bf-key-1", use: "sig", alg: "RS256" };
    const app = express();
    app.get("/v1/.well-known/openidconfiguration", (_req, res) =>
      res.json({
        issuer: "https://api.botframework.com",
        jwks_uri: `${this.url}/v1/.well-known/keys`,
        id_token_signing_alg_values_supported: ["RS256"],
      }),
    );
    app.get("/v1/.well-known/keys", (_req, res) => res.json({ keys: [{ ...this.jwk, endorsements: ["msteams"] }] }));
    await new Promise<void>((resolve) => {
      this.server = app.listen(0, "127.0.0.1", () => resolve());
    });
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  /** `age`: seconds ago the token was issued (past its hour: expired). */
  async token(o: {
    appId: string;
    serviceUrl: string;
    key?: PrivateKey;
    issuer?: string;
    age?: number;
  }): Promise<string> {
    const now = Math.floor(Date.now() / 1000) - (o.age ?? 0);
    return new SignJWT({ serviceurl: o.serviceUrl })
      .setProtectedHeader({ alg: "RS256", kid: "bf-key-1", typ: "JWT" })
      .setIssuer(o.issuer ?? "https://api.botframework.com")
      .setAudience(o.appId)
      .setIssuedAt(now)
      .setNotBefore(now - 60)
      .setExpirationTime(now + 3600)
      .sign(o.key ?? this.key!);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = null;
  }
}
