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
 * tenant in `tid`, the user in `oid`.
 */
export class EntraStandIn {
  private server: Server | null = null;
  private key: PrivateKey | null = null;
  private jwk: JWK | null = null;
  keyRequests = 0;
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
