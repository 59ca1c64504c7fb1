import { loadSettings } from '../../../config/settings';

describe('NATS_EVENTS_MAX_BYTES', () => {
  it('defaults to no cap of its own', () => {
    expect(loadSettings({}).NATS_EVENTS_MAX_BYTES).toBe(-1);
  });

  it('takes a positive number of bytes', () => {
    expect(loadSettings({ NATS_EVENTS_MAX_BYTES: '161061273600' }).NATS_EVENTS_MAX_BYTES).toBe(161061273600);
  });

  it.each(['0', '-5', '1.5', 'lots'])('refuses %s, naming the variable and what is expected', (value) => {
    expect(() => loadSettings({ NATS_EVENTS_MAX_BYTES: value })).toThrow(/NATS_EVENTS_MAX_BYTES: .*(expected|number)/);
  });
});
