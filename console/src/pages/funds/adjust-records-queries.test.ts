import { describe, expect, it } from 'vitest';
import { toAdjustRecordQuery, toWireTime } from './adjust-records-queries';

describe('toWireTime', () => {
  it('turns the picker’s local time into the API’s UTC second', () => {
    const local = '2026-03-01 08:30:00';
    expect(toWireTime(local)).toBe(
      `${new Date('2026-03-01T08:30:00').toISOString().slice(0, 19)}Z`,
    );
    expect(toWireTime(local)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });

  it('sends no filter for an empty or unreadable value', () => {
    expect(toWireTime(undefined)).toBeUndefined();
    expect(toWireTime('')).toBeUndefined();
    expect(toWireTime('yesterday')).toBeUndefined();
  });
});

describe('toAdjustRecordQuery', () => {
  it('keeps the filters the API knows', () => {
    const query = toAdjustRecordQuery({
      customer_id: 'c1',
      operation_type: 'SOURCE_OPERATION_BEADJUST',
      other: 'x',
    });
    expect(query).toEqual({
      customer_id: 'c1',
      operation_type: 'SOURCE_OPERATION_BEADJUST',
      trans_id: undefined,
      operation_time_begin: undefined,
      operation_time_end: undefined,
    });
  });
});
