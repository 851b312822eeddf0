/** The time source. Services and jobs take `now`; the bot reads it through this so tests can fix it. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

export function fixedClock(iso: string): Clock {
  const at = new Date(iso);
  return () => new Date(at.getTime());
}
