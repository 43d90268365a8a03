import { waitUntil } from '@app/kafka/testing';

/** The part of client-b's GET /health/ready that says which partitions the instance owns now, by topic. */
interface ClientBReadiness {
  details?: { consumer?: { groupId: string; partitions: Record<string, number[]> } };
}

/** The partitions of `topic` the instance at `url` owns now, as its readiness lists them (none once it is gone). */
export async function ownedPartitions(url: string, topic: string): Promise<number[]> {
  try {
    const readiness = (await (await fetch(`${url}/health/ready`)).json()) as ClientBReadiness;
    return readiness.details?.consumer?.partitions[topic] ?? [];
  } catch {
    return [];
  }
}

/** Waits until every instance owns some partitions of `topic` and together they own each of its `count` once. */
export async function waitForSettledGroup(urls: string[], topic: string, count: number): Promise<void> {
  await waitUntil(
    async () => {
      const owned = await Promise.all(urls.map((url) => ownedPartitions(url, topic)));
      const all = owned.flat().sort((a, b) => a - b);
      return (
        owned.every((partitions) => partitions.length > 0) &&
        all.join() === Array.from({ length: count }, (_, i) => i).join()
      );
    },
    {
      timeoutMs: 30_000,
      intervalMs: 250,
      description: `${urls.length} client-b instances to share the ${count} partitions of ${topic}`,
    },
  );
}

/** Waits until exactly one of `urls` owns `partition` of `topic`; returns that one's index. */
export async function waitForOwner(
  urls: string[],
  topic: string,
  partition: number,
  description = `an owner of ${topic}[${partition}]`,
): Promise<number> {
  return waitUntil(
    async () => {
      const owned = await Promise.all(urls.map((url) => ownedPartitions(url, topic)));
      const owners = owned.flatMap((partitions, index) => (partitions.includes(partition) ? [index] : []));
      return owners.length === 1 ? owners[0] : undefined;
    },
    { timeoutMs: 45_000, intervalMs: 250, description },
  );
}
