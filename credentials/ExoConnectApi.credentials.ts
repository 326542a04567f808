import type { Icon, ICredentialDataDecryptedObject, ICredentialType, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { apiKeyHeaders } from '../nodes/ExoConnect/transport/credentials';

export class ExoConnectApi implements ICredentialType {
	name = 'exoConnectApi';

	displayName = 'ExoConnect API';

	icon: Icon = {
		light: 'file:../nodes/ExoConnect/exoconnect.svg',
		dark: 'file:../nodes/ExoConnect/exoconnect.dark.svg',
	};

	documentationUrl = 'https://doc.exoconnect.app/';

	// Lets the HTTP Request node use this credential for endpoints the ExoConnect node does not cover.
	httpRequestNode = {
		name: 'ExoConnect',
		docsUrl: 'https://doc.exoconnect.app/',
		apiBaseUrlPlaceholder: 'https://relay.exostack.cloud/api/customers',
	};

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://relay.exostack.cloud',
			placeholder: 'https://relay.exostack.cloud',
			description:
				'The hosted relay, or the address of your own ExoConnect service, starting with https:// or http:// (for example http://192.168.1.20:8000)',
			required: true,
		},
		{
			displayName: 'Relay Path',
			name: 'relayPath',
			type: 'string',
			default: '',
			placeholder: 'my-company',
			description:
				'Path that identifies your organisation on the hosted relay, as shown in the ExoConnect manager. Leave empty when connecting to your own service.',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'The API key created in the ExoConnect manager, sent as the x-api-key header',
			required: true,
		},
	];

	/**
	 * Adds the key as the x-api-key header. A function rather than a generic `={{$credentials.apiKey}}`
	 * template: n8n resolves a template's expressions on every request, which a sync of thousands of
	 * records pays thousands of times.
	 *
	 * The Test button is the nodes' `credentialTest` (testedBy): a `test` request here would take its place,
	 * and a declarative request can neither check the address before sending nor tell an HTML page from
	 * ExoConnect's status (see nodes/ExoConnect/transport/credentialTest.ts).
	 */
	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		return { ...requestOptions, headers: { ...requestOptions.headers, ...apiKeyHeaders(credentials.apiKey) } };
	}
}
