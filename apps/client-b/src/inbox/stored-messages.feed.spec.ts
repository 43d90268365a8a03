import { InboxMessageView, encodeInboxCursor } from './inbox-message.view';
import { StoredMessagesFeed } from './stored-messages.feed';

const id = (letter: string) => `inbox:${letter.repeat(8)}-0000-4000-8000-000000000000`;
const view = (letter: string): InboxMessageView =>
  ({
    messageId: letter,
    message: letter,
    cursor: encodeInboxCursor({ receivedAt: new Date(1), id: id(letter) }),
  }) as InboxMessageView;

describe(StoredMessagesFeed.name, () => {
  it('should announce a later batch only after an earlier one, whichever finishes first', () => {
    const feed = new StoredMessagesFeed();
    const announced: string[] = [];
    feed.messages$.subscribe(({ messageId }) => announced.push(messageId));
    const first = feed.openSlot();
    const second = feed.openSlot();

    second.fill([view('c'), view('d')]);
    const beforeFirst = [...announced];
    first.fill([view('b'), view('a')]);

    expect(beforeFirst).toEqual([]);
    expect(announced).toEqual(['a', 'b', 'c', 'd']);
  });

  it('should give every batch a strictly later receivedAt than the one before', () => {
    const feed = new StoredMessagesFeed();
    const times = Array.from({ length: 50 }, () => feed.openSlot().receivedAt.getTime());

    expect(times.every((time, index) => index === 0 || time > times[index - 1])).toBe(true);
  });
});
