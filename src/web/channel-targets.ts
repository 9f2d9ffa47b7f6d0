import { PulsenError } from "../core/errors";
import type { PersonId } from "../core/ids";
import type { ChannelTarget } from "../server/adapter";

export type ChannelPlatform = "slack" | "teams";

/** The channel kinds the configured adapters can post digests to. */
export interface ChannelResolvers {
  platforms(): ChannelPlatform[];
  resolve(platform: ChannelPlatform, personId: string, channelId: string): { channel: string; label: string };
  describe(platform: ChannelPlatform, channel: string): string;
}

export function channelResolvers(targets: Partial<Record<ChannelPlatform, ChannelTarget>>): ChannelResolvers {
  return {
    platforms: () => (Object.keys(targets) as ChannelPlatform[]).sort(),
    resolve(platform, personId, channelId) {
      const t = targets[platform];
      if (t === undefined) throw new PulsenError("input_invalid", { kind: "platform_not_configured", platform });
      // The signed-in session's person: an id the server minted.
      return t.resolve(personId as PersonId, channelId);
    },
    describe: (platform, channel) => targets[platform]?.describe(channel) ?? channel,
  };
}
