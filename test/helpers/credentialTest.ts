/**
 * Runs the ExoConnect credential's Test button as n8n's CredentialsTester does: the credential type's own
 * `test` request if it has one, else the `credentialTest` function a node names in `testedBy`, called
 * with n8n-core's real CredentialTestContext (its request helper is n8n's).
 */
import { CredentialTestContext } from 'n8n-core';
import type { ICredentialDataDecryptedObject, ICredentialTestFunction, INodeCredentialTestResult, INodeType } from 'n8n-workflow';

import { ExoConnectApi } from '../../credentials/ExoConnectApi.credentials';
import { ExoConnect } from '../../nodes/ExoConnect/ExoConnect.node';
import { ExoConnectTrigger } from '../../nodes/ExoConnect/ExoConnectTrigger.node';
import type { TestCredentials } from './n8n';

const credential = new ExoConnectApi();

/** The function n8n picks for the credential through `nodeType` (CredentialsTester.getCredentialTestFunction). */
export function credentialTestOf(nodeType: INodeType): ICredentialTestFunction {
	if ('test' in credential) throw new Error('the credential has its own test request: n8n would run that one and never the nodes\' test');
	const testedBy = nodeType.description.credentials?.find((c) => c.name === credential.name)?.testedBy;
	if (typeof testedBy !== 'string') throw new Error(`${nodeType.description.name} names no credential test`);
	const test = nodeType.methods?.credentialTest?.[testedBy];
	if (!test) throw new Error(`${nodeType.description.name} has no credentialTest.${testedBy}`);
	return test;
}

export async function runCredentialTest(data: Partial<TestCredentials>, nodeType: INodeType = new ExoConnect()): Promise<INodeCredentialTestResult> {
	const context = new CredentialTestContext();
	return await credentialTestOf(nodeType).call(context, {
		id: 'cred-1',
		name: 'ExoConnect account',
		type: credential.name,
		data: data as unknown as ICredentialDataDecryptedObject,
	});
}

export const bothNodes: Array<[string, INodeType]> = [
	['ExoConnect', new ExoConnect()],
	['ExoConnect Trigger', new ExoConnectTrigger()],
];
