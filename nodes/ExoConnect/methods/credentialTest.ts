/** The credential's Test button, offered by both nodes (`testedBy` in their credentials list): see transport/credentialTest.ts. */
import type { ICredentialsDecrypted, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';

import { CREDENTIAL_TEST, testCredential } from '../transport';

export const credentialTest = {
	async [CREDENTIAL_TEST](this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
		return await testCredential(this, credential);
	},
};
