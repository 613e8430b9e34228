import { describe, expect, it } from 'vitest';
import { keyedHash, sign, verify } from './signing.ts';

describe('signing', () => {
  it('verifies what it signed and nothing else', () => {
    const token = sign('s3cret', 'form', '12.1700000000');
    expect(verify('s3cret', 'form', token)).toBe('12.1700000000');
    expect(verify('other', 'form', token)).toBeUndefined();
    expect(verify('s3cret', 'cookie', token)).toBeUndefined();
    expect(verify('s3cret', 'form', token.replace('12.', '13.'))).toBeUndefined();
    expect(verify('s3cret', 'form', 'garbage')).toBeUndefined();
  });

  it('hashes an IP so the same IP matches and the IP cannot be read back', () => {
    const a = keyedHash('s3cret', 'ip', '203.0.113.7');
    expect(a).toBe(keyedHash('s3cret', 'ip', '203.0.113.7'));
    expect(a).not.toContain('203');
    expect(a).not.toBe(keyedHash('other', 'ip', '203.0.113.7'));
  });
});
