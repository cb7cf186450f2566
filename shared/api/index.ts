// The NoPOS API's wire format: the sandbox serves it and the terminal's client checks against it.
export * from './common';
export * from './errors';
export * from './scopes';
export * from './enrollment';
export * from './catalog';
export * from './transactions';
export * from './payments';
export * from './customers';
export * from './uploads';
export * from './events';
export * from './signature';
export * from './routes';
