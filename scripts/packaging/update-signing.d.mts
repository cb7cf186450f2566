import type { KeyObject } from 'node:crypto';
export function updateSigningKey(value: string): KeyObject;
export function updatePublicKeyPem(privateKey: KeyObject): string;
export function signChannelFile(file: string, privateKey: KeyObject): string;
