import { PulsenError } from "../core/errors";
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
      if (t === undefined) throw new PulsenError("input_invalid", `body.platform ${platform} is not configured on this server`);
      return t.resolve(personId, channelId);
    },
    describe: (platform, channel) => targets[platform]?.describe(channel) ?? channel,
  };
}
