import { EventStreamText } from '../../buildlog/sse';

/** Every event's data the text gives, pushed in pieces of `size` characters. */
function events(wire: string, size = wire.length): string[] {
  const text = new EventStreamText();
  const all: string[] = [];
  for (let at = 0; at < wire.length; at += size) {
    text.push(wire.slice(at, at + size));
    for (let data = text.next(); data !== null; data = text.next()) {
      all.push(data);
    }
  }
  return all;
}

describe('EventStreamText', () => {
  const wire =
    ':keepalive\n\n' +
    'data: {"phase":"building"}\n\n' +
    'data:no space\r\n\r\n' +
    'data: first\ndata: second\n\n' +
    'data:\ndata: \ndata:  two spaces\n\n' +
    'event: ignored\nid: 7\ndata: after other fields\n\n' +
    'dat: not data\n\n' +
    'data: ünïcode ✓ 🐍\n\n' +
    'data: not ended yet\n';

  it('gives the data of each complete event, comments and other fields dropped', () => {
    expect(events(wire)).toEqual([
      '{"phase":"building"}',
      'no space',
      'first\nsecond',
      '\n\n two spaces',
      'after other fields',
      'ünïcode ✓ 🐍'
    ]);
  });

  it('gives the same events whatever pieces the text arrives in', () => {
    for (const size of [1, 2, 3, 7, 16]) {
      expect(events(wire, size)).toEqual(events(wire));
    }
  });

  it('holds an event until its blank line arrives', () => {
    const text = new EventStreamText();
    text.push('data: half');
    expect(text.next()).toBeNull();
    text.push(' and the rest\n');
    expect(text.next()).toBeNull();
    text.push('\n');
    expect(text.next()).toBe('half and the rest');
    expect(text.next()).toBeNull();
  });
});
