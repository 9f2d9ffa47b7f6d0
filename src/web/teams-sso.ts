import { createRemoteJWKSet, decodeJwt, errors, jwtVerify } from "jose";
import type { Clock } from "../core/clock";
import { PulsenError } from "../core/errors";

export interface TeamsSsoSettings {
  appId: string;
  publicUrl: string;
  /** Set for a single-tenant app: tokens from other tenants are refused. */
  tenantId: string | undefined;
  loginUrl: string;
}

/**
 * Checks the token the Teams tab gets from `authentication.getAuthToken()`:
 * signed by Microsoft's identity platform, issued for this app (the
 * manifest's webApplicationInfo resource), not expired. Returns the
 * person's AAD object id.
 */
export class TeamsSso {
  private readonly keys: ReturnType<typeof createRemoteJWKSet>;
  private readonly audiences: string[];

  constructor(
    private readonly s: TeamsSsoSettings,
    private readonly clock: Clock,
  ) {
    this.keys = createRemoteJWKSet(new URL(`${s.loginUrl}/common/discovery/v2.0/keys`), { timeoutDuration: 5_000 });
    this.audiences = [`api://${new URL(s.publicUrl).host}/${s.appId}`, s.appId];
  }

  async verify(token: string): Promise<string> {
    let tid: unknown;
    try {
      tid = decodeJwt(token).tid;
    } catch (e) {
      throw new PulsenError("forbidden", { kind: "teams_token_refused", why: "not_a_token" }, [], { cause: e });
    }
    if (typeof tid !== "string" || !/^[0-9a-f-]{36}$/i.test(tid))
      throw new PulsenError("forbidden", { kind: "teams_token_refused", why: "no_tenant" });
    if (this.s.tenantId !== undefined && tid.toLowerCase() !== this.s.tenantId.toLowerCase())
      throw new PulsenError("forbidden", { kind: "teams_token_refused", why: "other_tenant" });
    try {
      const { payload } = await jwtVerify(token, this.keys, {
        audience: this.audiences,
        issuer: [`${this.s.loginUrl}/${tid}/v2.0`, `https://sts.windows.net/${tid}/`],
        currentDate: this.clock.now(),
        algorithms: ["RS256"],
      });
      if (typeof payload.oid !== "string")
        throw new PulsenError("forbidden", { kind: "teams_token_refused", why: "no_user" });
      return payload.oid;
    } catch (e) {
      if (e instanceof PulsenError) throw e;
      if (e instanceof errors.JOSEError) {
        throw new PulsenError("forbidden", { kind: "teams_token_refused", why: "refused", code: e.code }, [], {
          cause: e,
        });
      }
      throw e;
    }
  }
}
