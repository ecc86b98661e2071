import { describe, expect, it } from 'vitest';
import {
  type CredentialStorage,
  credentialsFromFragment,
  forgetCredentials,
  parseStoredCredentials,
  resolveCredentials,
  STORAGE_KEY,
  saveCredentials,
} from '../src/auth/credentials.js';

function memoryStorage(): CredentialStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  };
}

describe('credentials', () => {
  it('reads appId and apiKey from the URL fragment, decoded', () => {
    expect(credentialsFromFragment('#appId=APP1&apiKey=a%2Bb%3D')).toEqual({ appId: 'APP1', apiKey: 'a+b=' });
    expect(credentialsFromFragment('appId=APP1&apiKey=k')).toEqual({ appId: 'APP1', apiKey: 'k' });
  });

  it('needs both, non-blank', () => {
    expect(credentialsFromFragment('#appId=APP1')).toBeNull();
    expect(credentialsFromFragment('#appId=&apiKey=k')).toBeNull();
    expect(credentialsFromFragment('#/debugger')).toBeNull();
    expect(credentialsFromFragment('')).toBeNull();
  });

  it('prefers the fragment and saves it for the session', () => {
    const storage = memoryStorage();
    saveCredentials(storage, { appId: 'OLD', apiKey: 'old' });
    const result = resolveCredentials('#appId=NEW&apiKey=new', storage);
    expect(result).toEqual({ credentials: { appId: 'NEW', apiKey: 'new' }, fromFragment: true });
    expect(resolveCredentials('#/debugger', storage)).toEqual({
      credentials: { appId: 'NEW', apiKey: 'new' },
      fromFragment: false,
    });
  });

  it('has none after sign-out, or when the stored value is damaged', () => {
    const storage = memoryStorage();
    saveCredentials(storage, { appId: 'A', apiKey: 'k' });
    forgetCredentials(storage);
    expect(resolveCredentials('', storage).credentials).toBeNull();
    storage.setItem(STORAGE_KEY, '{not json');
    expect(resolveCredentials('', storage).credentials).toBeNull();
    expect(parseStoredCredentials('{"appId":"A"}')).toBeNull();
    expect(parseStoredCredentials('[1]')).toBeNull();
  });
});
