import { crashMidFanout } from "../tests/helpers/fanout-crash";

/**
 * The crash test at scale (tests/rounds/fanout-crash.test.ts runs it for 200
 * people): a 1,000-person round whose scheduler process is SIGKILLed while the
 * platform handles message 400, then a restart on the same file. The figures
 * say what arrived (should be 1,000, none twice) and how long the restart's
 * drain took.
 */
export async function benchFanoutCrash(
  dir: string,
  figure: (name: string, value: number, unit: string) => void,
): Promise<void> {
  const r = await crashMidFanout(dir, { people: 1000, units: 40, killAt: 400 });
  const keys = new Set(r.received.map((m) => m.key));
  figure("fanout_crash.1000_in_flight_at_restart", r.inFlight, "messages");
  figure("fanout_crash.1000_delivered", keys.size, "messages");
  figure("fanout_crash.1000_duplicates", r.received.length - keys.size, "messages");
  figure("fanout_crash.1000_missing", r.invited.filter((p) => !r.received.some((m) => m.to === p)).length, "people");
  figure("fanout_crash.1000_recovery_s", r.recoveryMs / 1000, "s");
}
