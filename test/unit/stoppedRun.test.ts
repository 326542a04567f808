/**
 * What the error of a stopped run says about the other items: every record they wrote (code, or a
 * document's reference, and ID), not the reads nor the unchanged records, the items that also failed,
 * and the items never run (holes in the outcomes, or writes held back).
 */
import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Outcome } from '../../nodes/ExoConnect/actions/run/parallel';
import { stoppedRunError } from '../../nodes/ExoConnect/actions/run/stoppedRun';
import { WriteNotStarted } from '../../nodes/ExoConnect/transport';

const node = { name: 'ExoConnect', type: 'n8n-nodes-exoconnect.exoConnect', typeVersion: 1, position: [0, 0], parameters: {} } as INode;
const ok = (...value: IDataObject[]): Outcome<IDataObject[]> => ({ ok: true, value });
const failed = (message: string): Outcome<IDataObject[]> => ({ ok: false, error: new NodeOperationError(node, message) });

describe('the error of a stopped run', () => {
	it('lists what the other items wrote, which failed too, and which never ran', () => {
		const outcomes: Array<Outcome<IDataObject[]> | undefined> = new Array(8);
		outcomes[0] = ok({ action: 'created', id: 12, reference: 'WEB-1' });
		outcomes[1] = failed('refused');
		outcomes[2] = ok({ action: 'unchanged', id: 13, code: 'SO-13' });
		outcomes[3] = ok({ action: 'updated', id: 14, code: 'SO-14' });
		outcomes[4] = failed('also refused');
		outcomes[5] = { ok: false, error: new WriteNotStarted(node) };
		outcomes[6] = ok({ id: 3, code: 'JACHETE' }); // a Get: nothing written
		const runs = [
			...Array.from({ length: 6 }, () => ({ resource: 'salesOrder', operation: 'upsert' })),
			{ resource: 'customer', operation: 'get' },
			undefined,
		];
		const error = stoppedRunError(new NodeOperationError(node, 'refused', { description: 'This item wrote nothing.' }), 1, outcomes, runs);
		expect(error.description).toBe(
			[
				'This item wrote nothing.',
				'',
				'Before the node stopped, other items wrote these 2 records in Acomba:',
				'• item 1: sales order with reference WEB-1 (ID 12), created',
				'• item 4: sales order SO-14 (ID 14), updated',
				'Do not run those items again: each would be written a second time. Run only the items that were not written, or use Create or Update matched on a key (the Reference for documents), which finds what a run already wrote and writes nothing twice.',
				'Also failed: item 5.',
				'Not run, because the node stopped: items 6, 8.',
			].join('\n'),
		);
	});

	it('a Create that did not read its record back names it by its ID; a single item keeps its own error', () => {
		const created = stoppedRunError(new NodeOperationError(node, 'refused'), 1, [ok({ success: true, created_id: 57 }), failed('refused')], [{ resource: 'product', operation: 'create' }, undefined]);
		expect(created.description).toContain('other items wrote this record in Acomba:\n• item 1: product (ID 57), created');
		const alone = new NodeOperationError(node, 'refused', { description: 'This item wrote nothing.' });
		expect(stoppedRunError(alone, 0, [failed('refused')], [undefined]).description).toBe('This item wrote nothing.');
	});

	it('says so when no other item wrote anything', () => {
		const error = stoppedRunError(
			new NodeOperationError(node, 'refused'),
			0,
			[failed('refused'), ok({ action: 'unchanged', code: 'A' }), ok({ preview: true, action: 'created', code: 'B' })],
			[undefined, { resource: 'product', operation: 'upsert' }, { resource: 'product', operation: 'upsert' }],
		);
		expect(error.description).toBe('No other item of this run wrote anything in Acomba.');
	});
});
