/**
 * The changes already processed inside the late-change window, as (modified_at, id) pairs. Stored compactly
 * in static data: one entry per second, its ids as ranges ("12-340,351"), because a burst gives consecutive
 * ids sharing a few seconds: 20,000 changes in 20 s fit in about 20 short entries.
 */

/** [modified_at second as ISO text, id ranges] */
export type StoredSeen = Array<[string, string]>;

const second = (at: string): number => Math.floor(Date.parse(at) / 1000) * 1000;

function rangesText(ids: number[]): string {
	const sorted = [...new Set(ids)].sort((a, b) => a - b);
	const parts: string[] = [];
	for (let i = 0; i < sorted.length; ) {
		let j = i;
		while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
		parts.push(j === i ? String(sorted[i]) : `${sorted[i]}-${sorted[j]}`);
		i = j + 1;
	}
	return parts.join(',');
}

function idsOf(text: string): number[] {
	const ids: number[] = [];
	for (const part of text.split(',')) {
		const [from, to = from] = part.split('-').map(Number);
		if (!Number.isInteger(from) || !Number.isInteger(to)) continue;
		for (let id = from; id <= to; id++) ids.push(id);
	}
	return ids;
}

export class SeenChanges {
	/** second (ms) → ids processed at that second */
	private readonly bySecond = new Map<number, Set<number>>();
	private readonly ids = new Set<number>();

	static from(stored: StoredSeen | undefined): SeenChanges {
		const seen = new SeenChanges();
		for (const [at, ranges] of stored ?? []) for (const id of idsOf(ranges)) seen.add(id, at);
		return seen;
	}

	add(id: number, at: string): void {
		const key = second(at);
		if (Number.isNaN(key)) return;
		const ids = this.bySecond.get(key) ?? new Set<number>();
		ids.add(id);
		this.bySecond.set(key, ids);
		this.ids.add(id);
	}

	has(id: number, at: string): boolean {
		return this.bySecond.get(second(at))?.has(id) ?? false;
	}

	/** How many changes were processed at that second. */
	countAt(at: string): number {
		return this.bySecond.get(second(at))?.size ?? 0;
	}

	/** Whether the record was processed inside the window, at any time. */
	hasRecord(id: number): boolean {
		return this.ids.has(id);
	}

	/** What a later reread can still meet: the seconds from `oldest` on. */
	toStored(oldest: number): StoredSeen {
		const from = Math.floor(oldest / 1000) * 1000;
		return [...this.bySecond.entries()]
			.filter(([at]) => at >= from)
			.sort(([a], [b]) => a - b)
			.map(([at, ids]) => [new Date(at).toISOString(), rangesText([...ids])]);
	}
}
