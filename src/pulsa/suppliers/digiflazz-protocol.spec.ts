import { createHmac } from 'node:crypto';
import { digiflazzData, interpretDigiflazz, transactionSign, validHubSignature } from './digiflazz-protocol';

describe('Digiflazz protocol', () => {
  it('signs a transaction as md5(username + key + ref_id)', () => {
    // md5("budidev-keyREF1")
    expect(transactionSign('budi', 'dev-key', 'REF1')).toBe('84e0db8bfaf76d10724611344d461f36');
  });

  it('decides by rc, not by the status text', () => {
    expect(interpretDigiflazz({ rc: '00', sn: 'SN1', status: 'Pending' }, true)).toMatchObject({
      status: 'success',
      sn: 'SN1',
    });
    expect(interpretDigiflazz({ rc: '03', status: 'Sukses' }, true)).toMatchObject({ status: 'pending' });
    expect(interpretDigiflazz({ rc: '99' }, false)).toMatchObject({ status: 'pending' });
    expect(interpretDigiflazz({ rc: '01', message: 'Timeout' }, true)).toMatchObject({
      status: 'failed',
      reason: 'Timeout (rc 01)',
    });
    expect(interpretDigiflazz({ rc: '02' }, false)).toMatchObject({ status: 'failed' });
  });

  it('fails a first send refused with 40-49 at once, but never a re-check', () => {
    for (const rc of ['40', '41', '45', '49']) {
      expect(interpretDigiflazz({ rc }, true)).toMatchObject({ status: 'failed', rc });
      expect(interpretDigiflazz({ rc }, false)).toMatchObject({ status: 'pending', rc });
    }
  });

  it('checks X-Hub-Signature over the raw bytes', () => {
    const body = Buffer.from('{"data":{"ref_id":"R1","rc":"00"}}');
    const good = `sha1=${createHmac('sha1', 'rahasia').update(body).digest('hex')}`;
    expect(validHubSignature(body, good, 'rahasia')).toBe(true);
    expect(validHubSignature(body, good.toUpperCase().replace('SHA1=', 'sha1='), 'rahasia')).toBe(true);
    expect(validHubSignature(Buffer.from(`${body.toString()} `), good, 'rahasia')).toBe(false);
    expect(validHubSignature(body, good, 'lain')).toBe(false);
    expect(validHubSignature(body, undefined, 'rahasia')).toBe(false);
    expect(validHubSignature(body, 'sha1=abc', 'rahasia')).toBe(false);
  });

  it('reads only bodies that are Digiflazz answers', () => {
    expect(digiflazzData({ data: { rc: '00' } })).toEqual({ rc: '00' });
    for (const body of [null, 'x', {}, { data: null }, { data: [] }, { data: { rc: 0 } }, { data: { rc: '0' } }]) {
      expect(digiflazzData(body)).toBeNull();
    }
  });
});
