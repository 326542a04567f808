/** What to check when ExoConnect refuses the credential: the node's errors and the credential's Test say the same. */
export const credentialAdvice = {
	key: "Check the API key in the ExoConnect credential (copy it again from the ExoConnect manager) and, on the hosted relay, that the relay path is your organisation's.",
	address: "Check the credential's Base URL and Relay Path, and that your ExoConnect service runs API version 1.1 or later.",
} as const;
