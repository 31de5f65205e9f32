/**
 * What the server checks before it acts on a client's request: who the client is (bearer tokens),
 * how much it may hold (quotas), and which files and URLs it may make the server read.
 */
export { checkFileSource } from './check-file-source';
export { checkUrlSource, type UrlSourceOptions } from './check-url-source';
export { classifyAddress, isIpAddress, parseLegacyIPv4, type AddressClass } from './ip-ranges';
export { createQuota, type Quota, type QuotaKind, type QuotaLimits } from './quota';
export { ANONYMOUS, MIN_TOKEN_LENGTH, createTokenAuth, loadTokensFile, type Principal, type TokenAuth, type TokenEntry } from './token-auth';
